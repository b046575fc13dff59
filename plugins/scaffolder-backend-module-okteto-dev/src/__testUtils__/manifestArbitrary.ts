import fc from 'fast-check';
import yaml from 'yaml';

/** Manifests as people write them: any indentation, comments and blank lines anywhere. */
export const manifestText = fc
  .record({
    entries: fc.uniqueArray(
      fc.tuple(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/),
        fc.record(
          {
            selector: fc.dictionary(
              fc.constantFrom('app', 'tier', 'app.kubernetes.io/name'),
              fc.stringMatching(/^[a-z0-9-]{1,8}$/),
            ),
            container: fc.constantFrom('app', 'web'),
            command: fc.constantFrom(
              'pnpm dev',
              "sh -lc 'a: b && c # not a comment'",
              'line one\nline two\n',
              '"quoted"',
            ),
            sync: fc.array(fc.constantFrom('..:/app', '.:/src'), {
              minLength: 1,
              maxLength: 2,
            }),
            forward: fc.constantFrom(['3000:3000'], []),
          },
          { requiredKeys: ['sync'] },
        ),
      ),
      { selector: ([key]) => key, maxLength: 6 },
    ),
    before: fc.boolean(),
    indent: fc.constantFrom(2, 4),
    indentSeq: fc.boolean(),
    comments: fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.boolean()), {
      maxLength: 8,
    }),
  })
  .map(({ entries, before, indent, indentSeq, comments }) => {
    const dev = Object.fromEntries(entries);
    const data = before
      ? { name: 'x', deploy: ['echo hi'], dev }
      : { name: 'x', dev, deploy: ['echo hi'] };
    const lines = yaml
      .stringify(data, { indent, indentSeq, lineWidth: 0 })
      .split('\n');
    for (const [at, column, blank] of comments) {
      const line = blank ? '' : `${' '.repeat(column)}# note`;
      lines.splice(at % lines.length, 0, line);
    }
    return lines.join('\n');
  });
