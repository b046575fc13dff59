import { UrlReaderService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { CachedRepoFileReader } from './CachedRepoFileReader';

const BASE = 'https://github.com/NeoGrAIph/web-core/tree/main/';

function reader(ttlMs: number) {
  const reads: string[] = [];
  let content = 'name: web-core';
  let fail = false;
  const urlReader = {
    readUrl: async (url: string) => {
      reads.push(url);
      if (fail) throw new Error('rate limited');
      const buffer = Buffer.from(content);
      return { buffer: async () => buffer };
    },
  } as unknown as UrlReaderService;
  let now = 0;
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({ integrations: { github: [{ host: 'github.com' }] } }),
  );
  const repo = new CachedRepoFileReader(
    urlReader,
    integrations,
    ttlMs,
    undefined,
    () => now,
  );
  return {
    repo,
    reads,
    setNow: (ms: number) => (now = ms),
    setContent: (c: string) => (content = c),
    setFail: (f: boolean) => (fail = f),
  };
}

describe('CachedRepoFileReader', () => {
  it('reads a URL once within the TTL, again after it', async () => {
    const r = reader(1000);
    await r.repo.read(BASE, '.okteto/okteto.yml');
    await r.repo.read(BASE, '.okteto/okteto.yml');
    expect(r.reads).toHaveLength(1);
    r.setContent('name: changed');
    r.setNow(1500);
    const again = await r.repo.read(BASE, '.okteto/okteto.yml');
    expect(again).toMatchObject({
      ok: true,
      value: { content: 'name: changed' },
    });
    expect(r.reads).toHaveLength(2);
  });

  it('background derivations take a cached file at any age and read only what was never read', async () => {
    const r = reader(1000);
    await r.repo.read(BASE, 'package.json');
    r.setNow(10_000_000);
    const background = r.repo.anyAge();
    await background.read(BASE, 'package.json');
    expect(r.reads).toHaveLength(1);
    await background.read(BASE, 'apps/x/package.json');
    expect(r.reads).toHaveLength(2);
  });

  it('a failed read is tried again after 30 seconds at most', async () => {
    const r = reader(300_000);
    r.setFail(true);
    expect(await r.repo.read(BASE, 'package.json')).toMatchObject({
      ok: false,
    });
    r.setFail(false);
    r.setNow(10_000);
    expect(await r.repo.read(BASE, 'package.json')).toMatchObject({
      ok: false,
    });
    r.setNow(31_000);
    expect(await r.repo.read(BASE, 'package.json')).toMatchObject({ ok: true });
  });
});
