import fc from 'fast-check';
import { unifiedDiff, unifiedDiffs } from './unifiedDiff';

/**
 * Applies a unified diff of one file to `before`, strictly: every context and removed line must be
 * where the hunk header says. What `git apply` would do, in a few lines.
 */
function applyDiff(before: string, diff: string): string {
  const noNewline = '\\ No newline at end of file';
  const lines = before === '' ? [] : before.split('\n');
  const hadNewline = before === '' || before.endsWith('\n');
  if (hadNewline && lines.length) lines.pop();
  const out: string[] = [];
  let at = 0;
  let endsWithNewline = true;
  const diffLines = diff.split('\n').slice(2, -1);
  for (let i = 0; i < diffLines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(
      diffLines[i],
    );
    if (!header) throw new Error(`not a hunk header: ${diffLines[i]}`);
    const count = header[2] === undefined ? 1 : Number(header[2]);
    const start = count === 0 ? Number(header[1]) : Number(header[1]) - 1;
    out.push(...lines.slice(at, start));
    at = start;
    while (i + 1 < diffLines.length && !diffLines[i + 1].startsWith('@@')) {
      const line = diffLines[++i];
      const marked = diffLines[i + 1] === noNewline;
      if (marked) i++;
      const text = line.slice(1);
      if (line[0] !== '+') {
        if (lines[at] !== text) {
          throw new Error(`line ${at + 1} is not '${text}'`);
        }
        at++;
      }
      if (line[0] !== '-') {
        out.push(text);
        endsWithNewline = !marked;
      }
    }
  }
  const rest = lines.slice(at);
  out.push(...rest);
  if (rest.length) endsWithNewline = hadNewline;
  if (out.length === 0) return '';
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

describe('unifiedDiff', () => {
  it('prints a change with three lines of context, as git diff does', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    expect(unifiedDiff('x.yaml', before, after)).toBe(
      [
        '--- a/x.yaml',
        '+++ b/x.yaml',
        '@@ -2,7 +2,7 @@',
        ' b',
        ' c',
        ' d',
        '-e',
        '+E',
        ' f',
        ' g',
        ' h',
        '',
      ].join('\n'),
    );
  });

  it('shows a new file against /dev/null and nothing for no change', () => {
    expect(unifiedDiff('.stignore', undefined, 'x\ny\n')).toBe(
      '--- /dev/null\n+++ b/.stignore\n@@ -0,0 +1,2 @@\n+x\n+y\n',
    );
    expect(unifiedDiff('a', 'same\n', 'same\n')).toBe('');
    expect(
      unifiedDiffs([
        { path: 'a', before: 'x\n', after: 'x\n' },
        { path: 'b', before: 'x\n', after: 'y\n' },
      ]),
    ).toBe('--- a/b\n+++ b/b\n@@ -1 +1 @@\n-x\n+y\n');
  });

  it('splits distant changes into hunks and marks a missing newline at the end', () => {
    const before = `${Array.from({ length: 20 }, (_, i) => `l${i}`).join(
      '\n',
    )}`;
    const after = before.replace('l1\n', 'L1\n').replace('l19', 'l19\nl20');
    const diff = unifiedDiff('f', before, after);
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain(
      '-l19\n\\ No newline at end of file\n+l19\n+l20\n\\ No newline at end of file\n',
    );
    expect(applyDiff(before, diff)).toBe(after);
  });

  it('is a patch that turns before into after, for any two texts', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'c', 'key: value', '', '  - x'), {
        maxLength: 40,
      })
      .chain(lines =>
        fc
          .boolean()
          .map(newline =>
            lines.length ? lines.join('\n') + (newline ? '\n' : '') : '',
          ),
      );
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff('f', before, after);
        expect(diff === '').toBe(before === after);
        expect(diff ? applyDiff(before, diff) : before).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  it('stays small and fast for a local edit of a large file, and bounded for a rewrite', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => `line ${i}`);
    const before = `${big.join('\n')}\n`;
    const after = before.replace('line 25000\n', 'line 25000\nnew\n');
    const diff = unifiedDiff('big', before, after);
    // Two file lines, the hunk header, 3 + 1 + 3 lines and the final newline.
    expect(diff.split('\n')).toHaveLength(2 + 1 + 7 + 1);
    const rewritten = `${big.map(l => `${l}!`).join('\n')}\n`;
    const whole = unifiedDiff('big', before, rewritten);
    expect(applyDiff(before, whole)).toBe(rewritten);
  });
});
