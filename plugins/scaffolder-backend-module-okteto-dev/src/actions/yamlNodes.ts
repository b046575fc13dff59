import { isMap, isNode, isPair, isScalar, Pair } from 'yaml';

/**
 * Where YAML nodes are in their source text (from the Document API's ranges), and the pairs of a
 * map by key: what the text edits of the actions are located with.
 */

/** Start offset of a node in the source text. */
export function startOf(node: unknown): number {
  return isNode(node) && node.range ? node.range[0] : 0;
}

/** End offset of a node's value (before trailing comments), falling back to `fallback`. */
export function endOf(node: unknown, fallback: number): number {
  return isNode(node) && node.range ? node.range[1] : fallback;
}

/** The offset where the line holding `pos` starts. */
export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The position just after the line that contains `pos - 1` (a node's end). */
export function lineEnd(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const newline = text.indexOf('\n', pos);
  return newline === -1 ? text.length : newline + 1;
}

/** The column of an offset. */
export function columnOf(text: string, pos: number): number {
  return pos - lineStart(text, pos);
}

/** The pair of a map with the scalar key `key`; undefined when `map` is not a map or has none. */
export function findPair(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find(
    (p): p is Pair => isPair(p) && isScalar(p.key) && p.key.value === key,
  );
}
