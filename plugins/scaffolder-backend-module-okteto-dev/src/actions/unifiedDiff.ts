import { structuredPatch } from 'diff';

/**
 * A unified diff (`diff -u`, as `git diff` prints it) of one file's text, for the `diff` output of
 * the editing actions: a dry-run shows what a run would change. The edit script and the hunks are
 * the `diff` package's (`structuredPatch`, Myers' algorithm); what stays ours is the trimming of
 * the common head and tail before it runs — the actions' edits touch a few lines of files of
 * thousands, and the package would otherwise split and compare every line (≈ 8 ms for the 6,500
 * lines of the 500-service manifest of `bench/scaffolder.ts`, ≈ 100 ms for 50,000 lines, against
 * well under 1 ms trimmed) — and git's hunk header (`@@ -3 +3 @@` for one line, where the package
 * prints `-3,1`).
 */

const CONTEXT = 3;
/** Past this many differing lines the diff shows the changed middle as removed, then added. */
const MAX_EDIT_LENGTH = 1000;
const NO_NEWLINE = '\\ No newline at end of file';

/** The lines of a text, each with its `\n` (the last one may have none). */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function hunkRange(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}

/** Diff lines (`+x`, `-x`, ` x`, and git's marker after a last line without newline). */
function diffLines(kind: string, lines: string[]): string[] {
  return lines.flatMap(line =>
    line.endsWith('\n')
      ? [`${kind}${line.slice(0, -1)}`]
      : [`${kind}${line}`, NO_NEWLINE],
  );
}

/**
 * The unified diff of `before` and `after` of `path` (workspace-relative, POSIX) with three lines
 * of context, as `git diff` prints it; `before` undefined is a new file. An empty string when
 * nothing changed.
 *
 * @public
 */
export function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string,
): string {
  if (before === after) return '';
  const a = splitLines(before ?? '');
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  // The part the package sees: the changed middle with its context on both sides.
  const from = Math.max(0, head - CONTEXT);
  const keepTail = Math.max(0, tail - CONTEXT);
  const oldWindow = a.slice(from, a.length - keepTail);
  const newWindow = b.slice(from, b.length - keepTail);
  const out = [
    `--- ${before === undefined ? '/dev/null' : `a/${path}`}`,
    `+++ b/${path}`,
  ];
  const patch = structuredPatch(
    'a',
    'b',
    oldWindow.join(''),
    newWindow.join(''),
    undefined,
    undefined,
    { context: CONTEXT, maxEditLength: MAX_EDIT_LENGTH },
  );
  if (patch) {
    for (const hunk of patch.hunks) {
      out.push(
        `@@ -${hunkRange(hunk.oldStart + from, hunk.oldLines)} +${hunkRange(
          hunk.newStart + from,
          hunk.newLines,
        )} @@`,
        ...hunk.lines,
      );
    }
  } else {
    // Too different to diff line by line in bounded time: one hunk, old middle out, new in.
    const context = head - from;
    const oldMiddle = a.slice(head, a.length - tail);
    const newMiddle = b.slice(head, b.length - tail);
    const after3 = a.slice(a.length - tail, a.length - keepTail);
    out.push(
      `@@ -${hunkRange(
        from + 1,
        context + oldMiddle.length + after3.length,
      )} +${hunkRange(
        from + 1,
        context + newMiddle.length + after3.length,
      )} @@`,
      ...diffLines(' ', a.slice(from, head)),
      ...diffLines('-', oldMiddle),
      ...diffLines('+', newMiddle),
      ...diffLines(' ', after3),
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * The unified diffs of several files one after the other, unchanged files left out.
 *
 * @public
 */
export function unifiedDiffs(
  files: Array<{ path: string; before: string | undefined; after: string }>,
): string {
  return files.map(f => unifiedDiff(f.path, f.before, f.after)).join('');
}
