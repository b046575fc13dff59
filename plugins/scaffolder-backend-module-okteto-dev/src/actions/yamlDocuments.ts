import { InputError } from '@backstage/errors';
import { Document, parseAllDocuments } from 'yaml';
import { MAX_YAML_ALIASES, MAX_YAML_BYTES } from './yamlSafe';

/** One document of a YAML stream: the Document (with source ranges) and its plain data. */
export interface ParsedYamlDocument {
  doc: Document.Parsed;
  data: unknown;
}

/**
 * Parses every document of a YAML stream (`---` separated) with the size and alias caps of
 * `parseYamlSafe`; a malformed file is an InputError naming it. Empty documents are left out.
 */
export function parseYamlDocumentsSafe(
  text: string,
  label: string,
): ParsedYamlDocument[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    throw new InputError(
      `${label} is larger than ${MAX_YAML_BYTES} bytes; refusing to parse it`,
    );
  }
  const docs = parseAllDocuments(text, {
    prettyErrors: true,
    uniqueKeys: true,
  });
  if (!Array.isArray(docs)) return [];
  const parsed: ParsedYamlDocument[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new InputError(
        `${label} is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      throw new InputError(
        `${label} could not be read as YAML: ${(error as Error).message}`,
      );
    }
    if (data !== null && data !== undefined) parsed.push({ doc, data });
  }
  return parsed;
}

/**
 * Whether `text` parses to exactly `expected`, one data value per non-empty document: the check
 * that a text edit changed the data as intended and nothing else.
 */
export function documentsParseTo(
  text: string,
  label: string,
  expected: unknown[],
): boolean {
  try {
    const docs = parseYamlDocumentsSafe(text, label);
    return sameData(
      docs.map(d => d.data),
      expected,
    );
  } catch {
    return false;
  }
}

/** A plain object (YAML map), not an array or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep equality of parsed YAML data: maps (in any key order, whatever their prototype), lists in
 * order, and scalars by value. What "the file holds the same data" means.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameData(item, b[i]))
    );
  }
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    a instanceof Date ||
    b instanceof Date
  ) {
    return (
      a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
    );
  }
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every(
      key =>
        Object.prototype.hasOwnProperty.call(b, key) &&
        sameData((a as Record<string, unknown>)[key], bRecord[key]),
    )
  );
}
