import { ConfigReader } from '@backstage/config';
import {
  getAzureFileFetchUrl,
  getBitbucketCloudFileFetchUrl,
  getBitbucketServerFileFetchUrl,
  getGiteaFileContentsUrl,
  getGitLabFileFetchUrl,
  getGithubFileFetchUrl,
  ScmIntegrations,
} from '@backstage/integration';
import { startStandInServer, StandInServer } from '../testing/standInServer';
import { RepositoryAllowList } from './allowedRepositories';
import { readIdentity } from './gitIdentity';
import { fileUrl, locateRepository, refNeedsCommit } from './repoLocation';
import { RepoRefs } from './repoRefs';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', apiBaseUrl: 'https://api.github.com' }],
      gitlab: [
        {
          host: 'gitlab.example.com',
          baseUrl: 'https://gitlab.example.com/git',
          apiBaseUrl: 'https://gitlab.example.com/git/api/v4',
        },
      ],
      bitbucketCloud: [{ username: 'u', appPassword: 'p' }],
      bitbucketServer: [
        {
          host: 'bb.example.com',
          apiBaseUrl: 'https://bb.example.com/rest/api/1.0',
        },
      ],
      azure: [{ host: 'dev.azure.com' }],
      gitea: [{ host: 'gitea.example.com' }],
      gerrit: [
        {
          host: 'gerrit.example.com',
          gitilesBaseUrl: 'https://gerrit.example.com/gitiles',
        },
      ],
    },
  }),
);
const config = (host: string) => (integrations.byHost(host) as any).config;

describe('locateRepository and fileUrl', () => {
  // Each host's file URL, turned into the API request by that host's own builder of
  // @backstage/integration (what its UrlReader in backend-defaults calls).
  it.each([
    [
      'github.com?owner=acme&repo=mono',
      'github.com/acme/mono',
      async (url: string) =>
        getGithubFileFetchUrl(url, config('github.com'), {
          type: 'token',
          token: 't',
          headers: {},
        }),
      'https://api.github.com/repos/acme/mono/contents/apps/a b/package.json?ref=main',
    ],
    [
      'gitlab.example.com?owner=group/sub&repo=mono',
      'gitlab.example.com/group/sub/mono',
      (url: string) => getGitLabFileFetchUrl(url, config('gitlab.example.com')),
      'https://gitlab.example.com/git/api/v4/projects/group%2Fsub%2Fmono/repository/files/apps%2Fa%20b%2Fpackage.json/raw?ref=main',
    ],
    [
      'bitbucket.org?workspace=ws&project=P&repo=mono',
      'bitbucket.org/ws/mono',
      async (url: string) =>
        getBitbucketCloudFileFetchUrl(url, config('bitbucket.org')),
      'https://api.bitbucket.org/2.0/repositories/ws/mono/src/main/apps/a b/package.json',
    ],
    [
      'bb.example.com?project=PRJ&repo=mono',
      'bb.example.com/PRJ/mono',
      async (url: string) =>
        getBitbucketServerFileFetchUrl(url, config('bb.example.com')),
      'https://bb.example.com/rest/api/1.0/projects/PRJ/repos/mono/raw/apps/a%20b/package.json?at=main',
    ],
    [
      'dev.azure.com?organization=org&project=proj&repo=mono',
      'dev.azure.com/org/proj/mono',
      async (url: string) => getAzureFileFetchUrl(url),
      'https://dev.azure.com/org/proj/_apis/git/repositories/mono/items?api-version=6.0&path=%2Fapps%2Fa+b%2Fpackage.json&versionDescriptor.version=main&versionDescriptor.versionType=branch',
    ],
    [
      'gitea.example.com?owner=acme&repo=mono',
      'gitea.example.com/acme/mono',
      async (url: string) =>
        getGiteaFileContentsUrl(config('gitea.example.com'), url),
      'https://gitea.example.com/api/v1/repos/acme/mono/contents/apps/a%20b/package.json?ref=main',
    ],
  ])('%s', async (repoUrl, repository, toApi, api) => {
    const location = locateRepository(repoUrl, integrations);
    expect(location.repository).toBe(repository);
    const url = fileUrl(location, 'main', 'apps/a b/package.json');
    expect(integrations.byUrl(url)?.type).toBe(location.type);
    expect(await toApi(url)).toBe(api);
  });

  it('keeps a branch with a slash apart from the path where the reader can, and says where it cannot', async () => {
    const gitlab = locateRepository(
      'gitlab.example.com?owner=g&repo=r',
      integrations,
    );
    expect(
      await getGitLabFileFetchUrl(
        fileUrl(gitlab, 'feature/x', 'a.yml'),
        config('gitlab.example.com'),
      ),
    ).toBe(
      'https://gitlab.example.com/git/api/v4/projects/g%2Fr/repository/files/a.yml/raw?ref=feature%2Fx',
    );
    expect(refNeedsCommit(gitlab, 'feature/x')).toBe(false);
    const github = locateRepository('github.com?owner=o&repo=r', integrations);
    expect(refNeedsCommit(github, 'feature/x')).toBe(true);
    expect(refNeedsCommit(github, 'main')).toBe(false);
  });

  it.each([
    ['github.com?owner=..&repo=r', /invalid owner/],
    ['github.com?owner=a/b&repo=r', /invalid owner/],
    ['github.com?owner=o&repo=r%3Fx', /invalid repository name/],
    ['github.com?owner=o%23x&repo=r', /invalid owner/],
    ['gitlab.example.com?project=42&repo=r', /by id/],
    ['bitbucket.org?workspace=w&project=P&repo=a%2F..', /invalid repository/],
    ['bb.example.com?repo=r', /missing project/],
    ['gerrit.example.com?repo=r', /gerrit integration/],
    ['nowhere.example.com?owner=o&repo=r', /No matching integration/],
  ])('refuses %s', (repoUrl, message) => {
    expect(() => locateRepository(repoUrl, integrations)).toThrow(message);
  });
});

