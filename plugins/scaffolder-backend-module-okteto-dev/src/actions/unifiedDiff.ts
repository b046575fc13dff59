/**
 * A unified diff (`diff -u`, as `git diff` prints it) of one file's text, for the `diff` output of
 * the editing actions: a dry-run shows what a run would change.
 */

const CONTEXT = 3;
/** Past this many differing lines the diff shows the changed middle as removed, then added. */
const MAX_EDIT_DISTANCE = 2000;

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The lines of a text; a last line without a newline carries git's marker. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

/**
 * The shortest edit script of two line arrays without common head and tail (Myers' O(ND)
 * algorithm, keeping only the 2d+1 furthest points of each step for the walk back), or undefined
 * when they differ in more than {@link MAX_EDIT_DISTANCE} lines.
 */
function myers(a: string[], b: string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const steps: Int32Array[] = [];
  let done = n + m === 0;
  for (let d = 0; d <= max && !done; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) done = true;
    }
    steps.push(v.slice(offset - d, offset + d + 1));
  }
  if (!done) return undefined;
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = steps.length - 1; d > 0; d--) {
    const prev = steps[d - 1];
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const prevK =
      k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (x === prevX) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0) ops.push({ kind: ' ', line: a[--x] });
  return ops.reverse();
}

/** The edit script of two line arrays: common head, the middle's script, common tail. */
function editScript(a: string[], b: string[]): Op[] {
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
  const aMid = a.slice(head, a.length - tail);
  const bMid = b.slice(head, b.length - tail);
  const middle = myers(aMid, bMid) ?? [
    ...aMid.map(line => ({ kind: '-' as const, line })),
    ...bMid.map(line => ({ kind: '+' as const, line })),
  ];
  const same = (line: string) => ({ kind: ' ' as const, line });
  return [
    ...a.slice(0, head).map(same),
    ...middle,
    ...a.slice(a.length - tail).map(same),
  ];
}

function hunkRange(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
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
  const ops = editScript(splitLines(before ?? ''), splitLines(after));
  const out = [
    `--- ${before === undefined ? '/dev/null' : `a/${path}`}`,
    `+++ b/${path}`,
  ];
  // Line numbers before each op.
  const aAt: number[] = [];
  const bAt: number[] = [];
  let aLine = 1;
  let bLine = 1;
  for (const op of ops) {
    aAt.push(aLine);
    bAt.push(bLine);
    if (op.kind !== '+') aLine++;
    if (op.kind !== '-') bLine++;
  }
  let i = 0;
  let previousStop = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    // One hunk: changes at most 2 * CONTEXT unchanged lines apart, with CONTEXT lines around.
    let last = i;
    for (let j = i; j < ops.length && j - last <= 2 * CONTEXT; j++) {
      if (ops[j].kind !== ' ') last = j;
    }
    const start = Math.max(previousStop, i - CONTEXT);
    const stop = Math.min(ops.length, last + 1 + CONTEXT);
    const hunk = ops.slice(start, stop);
    const aCount = hunk.filter(o => o.kind !== '+').length;
    const bCount = hunk.filter(o => o.kind !== '-').length;
    out.push(
      `@@ -${hunkRange(aAt[start], aCount)} +${hunkRange(
        bAt[start],
        bCount,
      )} @@`,
    );
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    i = stop;
    previousStop = stop;
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
