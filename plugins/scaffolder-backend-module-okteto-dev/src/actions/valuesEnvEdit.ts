import { InputError } from '@backstage/errors';
import { isMap, isScalar, Node, ToStringOptions } from 'yaml';
import {
  documentsParseTo,
  isRecord,
  parseYamlDocumentsSafe,
} from './yamlDocuments';
import { findPair } from './yamlNodes';
import {
  applySplices,
  detectLayout,
  insertPair,
  replaceScalar,
  setEmptyValue,
  Splice,
} from './yamlSplice';

/** How values are written: `NAME: "value"`, as web-core's values files do. */
const QUOTED: ToStringOptions = {
  defaultStringType: 'QUOTE_DOUBLE',
  defaultKeyType: 'PLAIN',
};

/** What {@link setValuesEnv} did. */
export interface ValuesEnvEdit {
  content: string;
  changed: boolean;
  /** Names added or changed, with the value they had (undefined: not set). */
  set: Array<{ name: string; value: string; previous?: string }>;
  /** Names that already had the value. */
  unchanged: string[];
}

/** A scalar as the chart's `{{ $v | quote }}` renders it; undefined for anything else. */
function asEnvString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

/**
 * Sets `env.<name>: "<value>"` in a Helm values file for each entry of `env`, editing only those
 * nodes (a new `env:` map goes after the last top-level key), and checks that the file then parses
 * to exactly the expected data. A missing file (`text` undefined) is created with a header
 * comment. Names that already have the value are left alone.
 */
export function setValuesEnv(
  text: string | undefined,
  label: string,
  env: Record<string, string>,
  header: string,
): ValuesEnvEdit {
  const names = Object.keys(env);
  if (text === undefined) {
    const lines = names.map(name => `  ${name}: ${JSON.stringify(env[name])}`);
    return {
      content: `${header}\n\nenv:\n${lines.join('\n')}\n`,
      changed: true,
      set: names.map(name => ({ name, value: env[name] })),
      unchanged: [],
    };
  }
  const docs = parseYamlDocumentsSafe(text, label);
  if (docs.length > 1) {
    throw new InputError(
      `${label} holds ${docs.length} YAML documents; a Helm values file has one`,
    );
  }
  const data = docs.length ? docs[0].data : {};
  if (!isRecord(data)) {
    throw new InputError(`${label} is not a YAML mapping of Helm values`);
  }
  const current = data.env;
  if (current !== undefined && current !== null && !isRecord(current)) {
    throw new InputError(
      `${label}: env is a ${
        Array.isArray(current) ? 'list' : typeof current
      }, but the chart reads env as a map of NAME: value; set it by hand`,
    );
  }
  const currentEnv = isRecord(current) ? current : {};
  const result: ValuesEnvEdit = {
    content: text,
    changed: false,
    set: [],
    unchanged: [],
  };
  for (const name of names) {
    const previous = asEnvString(currentEnv[name]);
    if (previous === env[name]) result.unchanged.push(name);
    else {
      result.set.push({
        name,
        value: env[name],
        ...(previous !== undefined ? { previous } : {}),
      });
    }
  }
  if (result.set.length === 0) return result;

  const expectedEnv = { ...currentEnv };
  for (const { name, value } of result.set) expectedEnv[name] = value;
  const expected = { ...data, env: expectedEnv };
  const splices: Splice[] = [];
  if (docs.length === 0 || !isMap(docs[0].doc.contents)) {
    // Empty (or comment-only) file: append the env map.
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const sep = text.length > 0 && !text.endsWith('\n') ? eol : '';
    const lines = result.set.map(
      s => `  ${s.name}: ${JSON.stringify(s.value)}${eol}`,
    );
    splices.push({
      start: text.length,
      end: text.length,
      text: `${sep}env:${eol}${lines.join('')}`,
    });
  } else {
    const root = docs[0].doc.contents;
    const layout = detectLayout(text, root);
    const envPair = findPair(root, 'env');
    if (!envPair) {
      const value = Object.fromEntries(result.set.map(s => [s.name, s.value]));
      splices.push(insertPair(text, root, 'env', value, layout, QUOTED));
    } else if (!isMap(envPair.value)) {
      const value = Object.fromEntries(result.set.map(s => [s.name, s.value]));
      splices.push(setEmptyValue(text, envPair, value, layout, QUOTED));
    } else {
      const envMap = envPair.value;
      for (const { name, value } of result.set) {
        const pair = findPair(envMap, name);
        if (
          pair &&
          isScalar(pair.value) &&
          pair.value.range![1] > pair.value.range![0]
        ) {
          splices.push(replaceScalar(pair.value as Node, value, QUOTED));
        } else if (pair) {
          splices.push(setEmptyValue(text, pair, value, layout, QUOTED));
        } else {
          splices.push(insertPair(text, envMap, name, value, layout, QUOTED));
        }
      }
    }
  }
  const content = applySplices(text, splices);
  if (!documentsParseTo(content, label, [expected])) {
    throw new InputError(
      `${label}: could not set ${result.set
        .map(s => s.name)
        .join(', ')} without changing other content; set it by hand`,
    );
  }
  return { ...result, content, changed: true };
}