describe('RepositoryAllowList', () => {
  const list = new RepositoryAllowList([
    'github.com/NeoGrAIph/web-core',
    'gitlab.example.com/platform/**',
    'https://bb.example.com/PRJ/*/',
  ]);

  it.each([
    ['github.com/NeoGrAIph/web-core', true],
    ['github.com/neograiph/WEB-CORE', true],
    ['github.com/NeoGrAIph/web-core-fork', false],
    ['github.com/NeoGrAIph', false],
    ['gitlab.example.com/platform/web', true],
    ['gitlab.example.com/platform/sub/web', true],
    ['gitlab.example.com/platformx/web', false],
    ['bb.example.com/PRJ/repo', true],
    ['bb.example.com/PRJ/repo/x', false],
    ['evil.com/github.com/NeoGrAIph/web-core', false],
  ])('%s: %s', (repository, allowed) => {
    expect(list.allows(repository)).toBe(allowed);
  });

  it('allows nothing when nothing is configured, and says so', () => {
    const location = locateRepository(
      'github.com?owner=o&repo=r',
      integrations,
    );
    expect(() => new RepositoryAllowList(undefined).check(location)).toThrow(
      'github.com/o/r is not an allowed repository: oktetoDev.scaffolder.allowedRepositories lists none, so the okteto-dev actions read and change no repository',
    );
  });
});

