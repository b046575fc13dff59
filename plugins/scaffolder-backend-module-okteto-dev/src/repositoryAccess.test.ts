import { readApplicationFixture, readWebCoreFixture } from './testing/fixtures';
import { GithubStandIn, startGithubStandIn } from './testing/githubStandIn';
import { STAND_IN_TOKENS } from './testing/standInRepo';
import {
  dryRunTemplate,
  readTemplate,
  runTemplate,
  startScaffolder,
  TestServer,
} from './__testUtils__/scaffolderBackend';

const SHOP_APP = 'deploy/argocd/apps/dev/shop.yaml';
const FIX_BRANCH = 'okteto/fix-shop-self-heal-off';
const webCore = {
  '.okteto/okteto.yml': readWebCoreFixture('.okteto/okteto.yml'),
  [SHOP_APP]: readApplicationFixture('shop.yaml'),
};

/**
 * What a template user can reach, through a real scaffolder backend: only the repositories of
 * `oktetoDev.scaffolder.allowedRepositories`, and only as themselves. The stand-in holds the allowed
 * monorepo, a private repository the integration can read but alice cannot, and another public
 * repository with a branch named like a fix branch (what `update: true` would force-update).
 */
describe('repository access of the templates and actions', () => {
  let github: GithubStandIn;
  let server: TestServer;
  let lenient: TestServer;
  const fixTemplate = readTemplate('fix-okteto-dev');
  let otherBranchReadme: string;

  beforeAll(async () => {
    github = await startGithubStandIn([
      { owner: 'NeoGrAIph', name: 'web-core', files: webCore },
      {
        owner: 'acme',
        name: 'payroll',
        files: { ...webCore, 'salaries.csv': 'alice,1\nbob,2\n' },
        members: { 'backstage-integration': 'write', bob: 'read' },
      },
      {
        owner: 'NeoGrAIph',
        name: 'other',
        files: webCore,
        branchFiles: { [FIX_BRANCH]: { 'README.md': 'their work' } },
      },
    ]);
    otherBranchReadme = github.files('NeoGrAIph', 'other', FIX_BRANCH)[
      'README.md'
    ];
    server = await startScaffolder(github, [fixTemplate], {
      allowedRepositories: ['github.com/NeoGrAIph/web-core'],
    });
    // the integration is allowed to read when the user has no token; payroll is allowed too
    lenient = await startScaffolder(github, [fixTemplate], {
      allowedRepositories: [
        'github.com/NeoGrAIph/web-core',
        'github.com/acme/payroll',
      ],
      allowIntegrationCredentials: true,
    });
  });
  afterAll(() => github.close());
  beforeEach(() => {
    github.requests.length = 0;
    github.requestsAs.length = 0;
  });

  const touched = (repo: string) =>
    github.requests.filter(r => r.includes(`/repos/${repo}`));

  it("a dry run's inline template cannot read another repository's files", async () => {
    const steal = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'steal' },
      spec: {
        type: 'service',
        owner: 'user:default/mallory',
        parameters: [],
        steps: [
          {
            id: 'read',
            action: 'okteto:repo-files:fetch',
            input: {
              repoUrl: 'github.com?owner=acme&repo=payroll',
              paths: ['salaries.csv'],
              token: '${{ secrets.USER_OAUTH_TOKEN }}',
            },
          },
        ],
        output: { text: [{ title: 'diff', content: 'x' }] },
      },
    };
    const attempt = async (
      target: TestServer,
      secrets: Record<string, string>,
    ) => {
      const result = await dryRunTemplate(target, steal, {}, {}, secrets);
      return { ...result, text: JSON.stringify(result.body) };
    };
    const alice = { USER_OAUTH_TOKEN: STAND_IN_TOKENS.alice };

    // not allowed: refused before any request, with or without a token
    const strict = await attempt(server, alice);
    expect(strict.status).toBe(403);
    expect(strict.body.error.message).toBe(
      'github.com/acme/payroll is not an allowed repository (oktetoDev.scaffolder.allowedRepositories: github.com/NeoGrAIph/web-core)',
    );
    const anonymous = await attempt(server, {});
    expect(anonymous.status).toBe(403);
    expect(touched('acme/payroll')).toEqual([]);

    // allowed, but read with alice's own token, and she cannot read it; the integration, which
    // could, is not used while she has a token
    const asAlice = await attempt(lenient, alice);
    expect(asAlice.status).toBe(404);
    expect(asAlice.body.error.message).toBe(
      'github.com/acme/payroll does not exist, or your GitHub account cannot read it',
    );
    expect(github.requestsAs).toEqual(['alice GET /api/v3/repos/acme/payroll']);
    for (const { text, files } of [strict, anonymous, asAlice]) {
      expect(text).not.toContain('alice,1');
      expect(files['salaries.csv']).toBeUndefined();
    }
  });

  it('allowIntegrationCredentials opens exactly the allowed repositories to runs without a token', async () => {
    // what an operator opts into: no user token, the integration reads an allowed repository
    const { status, files } = await dryRunTemplate(
      lenient,
      {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'read' },
        spec: {
          type: 'service',
          owner: 'user:default/ops',
          parameters: [],
          steps: [
            {
              id: 'read',
              action: 'okteto:repo-files:fetch',
              input: {
                repoUrl: 'github.com?owner=acme&repo=payroll',
                paths: ['salaries.csv'],
              },
            },
          ],
        },
      },
      {},
      {},
      {},
    );
    expect(status).toBe(200);
    expect(files['salaries.csv']).toBe('alice,1\nbob,2\n');
    expect(
      github.requestsAs.every(r => r.startsWith('backstage-integration ')),
    ).toBe(true);
  });

  it('a run cannot update a pull-request branch of another repository', async () => {
    const { task, messages } = await runTemplate(
      server,
      'template:default/fix-okteto-dev',
      {
        repository: 'github.com?owner=NeoGrAIph&repo=other',
        app: 'shop',
        fix: 'self-heal-off',
      },
    );
    expect(task.status).toBe('failed');
    expect(messages.join('\n')).toContain(
      'github.com/NeoGrAIph/other is not an allowed repository (oktetoDev.scaffolder.allowedRepositories: github.com/NeoGrAIph/web-core)',
    );
    expect(messages).not.toContain('Beginning step Fetch the current files');
    expect(touched('NeoGrAIph/other')).toEqual([]);
    expect(github.files('NeoGrAIph', 'other', FIX_BRANCH)['README.md']).toBe(
      otherBranchReadme,
    );
    expect(github.pulls).toEqual([]);
  });

  it("a run without the user's token stops before any request, unless the integration is allowed", async () => {
    const values = {
      repository: 'github.com?owner=NeoGrAIph&repo=web-core',
      app: 'shop',
      fix: 'self-heal-off',
    };
    const strict = await runTemplate(
      server,
      'template:default/fix-okteto-dev',
      values,
      {},
    );
    expect(strict.task.status).toBe('failed');
    expect(strict.messages.join('\n')).toContain(
      'Reading github.com/NeoGrAIph/web-core needs your own GitHub sign-in',
    );
    expect(github.requests).toEqual([]);
    expect(github.pulls).toEqual([]);

    const fallback = await runTemplate(
      lenient,
      'template:default/fix-okteto-dev',
      values,
      {},
    );
    expect(fallback.task.status).toBe('completed');
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]).toMatchObject({
      head: FIX_BRANCH,
      author: 'backstage-integration',
    });
    expect(
      github.requestsAs.every(r => r.startsWith('backstage-integration ')),
    ).toBe(true);
  });

  it('an allowed repository the user cannot read stays unread, though the integration could', async () => {
    const before = github.pulls.length;
    const { task, messages } = await runTemplate(
      lenient,
      'template:default/fix-okteto-dev',
      {
        repository: 'github.com?owner=acme&repo=payroll',
        app: 'shop',
        fix: 'self-heal-off',
      },
      { USER_OAUTH_TOKEN: STAND_IN_TOKENS.alice },
    );
    expect(task.status).toBe('failed');
    expect(messages.join('\n')).toContain(
      'github.com/acme/payroll does not exist, or your GitHub account cannot read it',
    );
    expect(github.pulls).toHaveLength(before);
    expect(github.branches('acme', 'payroll')).toEqual(['main']);
  });
});
