import { mockCredentials } from '@backstage/backend-test-utils';
import {
  DEFAULT_STIGNORE_ENTRIES,
  STIGNORE_HEADER,
} from '@okteto-dev/plugin-okteto-dev-common';
import request from 'supertest';
import yaml from 'yaml';
import { readApplicationFixture, readWebCoreFixture } from './testing/fixtures';
import { GitlabStandIn, startGitlabStandIn } from './testing/gitlabStandIn';
import { STAND_IN_TOKENS } from './testing/standInRepo';
import {
  dryRunTemplate,
  readTemplate,
  runTemplate,
  startScaffolder,
  TestServer,
} from './__testUtils__/scaffolderBackend';

const PROJECT = 'platform/web';
const SHOP_APP = 'deploy/argocd/apps/dev/shop.yaml';
const PACKAGE_JSON = 'apps/corporate-website/package.json';
const files: Record<string, string> = {
  ...Object.fromEntries(
    [
      '.okteto/okteto.yml',
      '.okteto/.stignore',
      'deploy/argocd/apps/dev/synestra-io.yaml',
      'deploy/env/dev/synestra-io.yaml',
    ].map(p => [p, readWebCoreFixture(p)]),
  ),
  [SHOP_APP]: readApplicationFixture('shop.yaml'),
  [PACKAGE_JSON]: '{\n  "name": "@synestra/corporate-website"\n}\n',
};

/**
 * Both templates on a GitLab project in a subgroup-free namespace, through a real scaffolder
 * backend with Backstage's GitLab module (`publish:gitlab:merge-request`) and GitLab reader,
 * against the GitLab stand-in: what `module.test.ts` and `fixTemplate.test.ts` check on GitHub.
 */