describe('readIdentity', () => {
  const github = locateRepository('github.com?owner=o&repo=r', integrations);
  const bitbucket = locateRepository(
    'bb.example.com?project=P&repo=r',
    integrations,
  );
  const strict = {
    allowIntegrationCredentials: false,
    requireScmUserCredentials: false,
  };
  const lenient = { ...strict, allowIntegrationCredentials: true };

  it("uses the user's token where the host's reader takes one", () => {
    expect(readIdentity(github, ' gho_x ', strict)).toEqual({
      kind: 'user',
      token: 'gho_x',
    });
    expect(readIdentity(github, 'gho_x', lenient)).toEqual({
      kind: 'user',
      token: 'gho_x',
    });
  });

  it('falls back to the integration only when allowed, and never under scaffolder.requireScmUserCredentials', () => {
    for (const none of [undefined, '', 'none']) {
      expect(() => readIdentity(github, none, strict)).toThrow(
        /needs your own GitHub sign-in/,
      );
      expect(readIdentity(github, none, lenient)).toEqual({
        kind: 'integration',
      });
      expect(() =>
        readIdentity(github, none, {
          ...lenient,
          requireScmUserCredentials: true,
        }),
      ).toThrow(/scaffolder.requireScmUserCredentials is on/);
    }
  });

  it('reads a host whose reader takes no user token only as the integration, only when allowed', () => {
    expect(() => readIdentity(bitbucket, 'user-token', strict)).toThrow(
      "Reading bb.example.com/P/r would use the Bitbucket Server integration's credentials (Backstage's Bitbucket Server reader takes no user token), which oktetoDev.scaffolder.allowIntegrationCredentials does not allow",
    );
    expect(readIdentity(bitbucket, 'user-token', lenient)).toEqual({
      kind: 'integration',
    });
  });
});

// Bitbucket Cloud's API base is fixed (api.bitbucket.org) in its integration config, so its default
// branch (getBitbucketCloudDefaultBranch of @backstage/integration) is not exercised here.
describe('RepoRefs on the hosts without a stand-in of their own', () => {
  let server: StandInServer;
  let refs: RepoRefs;
  let hosts: ScmIntegrations;
  const seen: Array<{ path: string; auth?: string }> = [];

  beforeAll(async () => {
    server = await startStandInServer(({ url, headers }) => {
      seen.push({ path: url.pathname, auth: headers.authorization });
      switch (url.pathname) {
        // Bitbucket Server: the newer endpoint is missing, the older one answers (as
        // getBitbucketServerDefaultBranch of @backstage/integration tries them)
        case '/rest/api/1.0/projects/PRJ/repos/mono/branches/default':
          return { status: 200, json: { displayId: 'develop' } };
        case '/api/v1/repos/acme/mono':
          return { status: 200, json: { default_branch: 'main' } };
        case '/api/v1/repos/acme/gone':
          return { status: 404, json: {} };
        default:
          return undefined;
      }
    });
    const host = new URL(server.url).host;
    hosts = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          bitbucketServer: [
            {
              host: 'bb.example.com',
              apiBaseUrl: `${server.url}/rest/api/1.0`,
              token: 'bb-token',
            },
          ],
          gitea: [{ host, baseUrl: server.url, password: 'gitea-token' }],
        },
      }),
    );
    refs = new RepoRefs(hosts);
  });
  afterAll(() => server.close());

  const integration = { kind: 'integration' } as const;

  it('reads the default branch with the integration credentials', async () => {
    const host = new URL(server.url).host;
    await expect(
      refs.defaultBranch(
        locateRepository('bb.example.com?project=PRJ&repo=mono', hosts),
        integration,
      ),
    ).resolves.toBe('develop');
    await expect(
      refs.defaultBranch(
        locateRepository(`${host}?owner=acme&repo=mono`, hosts),
        integration,
      ),
    ).resolves.toBe('main');
    expect(seen).toEqual([
      {
        path: '/rest/api/1.0/projects/PRJ/repos/mono/default-branch',
        auth: 'Bearer bb-token',
      },
      {
        path: '/rest/api/1.0/projects/PRJ/repos/mono/branches/default',
        auth: 'Bearer bb-token',
      },
      { path: '/api/v1/repos/acme/mono', auth: 'token gitea-token' },
    ]);
  });

  it('says which repository it cannot find, and refuses a slashed branch where file URLs cannot hold one', async () => {
    const host = new URL(server.url).host;
    const gone = locateRepository(`${host}?owner=acme&repo=gone`, hosts);
    await expect(refs.defaultBranch(gone, integration)).rejects.toThrow(
      `${host}/acme/gone does not exist, or the Gitea integration cannot read it`,
    );
    await expect(
      refs.branchCommit(gone, integration, 'feature/x'),
    ).rejects.toThrow(/Gitea file URLs cannot name a branch with '\/'/);
  });
});
