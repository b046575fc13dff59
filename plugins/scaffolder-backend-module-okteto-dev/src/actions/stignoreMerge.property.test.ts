import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  mergeStignore,
  stignorePatternKey,
} from '@okteto-dev/plugin-okteto-dev-common';
import fc from 'fast-check';
import fs from 'node:fs';
import { createOktetoStignoreEnsureAction } from './stignoreEnsure';

const POOL = [
  '**/node_modules/',
  '**/node_modules',
  '**/node_modules/**',
  'node_modules',
  '/node_modules',
  '(?d)**/.next/',
  '(?i)**/.NEXT/',
  '!**/dist/',
  '**/dist/',
  '**/.git/',
  '**/*.log',
  '// comment',
  '# comment',
  '#include other.stignore',
  '',
  '   ',
  '  **/coverage/  ',
];

const line = fc.oneof(
  fc.constantFrom(...POOL),
  fc.string({ maxLength: 12 }).filter(s => !/[\r\n]/.test(s)),
);
const pattern = fc.oneof(
  fc.constantFrom(...POOL.filter(p => stignorePatternKey(p) !== undefined)),
  fc
    .string({ minLength: 1, maxLength: 10 })
    .filter(s => !/[\r\n]/.test(s) && stignorePatternKey(s) !== undefined),
);
const file = fc
  .record({
    lines: fc.array(line, { maxLength: 12 }),
    eol: fc.constantFrom('\n', '\r\n'),
    finalNewline: fc.boolean(),
  })
  .map(({ lines, eol, finalNewline }) =>
    lines.length === 0 ? '' : lines.join(eol) + (finalNewline ? eol : ''),
  );

const keysOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map(stignorePatternKey)
    .filter((key): key is string => key !== undefined);

describe('.stignore merge properties', () => {
  it('keeps the original lines in order, adds each missing pattern once, and is a fixed point', () => {
    fc.assert(
      fc.property(
        file,
        fc.array(pattern, { maxLength: 8 }),
        (content, entries) => {
          const merged = mergeStignore(content, entries);

          // Every original line, in order: the original text is a prefix of the result.
          expect(merged.content.startsWith(content)).toBe(true);

          // Every requested pattern is present by key; appended lines repeat no key.
          const before = new Set(keysOf(content));
          const after = keysOf(merged.content);
          const appended = after.slice(keysOf(content).length);
          for (const entry of entries) {
            expect(after).toContain(stignorePatternKey(entry));
          }
          expect(new Set(appended).size).toBe(appended.length);
          for (const key of appended) expect(before.has(key)).toBe(false);
          for (const entry of entries) {
            const key = stignorePatternKey(entry)!;
            const count = after.filter(k => k === key).length;
            expect(count).toBe(
              before.has(key)
                ? keysOf(content).filter(k => k === key).length
                : 1,
            );
          }

          // Fixed point: merging again changes nothing.
          const again = mergeStignore(merged.content, entries);
          expect(again.changed).toBe(false);
          expect(again.content).toBe(merged.content);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('treats (?d)x and x as one entry, as Okteto adds (?d) itself, and !x as another', () => {
    const plain = pattern.filter(p => !/^\s*(\(\?d\)|!)/.test(p));
    fc.assert(
      fc.property(file, plain, (content, p) => {
        const withPlain = mergeStignore(content, [p]).content;
        const withD = mergeStignore(content, [`(?d)${p.trim()}`]).content;
        expect(mergeStignore(withPlain, [`(?d)${p.trim()}`]).changed).toBe(
          false,
        );
        expect(mergeStignore(withD, [p]).changed).toBe(false);
        // !x is a pattern of its own: added unless the file already has that very line.
        const negated = `!${p.trim()}`;
        expect(mergeStignore(withPlain, [negated]).changed).toBe(
          !keysOf(withPlain).includes(stignorePatternKey(negated)!),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('holds through the action on disk', async () => {
    const mockDir = createMockDirectory();
    const action = createOktetoStignoreEnsureAction();
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.array(pattern, { maxLength: 6 }),
        async (content, entries) => {
          mockDir.setContent({ '.stignore': content });
          for (let run = 0; run < 2; run++) {
            await action.handler(
              createMockActionContext({
                input: { path: '.stignore', entries },
                workspacePath: mockDir.path,
              }),
            );
          }
          const result = fs.readFileSync(mockDir.resolve('.stignore'), 'utf8');
          expect(result).toBe(mergeStignore(content, entries).content);
        },
      ),
      { numRuns: 50 },
    );
  });
});
