/**
 * The runbook's recommended `.stignore` set (§6.1) for a Next.js / Payload pnpm monorepo.
 *
 * @public
 */
export const DEFAULT_STIGNORE_ENTRIES: readonly string[] = Object.freeze([
  '**/node_modules/',
  '**/.next/',
  '**/.turbo/',
  '**/dist/',
  '**/coverage/',
  '**/.git/',
]);

/**
 * The comment line put above the patterns that okteto-dev appends. `//` is Syncthing's comment.
 *
 * @public
 */
export const STIGNORE_HEADER = '// Added by okteto-dev (runbook §6.1)';

/**
 * The identity of a `.stignore` pattern: two lines with the same key ignore the same paths in the
 * same way. Returns undefined for lines that are not patterns (blank, `//` or `#` comments,
 * `#include`).
 *
 * Only the directory spellings of one pattern are folded together: `x/`, `x/**` and `x` (a folder's
 * contents, with or without the folder itself, which Syncthing then skips either way). A leading
 * `(?d)` is dropped: Okteto prefixes every non-`!` line with it itself before the file reaches
 * the pod (okteto/okteto `cmd/up/stignore.go`), so `(?d)x` and `x` are the same entry. Prefix
 * `(?i)`, a leading `!` or `/` make a different pattern and are kept in the key.
 *
 * @public
 */
export function stignorePatternKey(line: string): string | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('//') || trimmed.startsWith('#')) {
    return undefined;
  }
  let body = trimmed;
  if (body.startsWith('(?d)') && !body.startsWith('(?d)!'))
    body = body.slice(4);
  if (body.startsWith('(?i)(?d)')) body = `(?i)${body.slice(8)}`;
  for (;;) {
    if (body.endsWith('/**')) body = body.slice(0, -3);
    else if (body.endsWith('/') && body.length > 1) body = body.slice(0, -1);
    else break;
  }
  return body || trimmed;
}

/**
 * Which requested `.stignore` patterns a file already has: the result of {@link stignoreCoverage}.
 *
 * @public
 */
export interface StignoreCoverage {
  /** Requested patterns the file does not have yet, in the requested order, without repeats. */
  missing: string[];
  /** Requested patterns that a line of the file already covers. */
  alreadyCovered: string[];
}

/**
 * Which of `entries` a `.stignore` content already has.
 *
 * @public
 */
export function stignoreCoverage(
  content: string,
  entries: readonly string[],
): StignoreCoverage {
  const present = new Set<string>();
  for (const line of content.split(/\r?\n/)) {
    const key = stignorePatternKey(line);
    if (key) present.add(key);
  }
  const missing: string[] = [];
  const alreadyCovered: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = stignorePatternKey(entry);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    (present.has(key) ? alreadyCovered : missing).push(entry.trim());
  }
  return { missing, alreadyCovered };
}

/**
 * The result of {@link mergeStignore}: the new content and whether it differs from the old one.
 *
 * @public
 */
export interface StignoreMergeResult extends StignoreCoverage {
  /** The `.stignore` content with the missing patterns appended. */
  content: string;
  /** False when every pattern was already covered and the content is unchanged. */
  changed: boolean;
}

/**
 * Appends the missing `entries` to a `.stignore` content. Existing lines, their order, comments,
 * `#include` lines and line endings (LF or CRLF) are kept as they are; the header comment is added
 * once; a final newline is added only where lines are appended.
 *
 * @public
 */
export function mergeStignore(
  content: string,
  entries: readonly string[],
  header: string = STIGNORE_HEADER,
): StignoreMergeResult {
  const coverage = stignoreCoverage(content, entries);
  if (coverage.missing.length === 0) {
    return { ...coverage, content, changed: false };
  }
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const hasHeader = content
    .split(/\r?\n/)
    .some(line => line.trim() === header.trim());
  const lines = hasHeader ? coverage.missing : [header, ...coverage.missing];
  let prefix = content;
  if (prefix.length > 0 && !prefix.endsWith('\n')) prefix += eol;
  return {
    ...coverage,
    content: `${prefix}${lines.join(eol)}${eol}`,
    changed: true,
  };
}
