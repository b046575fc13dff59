import fc from 'fast-check';
import yaml from 'yaml';
import { readWebCoreFixture } from '../testing/fixtures';
import { manifestText } from '../__testUtils__/manifestArbitrary';
import {
  devEntriesUnchangedByScan,
  manifestForDevService,
  scanDevEntry,
  scanManifest,
} from './manifestScan';

const webCore = readWebCoreFixture('.okteto/okteto.yml');

function fullDev(text: string): Record<string, unknown> | undefined {
  const doc = yaml.parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) return undefined;
  const data = doc.toJS() as { dev?: Record<string, unknown> } | null;
  return data?.dev ?? {};
}

describe('scanManifest', () => {
  it("finds web-core's dev entries and reads each as the parser does", () => {
    const scan = scanManifest(webCore)!;
    expect(scan.topKeys).toEqual(['name', 'dev']);
    expect(scan.devEntries.map(e => e.key)).toEqual([
      'web-payload-dev',
      'web-payload-dev-web-app',
      'web-synestra-io-dev',
      'web-synestra-io-dev-web-app',
    ]);
    const dev = yaml.parse(webCore).dev;
    for (const key of Object.keys(dev)) {
      expect(scanDevEntry(webCore, 'm', key)).toEqual({
        found: true,
        value: dev[key],
      });
    }
    expect(scanDevEntry(webCore, 'm', 'web-corporate-dev')).toEqual({
      found: false,
    });
  });

  it.each([
    ['flow dev map', 'dev: {a: {image: x}}\n'],
    ['anchor on dev', 'dev: &d\n  a:\n    image: x\n'],
    ['tab indentation', 'dev:\n\ta:\n\t\timage: x\n'],
    ['document marker', '---\ndev:\n  a:\n    image: x\n'],
    ['quoted top-level key', '"dev":\n  a:\n    image: x\n'],
    ['duplicate top-level key', 'dev:\n  a: {}\ndev:\n  b: {}\n'],
    ['duplicate dev key', 'dev:\n  a:\n    image: x\n  a:\n    image: y\n'],
    ['quoted dev key', 'dev:\n  "a":\n    image: x\n'],
    ['shallower line in dev', 'dev:\n    a:\n      image: x\n  b: 1\n'],
    ['merge key', '<<: {dev: {}}\n'],
    ['unterminated quoted value', 'name: "x\ndev:\n  a: 1"\n'],
    ['content before any key', '  a: 1\ndev:\n  b: 1\n'],
  ])('leaves a %s to the parser', (_, text) => {
    expect(scanManifest(text)).toBeUndefined();
    expect(scanDevEntry(text, 'm', 'a')).toBeUndefined();
  });

  it('leaves an entry that does not parse alone (an alias to another entry) to the parser', () => {
    const text = 'dev:\n  a: &body\n    image: x\n  b: *body\n';
    expect(scanManifest(text)).toBeDefined();
    expect(scanDevEntry(text, 'm', 'a')).toEqual({
      found: true,
      value: { image: 'x' },
    });
    expect(scanDevEntry(text, 'm', 'b')).toBeUndefined();
    // The whole-file read resolves it.
    expect(manifestForDevService(text, 'm', 'b')).toEqual({
      dev: { a: { image: 'x' }, b: { image: 'x' } },
    });
  });

  it('says unchanged only when every key has exactly the body', () => {
    const body = yaml.parse(webCore).dev['web-synestra-io-dev'];
    expect(
      devEntriesUnchangedByScan(webCore, 'm', ['web-synestra-io-dev'], body),
    ).toBe(true);
    expect(
      devEntriesUnchangedByScan(
        webCore,
        'm',
        ['web-synestra-io-dev', 'web-corporate-dev'],
        body,
      ),
    ).toBe(false);
    expect(
      devEntriesUnchangedByScan(webCore, 'm', ['web-synestra-io-dev'], {
        ...body,
        container: 'other',
      }),
    ).toBe(false);
  });

  it('never disagrees with the parser on a valid manifest', () => {
    fc.assert(
      fc.property(manifestText, fc.nat(7), (text, pick) => {
        const dev = fullDev(text);
        fc.pre(dev !== undefined);
        const keys = [...Object.keys(dev!), 'absent-key'];
        const key = keys[pick % keys.length];
        const truth =
          key in dev! ? { found: true, value: dev![key] } : { found: false };
        // "Don't know" (undefined) is always allowed; any answer must be the parser's.
        expect(scanDevEntry(text, 'm', key) ?? truth).toEqual(truth);
      }),
      { numRuns: 400 },
    );
  });

  it('answers for the plain layout the generator writes without comments', () => {
    const text = yaml.stringify(
      { name: 'x', dev: { a: { sync: ['..:/app'] } }, deploy: ['echo'] },
      { indent: 4 },
    );
    expect(scanDevEntry(text, 'm', 'a')).toEqual({
      found: true,
      value: { sync: ['..:/app'] },
    });
  });
});
