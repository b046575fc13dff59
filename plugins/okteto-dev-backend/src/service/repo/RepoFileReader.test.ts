import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { RepoFileReader } from './RepoFileReader';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({ integrations: { github: [{ host: 'github.com' }] } }),
);

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
  };
}

function reader(files: Record<string, string>, forbidden: string[] = []) {
  const readUrl = jest.fn(async (url: string) => {
    if (forbidden.includes(url)) throw new NotAllowedError('no access');
    if (!(url in files)) throw new NotFoundError(url);
    return { buffer: async () => Buffer.from(files[url]), etag: 'e' };
  });
  return {
    readUrl,
    repo: new RepoFileReader(
      mockServices.urlReader.mock({ readUrl }),
      integrations,
    ),
  };
}

const ROOT = 'https://github.com/NeoGrAIph/web-core/tree/main/';

describe('RepoFileReader', () => {
  it('finds the entity’s own folder from its source location or its catalog-info.yaml', () => {
    const { repo } = reader({});
    expect(
      repo.entityFolder(
        entity({
          'backstage.io/source-location': `url:${ROOT}apps/corporate-website/`,
        }),
      ),
    ).toBe('apps/corporate-website');
    expect(
      repo.entityFolder(
        entity({
          'backstage.io/source-location': `url:${ROOT}`,
          'backstage.io/managed-by-location':
            'url:https://github.com/NeoGrAIph/web-core/blob/main/apps/shop/catalog-info.yaml',
        }),
      ),
    ).toBe('apps/shop');
    expect(
      repo.entityFolder(
        entity({ 'backstage.io/source-location': `url:${ROOT}` }),
      ),
    ).toBeUndefined();
    expect(repo.entityFolder(entity({}))).toBeUndefined();
  });

  it('reads files from the repository root, a missing file as no content', async () => {
    const { repo } = reader({ [`${ROOT}.okteto/okteto.yml`]: 'dev: {}\n' });
    const base = `${ROOT}apps/corporate-website/`;
    await expect(repo.read(base, '.okteto/okteto.yml')).resolves.toEqual({
      ok: true,
      value: {
        path: '.okteto/okteto.yml',
        url: `${ROOT}.okteto/okteto.yml`,
        content: 'dev: {}\n',
      },
    });
    await expect(repo.read(base, 'apps/x/package.json')).resolves.toEqual({
      ok: true,
      value: { path: 'apps/x/package.json', url: `${ROOT}apps/x/package.json` },
    });
  });

  it('reports a refused read as data and shares concurrent reads of one URL', async () => {
    const url = `${ROOT}.stignore`;
    const { repo, readUrl } = reader({}, [url]);
    const [a, b] = await Promise.all([
      repo.read(ROOT, '.stignore'),
      repo.read(ROOT, '.stignore'),
    ]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: false, error: { type: 'forbidden' } });
    expect(readUrl).toHaveBeenCalledTimes(1);
  });
});

describe('RepoFileReader on GitLab, through the real UrlReaders', () => {
  // A project in a subgroup on a GitLab served at a loopback port: the GitLab reader of
  // backend-defaults turns `…/-/blob/<ref>/<path>` into the files API, with the integration's token.
  let server: http.Server;
  let base: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(`${req.headers.authorization} ${req.url}`);
      if (
        req.url ===
        '/api/v4/projects/platform%2Fweb%2Fmono/repository/files/.okteto%2Fokteto.yml/raw?ref=main'
      ) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('dev: {}\n');
      } else {
        res.writeHead(404).end('{"message":"404 File Not Found"}');
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it("reads from the entity's project, and links to the file's GitLab page", async () => {
    const config = new ConfigReader({
      integrations: {
        gitlab: [
          {
            host: new URL(base).host,
            baseUrl: base,
            apiBaseUrl: `${base}/api/v4`,
            token: 'gitlab-token',
          },
        ],
      },
    });
    const gitlab = ScmIntegrations.fromConfig(config);
    const repo = new RepoFileReader(
      UrlReaders.default({ config, logger: mockServices.logger.mock() }),
      gitlab,
    );
    const e = entity({
      'backstage.io/source-location': `url:${base}/platform/web/mono/-/tree/main/apps/shop/`,
    });
    expect(repo.entityFolder(e)).toBe('apps/shop');
    const root = repo.repositoryBase(e)!;
    await expect(repo.read(root, '.okteto/okteto.yml')).resolves.toEqual({
      ok: true,
      value: {
        path: '.okteto/okteto.yml',
        url: `${base}/platform/web/mono/-/tree/main/.okteto/okteto.yml`,
        content: 'dev: {}\n',
      },
    });
    await expect(repo.read(root, '.stignore')).resolves.toEqual({
      ok: true,
      value: {
        path: '.stignore',
        url: `${base}/platform/web/mono/-/tree/main/.stignore`,
      },
    });
    expect(repo.viewUrl(root, '.okteto/okteto.yml')).toBe(
      `${base}/platform/web/mono/-/blob/main/.okteto/okteto.yml`,
    );
    expect(seen).toEqual([
      'Bearer gitlab-token /api/v4/projects/platform%2Fweb%2Fmono/repository/files/.okteto%2Fokteto.yml/raw?ref=main',
      'Bearer gitlab-token /api/v4/projects/platform%2Fweb%2Fmono/repository/files/.stignore/raw?ref=main',
    ]);
  });
});
