import { Document, isMap, isScalar, Pair, stringify, YAMLMap } from 'yaml';
import {
  columnOf,
  endOf,
  findPair,
  lineEnd,
  lineStart,
  startOf,
} from './yamlNodes';

/** The body of one `dev:` entry, in the order it is written. */
export type DevEntryBody = Record<string, unknown>;

/** `key: body` as block YAML, every line indented by `indentColumn`, with `eol` line endings. */
export function renderEntry(
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

/** The layout of a block `dev:` map: key column, nesting step, blank lines between entries. */
function devLayout(text: string, dev: YAMLMap) {
  const first = dev.items[0] as Pair;
  const keyColumn = columnOf(text, startOf(first.key));
  let step = 2;
  if (isMap(first.value) && !first.value.flow && first.value.items.length) {
    const inner = columnOf(text, startOf(first.value.items[0].key));
    if (inner > keyColumn) step = inner - keyColumn;
  }
  let blankLines = false;
  for (let i = 1; i < dev.items.length && !blankLines; i++) {
    const prev = dev.items[i - 1] as Pair;
    const prevEnd = lineEnd(text, endOf(prev.value, endOf(prev.key, 0)));
    const nextStart = lineStart(text, startOf(dev.items[i].key));
    const between = text.slice(prevEnd, nextStart).split('\n').slice(0, -1);
    if (between.some(line => line.trim() === '')) blankLines = true;
  }
  return { keyColumn, step, blankLines };
}

/**
 * A text edit of a manifest. `appended` is set when the edit only inserted new entries after the
 * last entry of a block `dev:` map: then the lines of that last entry (`[start, end)` of the
 * original) followed by `inserted` must parse to the last entry plus the new ones, which is how
 * the edit is checked without parsing the whole file again.
 */
export interface DevTextEdit {
  content: string;
  appended?: {
    start: number;
    end: number;
    inserted: string;
    lastKey: string;
    keyColumn: number;
  };
}

/**
 * Adds `added` and replaces `replaced` entries by editing the text, so nothing outside those
 * entries changes; undefined when the layout cannot be edited in place (flow style, empty `dev:`).
 */
export function editDevText(
  text: string,
  doc: Document.Parsed,
  added: string[],
  replaced: string[],
  body: DevEntryBody,
  eol: string,
): DevTextEdit | undefined {
  const contents = doc.contents;
  const sep = text.length > 0 && !text.endsWith('\n') ? eol : '';
  const fresh = (blank: string) =>
    `${text}${sep}${blank}dev:${eol}${added
      .map(key => renderEntry(key, body, 2, 2, eol))
      .join('')}`;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return replaced.length ? undefined : { content: fresh('') };
  }
  if (!isMap(contents) || contents.flow) return undefined;
  const devPair = findPair(contents, 'dev');
  if (!devPair) {
    return replaced.length
      ? undefined
      : { content: fresh(text.trim() ? eol : '') };
  }
  const dev = devPair.value;
  const empty =
    (isMap(dev) && dev.flow && dev.items.length === 0) ||
    dev === null ||
    (isScalar(dev) && dev.value === null);
  if (empty && replaced.length === 0) {
    // `dev: {}` or `dev:` with nothing: the entries go on the lines after the key.
    const keyEnd = endOf(devPair.key, 0);
    const colon = text.indexOf(':', keyEnd) + 1;
    // Only `{}` goes; a comment after `dev:` stays.
    const valueEnd = isMap(dev) && dev.range ? dev.range[1] : colon;
    const at = lineEnd(text, valueEnd);
    const lead = at === text.length && !text.endsWith('\n') ? eol : '';
    const entries = added.map(key => renderEntry(key, body, 2, 2, eol));
    const splices = [
      { start: at, end: at, text: lead + entries.join('') },
      { start: colon, end: valueEnd, text: '' },
    ];
    let content = text;
    for (const s of splices) {
      content = content.slice(0, s.start) + s.text + content.slice(s.end);
    }
    return { content };
  }
  if (!isMap(dev) || dev.flow || dev.items.length === 0) return undefined;
  const { keyColumn, step, blankLines } = devLayout(text, dev);
  const splices: Array<{ start: number; end: number; text: string }> = [];
  for (const key of replaced) {
    const existing = findPair(dev, key)!;
    const start = lineStart(text, startOf(existing.key));
    const end = lineEnd(text, endOf(existing.value, endOf(existing.key, 0)));
    const lead = end === text.length && !text.endsWith('\n') ? eol : '';
    splices.push({
      start,
      end,
      text: lead + renderEntry(key, body, keyColumn, step, eol),
    });
  }
  let appended: DevTextEdit['appended'];
  if (added.length > 0) {
    const last = dev.items[dev.items.length - 1] as Pair;
    const at = lineEnd(text, endOf(last.value, endOf(last.key, 0)));
    const lead = at === text.length && !text.endsWith('\n') ? eol : '';
    const blank = blankLines ? eol : '';
    const inserted =
      lead +
      added
        .map(key => blank + renderEntry(key, body, keyColumn, step, eol))
        .join('');
    splices.push({ start: at, end: at, text: inserted });
    if (replaced.length === 0 && isScalar(last.key)) {
      appended = {
        start: lineStart(text, startOf(last.key)),
        end: at,
        inserted,
        lastKey: String(last.key.value),
        keyColumn,
      };
    }
  }
  splices.sort((a, b) => b.start - a.start);
  let content = text;
  for (const s of splices) {
    content = content.slice(0, s.start) + s.text + content.slice(s.end);
  }
  return { content, appended };
}

/** Edits through the Document API; formatting elsewhere may be normalised. */
export function editDevDocument(
  doc: Document.Parsed,
  keys: string[],
  body: DevEntryBody,
): string {
  const copy = doc.clone();
  for (const key of keys) {
    const dev = copy.get('dev');
    if (!isMap(dev)) {
      copy.set('dev', copy.createNode({ [key]: body }));
    } else {
      dev.set(key, copy.createNode(body));
    }
  }
  return copy.toString({ lineWidth: 0 });
}

/**
 * True when nothing after `end` but blank and comment lines comes before a line indented less than
 * `keyColumn` (or the end): the `dev:` map ends at `end`.
 */
export function endsDevMap(text: string, end: number, keyColumn: number) {
  let pos = end;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const line = text.slice(pos, newline === -1 ? text.length : newline);
    const trimmed = line.trimStart();
    if (trimmed !== '' && trimmed !== '\r' && !trimmed.startsWith('#')) {
      return line.length - trimmed.length < keyColumn;
    }
    if (newline === -1) break;
    pos = newline + 1;
  }
  return true;
}
