import { ManifestCache } from './ManifestCache';

describe('ManifestCache', () => {
  it('parses one content once and reports malformed YAML as data', () => {
    const cache = new ManifestCache(2);
    const first = cache.parse('dev:\n  a: {}\n');
    expect(first).toEqual({ ok: true, data: { dev: { a: {} } } });
    expect(cache.parse('dev:\n  a: {}\n')).toBe(first);
    expect(cache.parse('dev: [\n')).toMatchObject({ ok: false });
  });

  it('is bounded: the least recently used content is parsed again', () => {
    const cache = new ManifestCache(2);
    const a = cache.parse('a: 1\n');
    const b = cache.parse('b: 1\n');
    expect(cache.parse('a: 1\n')).toBe(a); // a is now the most recent
    cache.parse('c: 1\n'); // evicts b
    expect(cache.parse('a: 1\n')).toBe(a);
    expect(cache.parse('b: 1\n')).not.toBe(b);
  });

  it('refuses alias bombs and huge files', () => {
    const cache = new ManifestCache();
    const bomb = `a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [${Array(
      20,
    )
      .fill('*b')
      .join(', ')}]\nd: [${Array(20).fill('*c').join(', ')}]\n`;
    expect(cache.parse(bomb)).toMatchObject({ ok: false });
    expect(cache.parse(`x: "${'a'.repeat(1024 * 1024)}"`)).toEqual({
      ok: false,
      message: 'file too large',
    });
  });
});
