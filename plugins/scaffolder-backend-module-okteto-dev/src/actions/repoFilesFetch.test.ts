import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import { GithubStandIn, startGithubStandIn } from '../testing/githubStandIn';
import { createOktetoRepoFilesFetchAction } from './repoFilesFetch';

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
    ]);
    const config = new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com', apiBaseUrl: standIn.apiBaseUrl, token: 'x' },
        ],
      },
    });
    action = createOktetoRepoFilesFetchAction({
      urlReader: UrlReaders.default({
        config,
        logger: mockServices.logger.mock(),
      }),
      integrations: ScmIntegrations.fromConfig(config),
    });
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    mockDir.clear();
    standIn.requests.length = 0;
  });

  async function run(input: Record<string, unknown>) {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: mockDir.path,
    });
    await action.handler(ctx);
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
    [
      { repoUrl: 'gitlab.com?owner=a&repo=b' },
      /No GitHub integration|Unable to find integration/,
    ],
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
});
