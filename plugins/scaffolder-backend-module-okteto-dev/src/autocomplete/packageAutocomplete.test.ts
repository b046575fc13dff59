import { GithubStandIn, startGithubStandIn } from '../testing/githubStandIn';
import { STAND_IN_TOKENS } from '../testing/standInRepo';
import { gitHostsConfig, gitServices } from '../__testUtils__/gitHosts';
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
      {
        // private: the integration and bob can read it, alice cannot
        owner: 'acme',
        name: 'internal',
        files: { 'apps/hr/package.json': '{"name":"@acme/hr"}' },
        members: { 'backstage-integration': 'write', bob: 'read' },
      },
      {
        owner: 'elsewhere',
        name: 'mono',
        files: { 'apps/x/package.json': '{"name":"x"}' },
      },
    ]);
    handler = createOktetoDevAutocompleteHandler({
      files: gitServices(
        gitHostsConfig({
          github: standIn,
          allowedRepositories: ['github.com/acme/*'],
        }),
      ).files,
    });
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    standIn.requests.length = 0;
    standIn.requestsAs.length = 0;
  });

  const ask = (
    context: Record<string, string>,
    resource = 'package',
    token: string = STAND_IN_TOKENS.alice,
  ) => handler({ resource, token, context });

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
    expect(standIn.requestsAs).toEqual([
      'alice GET /api/v3/repos/acme/mono',
      'alice GET /api/v3/repos/acme/mono/contents/apps/corporate-website/package.json',
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
    [{ repoUrl: 'gitlab.com?owner=a&repo=b', appDir: 'x' }, /not an allowed/],
    [{ repoUrl: 'example.com?owner=a&repo=b', appDir: 'x' }, /integration/],
    [
      { repoUrl: 'github.com?owner=elsewhere&repo=mono', appDir: 'apps/x' },
      /github.com\/elsewhere\/mono is not an allowed repository/,
    ],
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

  it('answers only what the caller could read', async () => {
    const internal = 'github.com?owner=acme&repo=internal';
    await expect(
      ask(
        { repoUrl: internal, appDir: 'apps/hr' },
        'package',
        STAND_IN_TOKENS.bob,
      ),
    ).resolves.toEqual({ results: [{ id: '@acme/hr', title: '@acme/hr' }] });
    // alice cannot read the repository: the same answer as for one that does not exist
    await expect(
      ask({ repoUrl: internal, appDir: 'apps/hr' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'github.com/acme/internal does not exist, or your GitHub account cannot read it',
    });
    expect(standIn.requestsAs).toEqual([
      'bob GET /api/v3/repos/acme/internal',
      'bob GET /api/v3/repos/acme/internal/contents/apps/hr/package.json',
      'alice GET /api/v3/repos/acme/internal',
    ]);
  });

  it.each([['none'], ['']])(
    'refuses a caller without a token (%j)',
    async token => {
      await expect(
        ask({ repoUrl, appDir: 'apps/corporate-website' }, 'package', token),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect(standIn.requests).toEqual([]);
    },
  );
});
