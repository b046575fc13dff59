import { InputError } from '@backstage/errors';
import { Document, parseDocument } from 'yaml';

/** Files larger than this are refused before parsing. */
export const MAX_YAML_BYTES = 1024 * 1024;

/** More alias expansions than this is a resource exhaustion attempt ("billion laughs"). */
export const MAX_YAML_ALIASES = 100;

/** A parsed YAML file: the Document (with source ranges) and its plain data. */
export interface SafeYaml {
  doc: Document.Parsed;
  data: unknown;
}

/**
 * Parses one YAML document with a size cap and an alias cap, so that a hostile or broken file is an
 * InputError naming the file, never a hang or a crash.
 */
export function parseYamlSafe(text: string, label: string): SafeYaml {
  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    throw new InputError(
      `${label} is larger than ${MAX_YAML_BYTES} bytes; refusing to parse it`,
    );
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputError(
      `${label} is not valid YAML: ${doc.errors[0].message}`,
    );
  }
  try {
    return { doc, data: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    throw new InputError(
      `${label} could not be read as YAML: ${(error as Error).message}`,
    );
  }
}