describe('the templates on GitLab', () => {
  let gitlab: GitlabStandIn;
  let server: TestServer;
  let repository: string;
  const enable = readTemplate('enable-okteto');
  const fixTemplate = readTemplate('fix-okteto-dev');

  beforeAll(async () => {
    gitlab = await startGitlabStandIn([
      {
        owner: 'platform',
        name: 'web',
        files,
        members: { alice: 'write', 'backstage-integration': 'write' },
      },
    ]);
    repository = `${gitlab.host}?owner=platform&repo=web`;
    server = await startScaffolder({ gitlab }, [enable, fixTemplate], {
      allowedRepositories: [`${gitlab.host}/platform/*`],
    });
  });
  afterAll(() => gitlab.close());

  async function run(ref: string, values: Record<string, string>) {
    const result = await runTemplate(server, ref, { repository, ...values });
    const completion = result.events.find((e: any) => e.type === 'completion');
    return { ...result, output: completion?.body.output };
  }

  it('enable-okteto opens one merge request, as the user, with exactly the expected files', async () => {
    const { task, messages, output } = await run(
      'template:default/enable-okteto',
      {
        app: 'corporate',
        appDir: 'apps/corporate-website',
        serverUrl: 'https://corporate.dev.synestra.tech',
      },
    );
    if (task.status !== 'completed') {
      throw new Error(`task ${task.status}: ${messages.join('\n')}`);
    }
    expect(gitlab.unhandled).toEqual([]);
    expect(gitlab.mergeRequests).toHaveLength(1);
    const [mr] = gitlab.mergeRequests;
    expect(mr).toMatchObject({
      project: PROJECT,
      sourceBranch: 'okteto/enable-corporate',
      targetBranch: 'main',
      title: 'Enable Okteto dev mode for corporate',
      removeSourceBranch: true,
      author: 'alice',
      state: 'opened',
    });
    expect(mr.description).toContain(
      'Enables Okteto dev mode for `corporate` (`@synestra/corporate-website` in `apps/corporate-website`)',
    );
    expect(mr.description).not.toMatch(/\$\{\{|undefined/);
    // the unchanged package.json the run fetched is no change (its blob id matches)
    expect(gitlab.diff(PROJECT, 'main', mr.sourceBranch)).toEqual([
      '.okteto/okteto.yml',
      '.stignore',
      'deploy/argocd/apps/dev/corporate.yaml',
      'deploy/env/dev/corporate.yaml',
    ]);
    const branch = gitlab.files(PROJECT, mr.sourceBranch);
    expect(branch['.stignore']).toBe(
      `${[STIGNORE_HEADER, ...DEFAULT_STIGNORE_ENTRIES].join('\n')}\n`,
    );
    expect(
      yaml.parse(branch['.okteto/okteto.yml']).dev['web-corporate-dev'],
    ).toMatchObject({ workdir: '/app/apps/corporate-website' });
    expect(gitlab.commitAuthors(PROJECT, 'main', mr.sourceBranch)).toEqual([
      'alice',
    ]);
    // every read and write carried alice's token, none the integration's
    expect(gitlab.requestsAs.filter(r => !r.startsWith('alice '))).toEqual([]);
    expect(messages).toContain(
      'Skipping step publish-github because its if condition was false',
    );
    expect(output.links).toEqual([
      {
        title: 'Pull request',
        url: `${gitlab.url}/${PROJECT}/-/merge_requests/1`,
      },
    ]);
    // eslint-disable-next-line no-console
    console.log(
      `GitLab stand-in endpoints used:\n${[
        ...new Set(
          gitlab.requests.map(r =>
            r
              .replace(/\/files\/[^/]+/, '/files/{path}')
              .replace(/\/branches\/.+/, '/branches/{branch}'),
          ),
        ),
      ].join('\n')}`,
    );
  });

  it('fix-okteto-dev: one merge request with one changed line; a second run before the merge fails naming it; none once merged', async () => {
    const before = gitlab.mergeRequests.length;
    const first = await run('template:default/fix-okteto-dev', {
      app: 'shop',
      fix: 'self-heal-off',
    });
    expect(first.task.status).toBe('completed');
    expect(gitlab.mergeRequests).toHaveLength(before + 1);
    const mr = gitlab.mergeRequests[before];
    expect(mr).toMatchObject({
      sourceBranch: 'okteto/fix-shop-self-heal-off',
      title: 'Turn selfHeal off for shop',
      author: 'alice',
    });
    expect(gitlab.diff(PROJECT, 'main', mr.sourceBranch)).toEqual([SHOP_APP]);
    expect(gitlab.files(PROJECT, mr.sourceBranch)[SHOP_APP]).toBe(
      files[SHOP_APP].replace('selfHeal: true', 'selfHeal: false'),
    );
    expect(mr.description).toContain(
      '-      selfHeal: true\n+      selfHeal: false',
    );

    // publish:gitlab:merge-request cannot update a merge request (upstream): it refuses the
    // existing branch and names the merge request; still exactly one.
    const again = await run('template:default/fix-okteto-dev', {
      app: 'shop',
      fix: 'self-heal-off',
    });
    expect(again.task.status).toBe('failed');
    expect(again.messages.join('\n')).toContain(
      `there is a Merge Request for this branch: ${gitlab.url}/${PROJECT}/-/merge_requests/${mr.iid}`,
    );
    expect(gitlab.mergeRequests).toHaveLength(before + 1);

    gitlab.merge(mr);
    expect(gitlab.branches(PROJECT)).not.toContain(mr.sourceBranch);
    const done = await run('template:default/fix-okteto-dev', {
      app: 'shop',
      fix: 'self-heal-off',
    });
    expect(done.task.status).toBe('completed');
    expect(gitlab.mergeRequests).toHaveLength(before + 1);
    expect(done.output.text[0].content).toContain(
      '`self-heal-off` is already fixed on `main`: nothing to change, no pull request opened.',
    );
  });

  it('dry-runs with the diff, writing nothing to GitLab', async () => {
    const writes = () =>
      gitlab.requests.filter(r => !r.startsWith('GET ')).length;
    const before = writes();
    const {
      status,
      body,
      files: workspace,
    } = await dryRunTemplate(server, fixTemplate, {
      repository,
      app: 'synestra-io',
      fix: 'replicas-ignored',
    });
    expect(status).toBe(200);
    expect(workspace['deploy/argocd/apps/dev/synestra-io.yaml']).toContain(
      '/spec/replicas',
    );
    expect(body.output.text[0].content).toContain(
      '+++ b/deploy/argocd/apps/dev/synestra-io.yaml',
    );
    expect(writes()).toBe(before);
  });

  it("answers the autocomplete from a GitLab project with the caller's token", async () => {
    const ask = (token: string) =>
      request(server)
        .post('/api/scaffolder/v2/autocomplete/okteto-dev/package')
        .set('Authorization', mockCredentials.user.header())
        .send({
          token,
          context: { repoUrl: repository, appDir: 'apps/corporate-website' },
        });
    const found = await ask(STAND_IN_TOKENS.alice);
    expect(found.body).toEqual({
      results: [
        {
          id: '@synestra/corporate-website',
          title: '@synestra/corporate-website',
        },
      ],
    });
    // bob is no member of the private project: it does not exist for him
    const hidden = await ask(STAND_IN_TOKENS.bob);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      `${gitlab.host}/platform/web does not exist, or your GitLab account cannot read it`,
    );
  });
});
