import fc from 'fast-check';
import yaml from 'yaml';
import { manifestText } from '../__testUtils__/manifestArbitrary';
import { upsertDevEntries } from './devServiceManifest';
import { unifiedDiff } from './unifiedDiff';

const newBody = fc.record({
  container: fc.constantFrom('app', 'main'),
  command: fc.constantFrom('pnpm dev', "sh -lc 'x: y # z'", 'a\nb\n'),
  sync: fc.constant(['..:/app']),
  forward: fc.constant(['3000:3000']),
});

function parse(text: string): Record<string, any> | undefined {
  const doc = yaml.parseDocument(text, { uniqueKeys: true });
  return doc.errors.length ? undefined : doc.toJS() ?? {};
}

describe('upsertDevEntries on any valid manifest', () => {
  it('adds the entry without removing or changing a line, and a re-run changes nothing', () => {
    fc.assert(
      fc.property(
        manifestText,
        newBody,
        fc.constantFrom<string[]>(['new-svc'], ['new-svc', 'new-svc-alias']),
        (text, body, keys) => {
          const before = parse(text);
          fc.pre(before !== undefined);
          const edit = upsertDevEntries(text, 'm', keys, body, false);
          expect(edit.added).toEqual(keys);
          expect(parse(edit.content)).toEqual({
            ...before,
            dev: {
              ...before!.dev,
              ...Object.fromEntries(keys.map(k => [k, body])),
            },
          });
          // Only added lines (and `dev: {}` made `dev:`): every other byte of the original is
          // still there, in order.
          const removed = unifiedDiff('m', text, edit.content)
            .split('\n')
            .filter(line => line.startsWith('-') && !line.startsWith('---'))
            .filter(line => line !== '-dev: {}');
          expect(removed).toEqual([]);
          const again = upsertDevEntries(edit.content, 'm', keys, body, false);
          expect(again).toMatchObject({ changed: false, unchanged: keys });
          expect(again.content).toBe(edit.content);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('replaces an entry and keeps every other entry as it was', () => {
    fc.assert(
      fc.property(manifestText, newBody, fc.nat(), (text, body, pick) => {
        const before = parse(text);
        fc.pre(
          before !== undefined && Object.keys(before.dev ?? {}).length > 0,
        );
        const keys = Object.keys(before!.dev);
        const key = keys[pick % keys.length];
        fc.pre(JSON.stringify(before!.dev[key]) !== JSON.stringify(body));
        expect(() => upsertDevEntries(text, 'm', [key], body, false)).toThrow(
          /replace: true/,
        );
        let edit: ReturnType<typeof upsertDevEntries> | undefined;
        let refusal = '';
        try {
          edit = upsertDevEntries(text, 'm', [key], body, true);
        } catch (error) {
          refusal = String(error);
        }
        // Refused only when another entry refers to the replaced one's anchor.
        expect(
          refusal === '' ||
            (refusal.includes('without changing other content') &&
              /\*a\d/.test(text)),
        ).toBe(true);
        fc.pre(edit !== undefined);
        expect(edit!.replaced).toEqual([key]);
        expect(parse(edit!.content)).toEqual({
          ...before,
          dev: { ...before!.dev, [key]: body },
        });
      }),
      { numRuns: 200 },
    );
  });
});
