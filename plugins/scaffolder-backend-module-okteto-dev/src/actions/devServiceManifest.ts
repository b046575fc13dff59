import { InputError } from '@backstage/errors';
import { isLegacyOktetoManifest } from '@okteto-dev/plugin-okteto-dev-common';
import { isDeepStrictEqual } from 'node:util';
import {
  Document,
  isMap,
  isNode,
  isScalar,
  Pair,
  stringify,
  YAMLMap,
} from 'yaml';
import { parseYamlSafe } from './yamlSafe';

/** The body of one `dev:` entry, in the order it is written. */
export type DevEntryBody = Record<string, unknown>;

/** What {@link upsertDevEntries} did. */
export interface DevEntriesEdit {
  content: string;
  changed: boolean;
  added: string[];
  replaced: string[];
  unchanged: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Start offset of a node in the source text. */
function startOf(node: unknown): number {
  return isNode(node) && node.range ? node.range[0] : 0;
}

/** End offset of a node's value (before trailing comments), falling back to `fallback`. */
function endOf(node: unknown, fallback: number): number {
  return isNode(node) && node.range ? node.range[1] : fallback;
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The position just after the line that contains `pos - 1` (a node's end). */
function lineEnd(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const newline = text.indexOf('\n', pos);
  return newline === -1 ? text.length : newline + 1;
}

function renderEntry(
  key: string,
  body: DevEntryBody,
  indentColumn: number,
  step: number,
  eol: string,
): string {
  const text = stringify({ [key]: body }, { indent: step, lineWidth: 0 });
  const pad = ' '.repeat(indentColumn);
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map(line => (line ? pad + line : line))
    .map(line => line + eol)
    .join('');
}

/**
 * A new manifest with one or more dev entries sharing `body`.
 */
export function renderNewManifest(
  keys: string[],
  body: DevEntryBody,
  manifestName?: string,
): string {
  const head = manifestName
    ? `name: ${stringify(manifestName).trimEnd()}\n\n`
    : '';
  const entries = keys.map(key => renderEntry(key, body, 2, 2, '\n'));
  return `${head}dev:\n${entries.join('\n')}`;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find(
    (pair): pair is Pair => isScalar(pair.key) && pair.key.value === key,
  ) as Pair | undefined;
}

function column(text: string, pos: number): number {
  return pos - lineStart(text, pos);
}

/** The layout of a block `dev:` map: key column, nesting step, blank lines between entries. */
function devLayout(text: string, dev: YAMLMap) {
  const first = dev.items[0] as Pair;
  const keyColumn = column(text, startOf(first.key));
  let step = 2;
  if (isMap(first.value) && !first.value.flow && first.value.items.length) {
    const inner = column(text, startOf(first.value.items[0].key));
    if (inner > keyColumn) step = inner - keyColumn;
  }
  let blankLines = false;
  for (let i = 1; i < dev.items.length; i++) {
    const prev = dev.items[i - 1] as Pair;
    const prevEnd = lineEnd(text, endOf(prev.value, endOf(prev.key, 0)));
    const nextStart = lineStart(text, startOf(dev.items[i].key));
    const between = text.slice(prevEnd, nextStart).split('\n').slice(0, -1);
    if (between.some(line => line.trim() === '')) blankLines = true;
  }
  return { keyColumn, step, blankLines };
}

/** Edits the text directly, so nothing outside the entry changes; undefined when it cannot. */
function editText(
  text: string,
  doc: Document.Parsed,
  key: string,
  body: DevEntryBody,
  eol: string,
): string | undefined {
  const contents = doc.contents;
  const sep = text.length > 0 && !text.endsWith('\n') ? eol : '';
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return `${text}${sep}dev:${eol}${renderEntry(key, body, 2, 2, eol)}`;
  }
  if (!isMap(contents) || contents.flow) return undefined;
  const devPair = findPair(contents, 'dev');
  if (!devPair) {
    const blank = text.trim() ? eol : '';
    return `${text}${sep}${blank}dev:${eol}${renderEntry(
      key,
      body,
      2,
      2,
      eol,
    )}`;
  }
  const dev = devPair.value;
  if (!isMap(dev) || dev.flow || dev.items.length === 0) return undefined;
  const { keyColumn, step, blankLines } = devLayout(text, dev);
  const rendered = renderEntry(key, body, keyColumn, step, eol);
  const existing = findPair(dev, key);
  if (existing) {
    const start = lineStart(text, startOf(existing.key));
    const end = lineEnd(text, endOf(existing.value, endOf(existing.key, 0)));
    const lead = end === text.length && !text.endsWith('\n') ? eol : '';
    return text.slice(0, start) + lead + rendered + text.slice(end);
  }
  const last = dev.items[dev.items.length - 1] as Pair;
  const at = lineEnd(text, endOf(last.value, endOf(last.key, 0)));
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  const blank = blankLines ? eol : '';
  return text.slice(0, at) + lead + blank + rendered + text.slice(at);
}

/** Edits through the Document API; formatting elsewhere may be normalised. */
function editDocument(
  doc: Document.Parsed,
  key: string,
  body: DevEntryBody,
): string {
  const copy = doc.clone();
  const dev = copy.get('dev');
  if (!isMap(dev)) {
    copy.set('dev', copy.createNode({ [key]: body }));
  } else {
    dev.set(key, copy.createNode(body));
  }
  return copy.toString({ lineWidth: 0 });
}

function checkManifest(data: unknown, label: string) {
  if (data === null || data === undefined) return;
  if (!isRecord(data)) {
    throw new InputError(`${label} is not a YAML mapping`);
  }
  if (isLegacyOktetoManifest(data)) {
    throw new InputError(
      `${label} is a legacy (v1) Okteto manifest: it has no 'dev:' map. Migrate it to the v2 format ` +
        `first: keep 'name:' at the top level and move the dev fields (image, command, sync, ...) under ` +
        `'dev: <name>:' (see https://www.okteto.com/docs/reference/okteto-manifest/)`,
    );
  }
  if (data.dev !== undefined && data.dev !== null && !isRecord(data.dev)) {
    throw new InputError(
      `${label}: 'dev' must be a mapping of dev service names to their definitions`,
    );
  }
}

/**
 * Adds (or, with `replace`, replaces) dev entries named `keys` with `body` in a manifest's text,
 * keeping every byte outside those entries. The result is re-parsed and checked to carry exactly
 * the expected data.
 */
export function upsertDevEntries(
  text: string,
  label: string,
  keys: string[],
  body: DevEntryBody,
  replace: boolean,
): DevEntriesEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const original = parseYamlSafe(text, label).data;
  checkManifest(original, label);
  const result: DevEntriesEdit = {
    content: text,
    changed: false,
    added: [],
    replaced: [],
    unchanged: [],
  };
  for (const key of keys) {
    const { doc, data } = parseYamlSafe(result.content, label);
    const dev = isRecord(data) && isRecord(data.dev) ? data.dev : {};
    if (key in dev) {
      if (isDeepStrictEqual(dev[key], body)) {
        result.unchanged.push(key);
        continue;
      }
      if (!replace) {
        throw new InputError(
          `${label} already has a dev service '${key}' with a different definition; ` +
            `set 'replace: true' to overwrite it`,
        );
      }
      result.replaced.push(key);
    } else {
      result.added.push(key);
    }
    const expected = {
      ...(isRecord(data) ? data : {}),
      dev: { ...dev, [key]: body },
    };
    const candidates = [
      () => editText(result.content, doc, key, body, eol),
      () => editDocument(doc, key, body),
    ];
    let edited: string | undefined;
    for (const candidate of candidates) {
      const next = candidate();
      if (next === undefined) continue;
      const reparsed = parseYamlSafe(next, label).data;
      if (isDeepStrictEqual(reparsed, expected)) {
        edited = next;
        break;
      }
    }
    if (edited === undefined) {
      throw new InputError(
        `${label}: could not add dev service '${key}' without changing other content`,
      );
    }
    result.content = edited;
    result.changed = true;
  }
  return result;
}
