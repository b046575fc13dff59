import { mockServices } from '@backstage/backend-test-utils';
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
