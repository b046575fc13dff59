import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  Node,
  Pair,
  Scalar,
  stringify,
  ToStringOptions,
  visit,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { columnOf, lineEnd, startOf } from './yamlNodes';

/**
 * Edits of a YAML file as text splices located with the Document API's source ranges, so every
 * byte outside the edited nodes stays as it was (comments, quotes, blank lines, flow or block
 * style). Each edit renders only the new node, in the file's own indentation.
 */

/** Replace `[start, end)` of the original text by `text` (an insertion when start === end). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** How a file is indented: nesting step, whether block sequences are indented under their key. */
export interface YamlLayout {
  step: number;
  indentSeq: boolean;
  eol: string;
}

/** Applies non-overlapping splices; splices at the same offset keep their order. */
export function applySplices(text: string, splices: Splice[]): string {
  const sorted = splices
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) throw new Error('overlapping YAML edits');
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The indentation of a document: read from its first nested block map and block sequence. */
export function detectLayout(text: string, root: unknown): YamlLayout {
  const layout: YamlLayout = {
    step: 2,
    indentSeq: true,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
  let stepFound = false;
  let seqFound = false;
  visit(root as Node, {
    Pair(_, pair) {
      if (!isScalar(pair.key)) return undefined;
      const keyColumn = columnOf(text, startOf(pair.key));
      const value = pair.value;
      if (!stepFound && isMap(value) && !value.flow && value.items.length) {
        const inner = columnOf(text, startOf(value.items[0].key));
        if (inner > keyColumn) {
          layout.step = inner - keyColumn;
          stepFound = true;
        }
      }
      if (!seqFound && isSeq(value) && !value.flow && value.items.length) {
        layout.indentSeq = columnOf(text, startOf(value)) > keyColumn;
        seqFound = true;
      }
      return stepFound && seqFound ? visit.BREAK : undefined;
    },
  });
  return layout;
}

function render(value: unknown, options: ToStringOptions): string {
  return stringify(value, { lineWidth: 0, ...options }).replace(/\n$/, '');
}

/** Block text, each line indented by `column`, with the file's line endings. */
function indentLines(block: string, column: number, eol: string): string {
  const pad = ' '.repeat(column);
  return block
    .split('\n')
    .map(line => (line ? pad + line : line) + eol)
    .join('');
}

/** A value in flow style, on one line. */
export function renderFlow(value: unknown, options: ToStringOptions = {}) {
  return render(value, { ...options, collectionStyle: 'flow' });
}

/**
 * Where a new item of a block collection goes: after the last line of its last item, and after the
 * comment lines that follow it at the items' indentation or deeper (they belong to the collection).
 */
function afterLastItem(
  text: string,
  node: YAMLMap | YAMLSeq,
  column: number,
): number {
  const last = node.items[node.items.length - 1];
  const end = isPair(last)
    ? (isNode(last.value) && last.value.range?.[1]) ||
      (isNode(last.key) && last.key.range?.[1]) ||
      0
    : (isNode(last) && last.range?.[1]) || 0;
  let at = lineEnd(text, end);
  for (let pos = at; pos < text.length; ) {
    const newline = text.indexOf('\n', pos);
    const next = newline === -1 ? text.length : newline + 1;
    const line = text.slice(pos, next).replace(/\r?\n$/, '');
    const trimmed = line.trimStart();
    if (trimmed.startsWith('#') && line.length - trimmed.length >= column) {
      at = next;
    } else if (trimmed !== '' && trimmed !== '\r') {
      break;
    }
    pos = next;
  }
  return at;
}

/** Flow style options that match a flow collection's own spacing (`{a: 1}` or `{ a: 1 }`). */
function flowStyleOf(text: string, node: YAMLMap | YAMLSeq): ToStringOptions {
  const start = startOf(node);
  return { flowCollectionPadding: text[start + 1] === ' ' };
}

/** Where a flow collection's content ends: after its last item, or just inside its bracket. */
function flowInsertPoint(
  text: string,
  node: YAMLMap | YAMLSeq,
): { at: number; first: boolean } {
  if (node.items.length === 0) {
    return {
      at: text.indexOf(isMap(node) ? '{' : '[', startOf(node)) + 1,
      first: true,
    };
  }
  const last = node.items[node.items.length - 1];
  const end = isPair(last)
    ? (isNode(last.value) && last.value.range?.[1]) ||
      (isNode(last.key) && last.key.range?.[1])
    : isNode(last) && last.range?.[1];
  return { at: end || startOf(node) + 1, first: false };
}

/** Inserts `key: value` as the last pair of a map (block or flow). */
export function insertPair(
  text: string,
  map: YAMLMap,
  key: string,
  value: unknown,
  layout: YamlLayout,
  options: ToStringOptions = {},
): Splice {
  if (map.flow) {
    const { at, first } = flowInsertPoint(text, map);
    const style = { ...options, ...flowStyleOf(text, map) };
    const keyStyle = {
      ...style,
      defaultStringType: options.defaultKeyType ?? 'PLAIN',
    };
    const pair = `${render(key, keyStyle)}: ${renderFlow(value, style)}`;
    return { start: at, end: at, text: first ? pair : `, ${pair}` };
  }
  const column = columnOf(text, startOf(map.items[0].key));
  return blockAt(
    text,
    afterLastItem(text, map, column),
    column,
    { [key]: value },
    layout,
    options,
  );
}

/** Appends an item to a sequence (block or flow). */
export function appendItem(
  text: string,
  seq: YAMLSeq,
  value: unknown,
  layout: YamlLayout,
  options: ToStringOptions = {},
): Splice {
  if (seq.flow) {
    const { at, first } = flowInsertPoint(text, seq);
    const item = renderFlow(value, { ...options, ...flowStyleOf(text, seq) });
    return { start: at, end: at, text: first ? item : `, ${item}` };
  }
  const column = columnOf(text, startOf(seq));
  return blockAt(
    text,
    afterLastItem(text, seq, column),
    column,
    [value],
    layout,
    options,
  );
}

/**
 * Renders `content` as block YAML indented to `column` and inserts it at `at` (a line end), on
 * lines of its own.
 */
function blockAt(
  text: string,
  at: number,
  column: number,
  content: unknown,
  layout: YamlLayout,
  options: ToStringOptions,
): Splice {
  const lead = at === text.length && !text.endsWith('\n') ? layout.eol : '';
  const block = render(content, {
    indent: layout.step,
    indentSeq: layout.indentSeq,
    ...options,
  });
  return {
    start: at,
    end: at,
    text: lead + indentLines(block, column, layout.eol),
  };
}

/**
 * Replaces a scalar's source text by `value` rendered on one line; a string keeps the quotes the
 * scalar had.
 */
export function replaceScalar(
  node: Node,
  value: unknown,
  options: ToStringOptions = {},
): Splice {
  const [start, end] = node.range!;
  const quoted =
    typeof value === 'string' &&
    isScalar(node) &&
    (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  const style = quoted
    ? {
        defaultStringType: (node as Scalar).type as
          | 'QUOTE_DOUBLE'
          | 'QUOTE_SINGLE',
      }
    : {};
  return { start, end, text: renderFlow(value, { ...options, ...style }) };
}

/**
 * Gives a value to a pair that has none (`key:` or `key: null`): a collection goes on the lines
 * after the key, indented one step deeper; a scalar, or anything after an explicit `null`, on the
 * key's line.
 */
export function setEmptyValue(
  text: string,
  pair: Pair,
  value: unknown,
  layout: YamlLayout,
  options: ToStringOptions = {},
): Splice {
  const node = pair.value;
  const explicit =
    isScalar(node) && node.range && node.range[1] > node.range[0];
  if (explicit) return replaceScalar(node as Node, value, options);
  const keyEnd = (isNode(pair.key) && pair.key.range?.[1]) || 0;
  if (typeof value !== 'object' || value === null) {
    const at = text.indexOf(':', keyEnd) + 1;
    return { start: at, end: at, text: ` ${renderFlow(value, options)}` };
  }
  // a sequence written without indentSeq starts at the key's column; anything else one step in
  const seqUnderKey = Array.isArray(value) && !layout.indentSeq;
  const column =
    columnOf(text, startOf(pair.key)) + (seqUnderKey ? 0 : layout.step);
  return blockAt(text, lineEnd(text, keyEnd), column, value, layout, options);
}
