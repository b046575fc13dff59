import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubRepoFiles } from '../github/githubRepoFiles';
import { GithubStandIn, startGithubStandIn } from '../testing/githubStandIn';
import { createOktetoDevAutocompleteHandler } from './packageAutocomplete';

describe('okteto-dev autocomplete, resource package', () => {
  let standIn: GithubStandIn;
  let handler: ReturnType<typeof createOktetoDevAutocompleteHandler>;
  const repoUrl = 'github.com?owner=acme&repo=mono';

  beforeAll(async () => {
    standIn = await startGithubStandIn([
      {
        owner: 'acme',
        name: 'mono',
        defaultBranch: 'trunk',
        files: {
          'package.json': '{"name":"mono-root","private":true}',
          'apps/corporate-website/package.json':
            '{ "name": "@synestra/corporate-website", "version": "1.0.0" }',
          'apps/nameless/package.json': '{"private":true}',
          'apps/shell/package.json': '{"name":"$(reboot)"}',
          'apps/broken/package.json': '{ "name": ',
          'apps/no-package/README.md': 'nothing here',
          'secrets/token.txt': 'do not read',
        },
      },
    ]);
    const config = new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com', apiBaseUrl: standIn.apiBaseUrl, token: 'x' },
        ],
      },
    });
    const logger = mockServices.logger.mock();
    handler = createOktetoDevAutocompleteHandler({
      github: new GithubRepoFiles({
        urlReader: UrlReaders.default({ config, logger }),
        integrations: ScmIntegrations.fromConfig(config),
      }),
      logger,
    });
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    standIn.requests.length = 0;
  });

  const ask = (context: Record<string, string>, resource = 'package') =>
    handler({ resource, token: 'user-token', context });

  it('answers the name in <appDir>/package.json of the default branch', async () => {
    await expect(
      ask({ repoUrl, appDir: 'apps/corporate-website' }),
    ).resolves.toEqual({
      results: [
        {
          id: '@synestra/corporate-website',
          title: '@synestra/corporate-website',
        },
      ],
    });
    expect(standIn.requests).toEqual([
      'GET /api/v3/repos/acme/mono',
      'GET /api/v3/repos/acme/mono/contents/apps/corporate-website/package.json',
    ]);
    await expect(ask({ repoUrl, appDir: '.' })).resolves.toEqual({
      results: [{ id: 'mono-root', title: 'mono-root' }],
    });
  });

  it.each([
    ['a folder without package.json', 'apps/no-package'],
    ['a folder that does not exist', 'apps/nope'],
    ['a package.json without a name', 'apps/nameless'],
    ['a name pnpm --filter cannot take', 'apps/shell'],
    ['a package.json that is not JSON', 'apps/broken'],
  ])('answers no results for %s', async (_, appDir) => {
    await expect(ask({ repoUrl, appDir })).resolves.toEqual({ results: [] });
  });

  it.each([
    [{ repoUrl, appDir: '../secrets' }, /relative path without '\.\.'/],
    [{ repoUrl, appDir: 'apps/../secrets' }, /relative path without '\.\.'/],
    [{ repoUrl, appDir: '/etc' }, /relative path/],
    [{ repoUrl }, /Missing context 'appDir'/],
    [{ appDir: 'apps/x' }, /Missing context 'repoUrl'/],
    [{ repoUrl: 'gitlab.com?owner=a&repo=b', appDir: 'x' }, /integration/],
    [
      { repoUrl: 'github.com?owner=acme&repo=mono/../../x', appDir: 'apps' },
      /invalid repository name/,
    ],
    [{ repoUrl: 'github.com?owner=..&repo=mono', appDir: 'apps' }, /owner/],
  ])('refuses %j before any request', async (context, message) => {
    await expect(ask(context)).rejects.toThrow(message);
    expect(standIn.requests).toEqual([]);
  });

  it('knows only the package resource', async () => {
    await expect(ask({ repoUrl, appDir: 'secrets' }, 'file')).rejects.toThrow(
      /Invalid resource 'file'/,
    );
    expect(standIn.requests).toEqual([]);
  });
});
