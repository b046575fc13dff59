import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import { GithubStandIn, startGithubStandIn } from '../testing/githubStandIn';
import { STAND_IN_TOKENS } from '../testing/standInRepo';
import { gitHostsConfig, gitServices } from '../__testUtils__/gitHosts';
import { createOktetoRepoFilesFetchAction } from './repoFilesFetch';

const ALICE = STAND_IN_TOKENS.alice;

describe('okteto:repo-files:fetch', () => {
  const mockDir = createMockDirectory();
  let standIn: GithubStandIn;
  let action: ReturnType<typeof createOktetoRepoFilesFetchAction>;

  beforeAll(async () => {
    standIn = await startGithubStandIn([
      {
        owner: 'acme',
        name: 'mono',
        defaultBranch: 'trunk',
        branches: ['feature/okteto'],
        files: {
          '.okteto/okteto.yml': 'dev:\n  a:\n    image: node\n',
          'apps/a b/x.txt': 'spaced',
        },
      },
      {
        owner: 'acme',
        name: 'web',
        files: {
          '.okteto/okteto.yml':
            'dev:\n  web-shop-dev:\n    sync:\n      - ../apps:/apps\n      - ../packages/ui:/ui\n',
          'apps/.stignore': '**/node_modules/\n',
          'deploy/env/dev/shop.yaml': 'env: {}\n',
          'apps/shop-site/package.json': '{"name":"@acme/shop-site"}',
          'apps/nameless/package.json': '{"private":true}',
        },
      },
      {
        // private: the integration can read it, alice cannot
        owner: 'acme',
        name: 'payroll',
        files: { '.okteto/okteto.yml': 'dev: {}\n', 'salaries.csv': 'x' },
        members: { 'backstage-integration': 'write', bob: 'read' },
      },
      {
        owner: 'other',
        name: 'mono',
        files: { '.okteto/okteto.yml': 'dev: {}\n' },
      },
    ]);
    action = makeAction();
  });

  function makeAction(options: { allowIntegrationCredentials?: boolean } = {}) {
    const { urlReader, integrations, config } = gitServices(
      gitHostsConfig({
        github: standIn,
        allowedRepositories: ['github.com/acme/*'],
        ...options,
      }),
    );
    return createOktetoRepoFilesFetchAction({
      urlReader,
      integrations,
      config,
    });
  }
  afterAll(() => standIn.close());
  beforeEach(() => {
    mockDir.clear();
    standIn.requests.length = 0;
    standIn.requestsAs.length = 0;
  });

  async function run(
    input: Record<string, unknown>,
    using: ReturnType<typeof createOktetoRepoFilesFetchAction> = action,
  ) {
    const ctx = createMockActionContext({
      input: { token: ALICE, ...input } as any,
      workspacePath: mockDir.path,
    });
    await using.handler(ctx);
    const outputs: Record<string, unknown> = {};
    for (const [name, value] of (ctx.output as jest.Mock).mock.calls) {
      outputs[name] = value;
    }
    return outputs;
  }

  it('reads files from the default branch and reports missing ones', async () => {
    const outputs = await run({
      repoUrl: 'github.com?owner=acme&repo=mono',
      paths: ['.okteto/okteto.yml', '.stignore', 'apps/a b/x.txt'],
    });
    expect(outputs).toEqual({
      fetched: ['.okteto/okteto.yml', 'apps/a b/x.txt'],
      missing: ['.stignore'],
      branch: 'trunk',
    });
    expect(fs.readFileSync(mockDir.resolve('.okteto/okteto.yml'), 'utf8')).toBe(
      'dev:\n  a:\n    image: node\n',
    );
    expect(fs.existsSync(mockDir.resolve('.stignore'))).toBe(false);
    expect(standIn.requests).toEqual([
      'GET /api/v3/repos/acme/mono',
      'GET /api/v3/repos/acme/mono/contents/.okteto/okteto.yml',
      'GET /api/v3/repos/acme/mono/contents/.stignore',
      'GET /api/v3/repos/acme/mono/contents/apps/a%20b/x.txt',
    ]);
  });

  it('writes under targetPath and reads a given branch', async () => {
    const outputs = await run({
      repoUrl: 'github.com?owner=acme&repo=mono',
      branch: 'trunk',
      paths: ['.okteto/okteto.yml'],
      targetPath: 'repo',
    });
    expect(outputs.fetched).toEqual(['.okteto/okteto.yml']);
    expect(fs.existsSync(mockDir.resolve('repo/.okteto/okteto.yml'))).toBe(
      true,
    );
    expect(standIn.requests).toEqual([
      'GET /api/v3/repos/acme/mono/contents/.okteto/okteto.yml',
    ]);
  });

  it('reads a branch whose name holds a slash at its commit', async () => {
    const outputs = await run({
      repoUrl: 'github.com?owner=acme&repo=mono',
      branch: 'feature/okteto',
      paths: ['.okteto/okteto.yml'],
    });
    expect(outputs).toMatchObject({
      fetched: ['.okteto/okteto.yml'],
      branch: 'feature/okteto',
    });
    expect(standIn.requests).toEqual([
      'GET /api/v3/repos/acme/mono/git/ref/heads/feature/okteto',
      'GET /api/v3/repos/acme/mono/contents/.okteto/okteto.yml',
    ]);
  });

  it('treats every file of an unknown branch as missing', async () => {
    const outputs = await run({
      repoUrl: 'github.com?owner=acme&repo=mono',
      branch: 'nope',
      paths: ['.okteto/okteto.yml'],
    });
    expect(outputs.missing).toEqual(['.okteto/okteto.yml']);
  });

  it("fetches what the okteto-dev actions edit for an app, and the app folder's package.json", async () => {
    const outputs = await run({
      repoUrl: 'github.com?owner=acme&repo=web',
      app: 'shop',
      appDir: 'apps/shop-site',
    });
    expect(outputs).toEqual({
      package: '@acme/shop-site',
      fetched: [
        'apps/shop-site/package.json',
        '.okteto/okteto.yml',
        'apps/.stignore',
        'deploy/env/dev/shop.yaml',
      ],
      // the .stignore of each sync folder of the dev service, then the Argo CD files
      missing: ['packages/ui/.stignore', 'deploy/argocd/apps/dev/shop.yaml'],
      branch: 'main',
    });
    expect(fs.readFileSync(mockDir.resolve('apps/.stignore'), 'utf8')).toBe(
      '**/node_modules/\n',
    );
  });

  it('uses the default sync folder when the dev service is not in the manifest yet', async () => {
    const outputs = await run({
      repoUrl: 'github.com?owner=acme&repo=mono',
      app: 'corporate',
    });
    expect(outputs.missing).toEqual([
      '.stignore',
      'deploy/argocd/apps/dev/corporate.yaml',
      'deploy/env/dev/corporate.yaml',
    ]);
  });

  it('fails before any other file when the app folder has no package.json', async () => {
    await expect(
      run({
        repoUrl: 'github.com?owner=acme&repo=web',
        app: 'shop',
        appDir: 'apps/shop',
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        "apps/shop has no package.json on main: choose the folder that holds the app's package",
    });
    expect(fs.readdirSync(mockDir.path)).toEqual([]);
    // A package.json without a valid name is fetched; the package output is left out.
    const outputs = await run({
      repoUrl: 'github.com?owner=acme&repo=web',
      appDir: 'apps/nameless',
    });
    expect(outputs).toEqual({
      fetched: ['apps/nameless/package.json'],
      missing: [],
      branch: 'main',
    });
  });

  it.each([
    [{ paths: ['../etc/passwd'] }, /inside the repository/],
    [{ paths: ['/etc/passwd'] }, /inside the repository/],
    [{ paths: ['x'], targetPath: '../out' }, /outside the workspace/],
    [{ branch: 'a..b' }, /not a valid branch name/],
    [{ paths: [], appDir: '../etc' }, /relative path without '\.\.'/],
    [{ paths: [], app: 'Bad App' }, /app must be a DNS-1123 label/],
    [{ paths: [] }, /nothing to fetch/],
    [{ repoUrl: 'gitlab.com?owner=a&repo=b' }, /not an allowed repository/],
    [{ repoUrl: 'example.com?owner=a&repo=b' }, /No matching integration/],
    [{ repoUrl: 'github.com?owner=other&repo=mono' }, /not an allowed/],
    [{ repoUrl: 'github.com?owner=acme&repo=..' }, /invalid repository/],
  ])('refuses bad input %j', async (patch, message) => {
    await expect(
      run({
        repoUrl: 'github.com?owner=acme&repo=mono',
        paths: ['.okteto/okteto.yml'],
        ...patch,
      }),
    ).rejects.toThrow(message);
    expect(standIn.requests).toEqual([]);
  });

  describe("as the user: the template's token, never the integration's unless allowed", () => {
    it("reads with the user's token", async () => {
      await run({
        repoUrl: 'github.com?owner=acme&repo=mono',
        paths: ['.okteto/okteto.yml'],
      });
      expect(standIn.requestsAs).toEqual([
        'alice GET /api/v3/repos/acme/mono',
        'alice GET /api/v3/repos/acme/mono/contents/.okteto/okteto.yml',
      ]);
      const bob = await run({
        repoUrl: 'github.com?owner=acme&repo=payroll',
        paths: ['.okteto/okteto.yml'],
        token: STAND_IN_TOKENS.bob,
      });
      expect(bob.fetched).toEqual(['.okteto/okteto.yml']);
    });

    it('cannot read what the user cannot read, though the integration could', async () => {
      await expect(
        run({
          repoUrl: 'github.com?owner=acme&repo=payroll',
          paths: ['salaries.csv'],
        }),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message:
          'github.com/acme/payroll does not exist, or your GitHub account cannot read it',
      });
      expect(standIn.requests).toEqual(['GET /api/v3/repos/acme/payroll']);
      expect(fs.readdirSync(mockDir.path)).toEqual([]);
    });

    it('refuses a run without a user token before any request', async () => {
      await expect(
        run({
          repoUrl: 'github.com?owner=acme&repo=mono',
          paths: ['.okteto/okteto.yml'],
          token: undefined,
        }),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          'Reading github.com/acme/mono needs your own GitHub sign-in',
        ),
      });
      await expect(
        run({
          repoUrl: 'github.com?owner=acme&repo=mono',
          paths: ['.okteto/okteto.yml'],
          token: '  ',
        }),
      ).rejects.toThrow(/needs your own GitHub sign-in/);
      expect(standIn.requests).toEqual([]);
    });

    it('reads as the integration only where config allows it, and only allowed repositories', async () => {
      const lenient = makeAction({ allowIntegrationCredentials: true });
      const outputs = await run(
        {
          repoUrl: 'github.com?owner=acme&repo=payroll',
          paths: ['salaries.csv'],
          token: undefined,
        },
        lenient,
      );
      expect(outputs.fetched).toEqual(['salaries.csv']);
      expect(standIn.requestsAs).toEqual([
        'backstage-integration GET /api/v3/repos/acme/payroll',
        'backstage-integration GET /api/v3/repos/acme/payroll/contents/salaries.csv',
      ]);
      await expect(
        run(
          {
            repoUrl: 'github.com?owner=other&repo=mono',
            paths: ['.okteto/okteto.yml'],
            token: undefined,
          },
          lenient,
        ),
      ).rejects.toThrow(
        'github.com/other/mono is not an allowed repository (oktetoDev.scaffolder.allowedRepositories: github.com/acme/*)',
      );
      // a user's token still wins over the integration
      await expect(
        run(
          {
            repoUrl: 'github.com?owner=acme&repo=payroll',
            paths: ['salaries.csv'],
          },
          lenient,
        ),
      ).rejects.toThrow(/your GitHub account cannot read it/);
    });

    it("refuses an unknown token with the host's answer", async () => {
      await expect(
        run({
          repoUrl: 'github.com?owner=acme&repo=mono',
          paths: ['.okteto/okteto.yml'],
          token: 'stolen',
        }),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'GitHub refused your GitHub account access to github.com/acme/mono (401)',
      });
    });
  });
});
