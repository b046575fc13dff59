import { sameData } from './yamlDocuments';
import { parseYamlSafe } from './yamlSafe';

/**
 * A fast path through an Okteto manifest for the questions that need one dev entry, not the whole
 * file: "is dev.<key> already this?" (a re-run of `okteto:dev-service:add`) and "what are the
 * sync folders of dev.<key>?" (`okteto:stignore:ensure`, `okteto:repo-files:fetch`). Parsing a
 * 500-service manifest takes ~60 ms; finding the entry's lines and parsing only them takes ~1 ms.
 *
 * The scan accepts only the plain block layout Okteto manifests are written in, and answers
 * "don't know" (undefined) for anything else, so the caller parses the whole file:
 *
 * - every line that is neither blank nor a comment is a top-level `key:` at column 0 or content
 *   indented under one; no tabs in indentation, no `---`/`...`/`%` lines, no quoted or complex keys;
 * - `dev:` has nothing after the colon but a comment, and its entries are `name:` lines at one
 *   column, everything between them indented deeper;
 * - no key appears twice at the top level or in `dev:`.
 *
 * In valid YAML a block map entry is its key line plus every following line indented deeper (a
 * continuation at a lower indentation is an error: the parser stops the scalar there), so the
 * lines of one entry, parsed alone, give exactly that entry. An entry whose lines do not parse on
 * their own (an alias to an anchor elsewhere, a tag directive) is "don't know" too.
 *
 * What the fast path does not do is check the rest of the file: a re-run that finds its entry
 * already there reads only that entry. It writes nothing, so it loses nothing.
 */

/** One `dev:` entry found by {@link scanManifest}: its key and its lines `[start, end)`. */
export interface ScannedDevEntry {
  key: string;
  start: number;
  end: number;
}

/** The layout {@link scanManifest} found. */
export interface ScannedManifest {
  topKeys: string[];
  /** The `dev:` entries in order; empty when there is no block `dev:` map. */
  devEntries: ScannedDevEntry[];
}

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_.-]*):(?:[ \t](.*))?$/;
const DEV_KEY = /^([a-z0-9](?:[-a-z0-9]*[a-z0-9])?):(?:[ \t]|$)/;
const COMMENT_ONLY = /^\s*(?:#.*)?$/;

/**
 * Finds the top-level keys and the `dev:` entries of a manifest written in plain block style, or
 * undefined when the layout is anything else (see the module comment).
 */
export function scanManifest(text: string): ScannedManifest | undefined {
  const topKeys = new Set<string>();
  const devEntries: ScannedDevEntry[] = [];
  const devKeys = new Set<string>();
  let inDev = false;
  let devColumn = -1;
  let sawTop = false;
  let pos = 0;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const next = newline === -1 ? text.length : newline + 1;
    let indent = pos;
    while (text.charCodeAt(indent) === 32) indent++;
    const first = text[indent];
    const column = indent - pos;
    if (first === '\t') return undefined;
    if (
      indent >= next - 1 ||
      first === '#' ||
      first === '\n' ||
      (first === '\r' && indent + 1 >= next - 1)
    ) {
      pos = next;
      continue;
    }
    const line = text.slice(indent, newline === -1 ? text.length : newline);
    const content = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (column === 0) {
      const match = TOP_KEY.exec(content);
      if (!match || topKeys.has(match[1])) return undefined;
      topKeys.add(match[1]);
      sawTop = true;
      const rest = match[2] ?? '';
      if (match[1] === 'dev') {
        if (!COMMENT_ONLY.test(rest)) return undefined;
        inDev = true;
      } else {
        inDev = false;
        // A quoted or flow value that does not end on its line: leave it to the parser.
        const value = rest.trim();
        if (/^["'[{]/.test(value) && !/["'\]}]\s*(#.*)?$/.test(value)) {
          return undefined;
        }
      }
      if (devEntries.length > 0 && devEntries[devEntries.length - 1].end < 0) {
        devEntries[devEntries.length - 1].end = pos;
      }
    } else if (!sawTop) {
      return undefined;
    } else if (inDev) {
      if (devColumn < 0) devColumn = column;
      if (column < devColumn) return undefined;
      if (column === devColumn) {
        const match = DEV_KEY.exec(content);
        if (!match || devKeys.has(match[1])) return undefined;
        devKeys.add(match[1]);
        if (devEntries.length > 0) devEntries[devEntries.length - 1].end = pos;
        devEntries.push({ key: match[1], start: pos, end: -1 });
      }
    }
    pos = next;
  }
  const last = devEntries[devEntries.length - 1];
  if (last && last.end < 0) last.end = text.length;
  return { topKeys: [...topKeys], devEntries };
}

/**
 * The value of `dev.<key>` read from the entry's own lines, or undefined when the scan cannot tell
 * (the caller then parses the whole file). `found: false` means the scan is sure there is no such
 * entry.
 */
export function scanDevEntry(
  text: string,
  label: string,
  key: string,
  scan: ScannedManifest | undefined = scanManifest(text),
): { found: true; value: unknown } | { found: false } | undefined {
  if (!scan) return undefined;
  if (!scan.topKeys.includes('dev')) return undefined;
  const entry = scan.devEntries.find(e => e.key === key);
  if (!entry) return { found: false };
  let data: unknown;
  try {
    data = parseYamlSafe(text.slice(entry.start, entry.end), label).data;
  } catch {
    return undefined;
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    Object.keys(data).length !== 1 ||
    !(key in data)
  ) {
    return undefined;
  }
  return { found: true, value: (data as Record<string, unknown>)[key] };
}

/**
 * True when the scan shows every key in `dev:` with exactly `body`: the manifest needs no change.
 * False when it cannot tell or something differs (the caller then parses the whole file).
 */
export function devEntriesUnchangedByScan(
  text: string,
  label: string,
  keys: string[],
  body: unknown,
): boolean {
  const scan = scanManifest(text);
  if (!scan) return false;
  return keys.every(key => {
    const found = scanDevEntry(text, label, key, scan);
    return found?.found === true && sameData(found.value, body);
  });
}

/**
 * The manifest data `stignoreTargets` needs for one dev service: from the entry's lines when the
 * scan finds it, else from parsing the whole file (which also reports a malformed file).
 */
export function manifestForDevService(
  text: string,
  label: string,
  devService: string | undefined,
): unknown {
  if (devService !== undefined) {
    const found = scanDevEntry(text, label, devService);
    if (found?.found) return { dev: { [devService]: found.value } };
  }
  return parseYamlSafe(text, label).data;
}
