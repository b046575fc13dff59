import {
  DEFAULT_STIGNORE_ENTRIES,
  devMessage,
  STIGNORE_HEADER,
} from '@okteto-dev/plugin-okteto-dev-common';
import yaml from 'yaml';
import {
  readApplicationFixture,
  readWebCoreFixture,
  webCoreDevCommand,
} from './testing/fixtures';
import { GithubStandIn, startGithubStandIn } from './testing/githubStandIn';
import {
  dryRunTemplate,
  readTemplate,
  runTemplate,
  startScaffolder,
  TestServer,
} from './__testUtils__/scaffolderBackend';

const OWNER = 'NeoGrAIph';
const REPO = 'web-core';
const repository = `github.com?owner=${OWNER}&repo=${REPO}`;
const SHOP_APP = 'deploy/argocd/apps/dev/shop.yaml';
const SYNESTRA_APP = 'deploy/argocd/apps/dev/synestra-io.yaml';
const CORPORATE_APP = 'deploy/argocd/apps/dev/corporate.yaml';
const SHOP_VALUES = 'deploy/env/dev/shop.yaml';

// web-core's files, plus the shop's: its Application with selfHeal on (the sandbox's 30-shop
// scenario) and corporate's values without the dev marker.
const shopValues = readWebCoreFixture('deploy/env/dev/corporate.yaml')
  .replace(/corporate/g, 'shop')
  .replace('  SYNESTRA_ENV: "dev"\n', '');
const files: Record<string, string> = {
  ...Object.fromEntries(
    [
      '.okteto/okteto.yml',
      '.okteto/.stignore',
      SYNESTRA_APP,
      'deploy/env/dev/synestra-io.yaml',
      CORPORATE_APP,
      'deploy/env/dev/corporate.yaml',
    ].map(p => [p, readWebCoreFixture(p)]),
  ),
  [SHOP_APP]: readApplicationFixture('shop.yaml'),
  [SHOP_VALUES]: shopValues,
  'apps/corporate-website/package.json':
    '{\n  "name": "@synestra/corporate-website"\n}\n',
};

/** The lines of the replicas guard, as the action appends them to web-core's Applications. */
const ignoreLines = (workload: string) =>
  [
    '  ignoreDifferences:',
    '    - group: apps',
    '      kind: Deployment',
    `      name: ${workload}`,
    '      jsonPointers:',
    '        - /spec/replicas',
    '',
  ].join('\n');
const respectLine = '      - RespectIgnoreDifferences=true\n';

describe('template fix-okteto-dev through the scaffolder backend', () => {
  let standIn: GithubStandIn;
  let server: TestServer;
  const template = readTemplate('fix-okteto-dev');

  beforeAll(async () => {
    standIn = await startGithubStandIn([{ owner: OWNER, name: REPO, files }]);
    server = await startScaffolder(standIn, [template]);
  });
  afterAll(() => standIn.close());

  async function fix(values: Record<string, string>) {
    const run = await runTemplate(server, 'template:default/fix-okteto-dev', {
      repository,
      ...values,
    });
    if (run.task.status !== 'completed') {
      throw new Error(`task ${run.task.status}: ${run.messages.join('\n')}`);
    }
    const completion = run.events.find((e: any) => e.type === 'completion');
    return { ...run, output: completion.body.output };
  }
  const branchFiles = (branch: string) => standIn.files(OWNER, REPO, branch);

  it('turns selfHeal off for shop in one pull request that changes one line of one file', async () => {
    const { output } = await fix({ app: 'shop', fix: 'self-heal-off' });
    expect(standIn.unhandled).toEqual([]);
    expect(standIn.pulls).toHaveLength(1);
    const [pr] = standIn.pulls;
    expect(pr).toMatchObject({
      head: 'okteto/fix-shop-self-heal-off',
      base: 'main',
      title: 'Turn selfHeal off for shop',
    });
    expect(standIn.diff(OWNER, REPO, 'main', pr.head)).toEqual([SHOP_APP]);
    expect(branchFiles(pr.head)[SHOP_APP]).toBe(
      files[SHOP_APP].replace('selfHeal: true', 'selfHeal: false'),
    );
    // Why: the card's checklist message, word for word.
    expect(pr.body).toContain(
      devMessage('checkSelfHealOn', {
        application: 'web-shop-dev',
        file: SHOP_APP,
      }).message,
    );
    expect(pr.body).toContain(
      '- `deploy/argocd/apps/dev/shop.yaml`: `syncPolicy.automated.selfHeal: false` for Application `web-shop-dev`',
    );
    expect(pr.body).toContain('-      selfHeal: true\n+      selfHeal: false');
    expect(pr.body).not.toMatch(/\$\{\{|undefined/);
    expect(output.links).toEqual([
      { title: 'Pull request', url: `${standIn.url}/${OWNER}/${REPO}/pull/1` },
    ]);
    expect(output.text[0].title).toBe('Changes');
    expect(output.text[0].content).toContain(
      '```diff\n--- a/deploy/argocd/apps/dev/shop.yaml\n',
    );
    expect(output.text[0].content).toContain('+      selfHeal: false');
  });

  it("adds the replicas guard to synestra-io's Application, and nothing else", async () => {
    await fix({ app: 'synestra-io', fix: 'replicas-ignored' });
    const pr = standIn.pulls[standIn.pulls.length - 1];
    expect(pr).toMatchObject({
      head: 'okteto/fix-synestra-io-replicas-ignored',
      title: 'Leave /spec/replicas to Okteto for synestra-io',
    });
    expect(standIn.diff(OWNER, REPO, 'main', pr.head)).toEqual([SYNESTRA_APP]);
    expect(branchFiles(pr.head)[SYNESTRA_APP]).toBe(
      `${files[SYNESTRA_APP]}    syncOptions:\n${respectLine}${ignoreLines(
        'web-synestra-io-dev-web-app',
      )}`,
    );
    expect(pr.body).toContain(
      devMessage('checkReplicasNotIgnored', {
        application: 'web-synestra-io-dev',
        revision: 'main',
        workload: 'web-synestra-io-dev-web-app',
        file: SYNESTRA_APP,
      }).message,
    );
  });

  it('updates the open pull request when run again before it is merged', async () => {
    const before = standIn.pulls.length;
    const pr = standIn.pulls[before - 1];
    const head = standIn.branches(OWNER, REPO).length;
    await fix({ app: 'synestra-io', fix: 'replicas-ignored' });
    expect(standIn.pulls).toHaveLength(before);
    expect(standIn.branches(OWNER, REPO)).toHaveLength(head);
    expect(standIn.diff(OWNER, REPO, 'main', pr.head)).toEqual([SYNESTRA_APP]);
    expect(standIn.unhandled).toEqual([]);
  });

  it('opens no pull request once the fix is on main, and says it is already fixed', async () => {
    const pr = standIn.pulls.find(
      p => p.head === 'okteto/fix-shop-self-heal-off',
    )!;
    standIn.merge(pr);
    const before = standIn.pulls.length;
    const branches = standIn.branches(OWNER, REPO).length;
    const { output, messages } = await fix({
      app: 'shop',
      fix: 'self-heal-off',
    });
    expect(standIn.pulls).toHaveLength(before);
    expect(standIn.branches(OWNER, REPO)).toHaveLength(branches);
    expect(messages).toContain(
      'Beginning step Fix the dev Argo CD Application',
    );
    // none of the four hosts' pull-request steps ran
    expect(
      messages.filter(m =>
        /^Skipping step publish-[a-z-]+ because its if condition was false$/.test(
          m,
        ),
      ),
    ).toHaveLength(4);
    // A link without url: the scaffolder's result page shows none.
    expect(output.links).toEqual([{ title: 'Pull request' }]);
    expect(output.text[0].title).toBe('Already fixed');
    expect(output.text[0].content).not.toContain('```diff');
    expect(output.text[0].content).toContain(
      '`self-heal-off` is already fixed on `main`: nothing to change, no pull request opened.',
    );
  });

  it('refuses to start dev-service without the app folder (the form requires it)', async () => {
    const before = standIn.pulls.length;
    await expect(
      runTemplate(server, 'template:default/fix-okteto-dev', {
        repository,
        app: 'corporate',
        fix: 'dev-service',
      }),
    ).rejects.toThrow(/task not created: 400.*appDir/);
    expect(standIn.pulls).toHaveLength(before);
  });

  it('dry-runs with the diff in the output, writing nothing to GitHub', async () => {
    const requests = standIn.requests.length;
    const {
      status,
      body,
      files: workspace,
    } = await dryRunTemplate(server, template, {
      repository,
      app: 'corporate',
      fix: 'replicas-ignored',
    });
    expect(status).toBe(200);
    const expected = `${files[CORPORATE_APP]}${respectLine}${ignoreLines(
      'web-corporate-dev-web-app',
    )}`;
    expect(workspace[CORPORATE_APP]).toBe(expected);
    expect(body.output.text[0].content).toContain(
      [
        '--- a/deploy/argocd/apps/dev/corporate.yaml',
        '+++ b/deploy/argocd/apps/dev/corporate.yaml',
        '@@ -22,3 +22,10 @@',
        '       selfHeal: false',
        '     syncOptions:',
        '       - CreateNamespace=true',
        '+      - RespectIgnoreDifferences=true',
        '+  ignoreDifferences:',
      ].join('\n'),
    );
    const writes = standIn.requests
      .slice(requests)
      .filter(r => !r.startsWith('GET '));
    expect(writes).toEqual([]);
  });

  it('env-var: sets the dev marker in the values file, in one pull request', async () => {
    const before = standIn.pulls.length;
    await fix({ app: 'shop', fix: 'env-var' });
    expect(standIn.pulls).toHaveLength(before + 1);
    const pr = standIn.pulls[before];
    expect(standIn.diff(OWNER, REPO, 'main', pr.head)).toEqual([SHOP_VALUES]);
    const url = '  NEXT_PUBLIC_SERVER_URL: "https://shop.dev.synestra.tech"\n';
    expect(branchFiles(pr.head)[SHOP_VALUES]).toBe(
      shopValues.replace(url, `${url}  SYNESTRA_ENV: "dev"\n`),
    );
    expect(pr.title).toBe('Set the dev env var for shop');
    expect(pr.body).toContain(
      'SYNESTRA_ENV is not set on the app container; add SYNESTRA_ENV: "dev" to deploy/env/dev/shop.yaml.',
    );
  });

  it('stignore and dev-service: one pull request each, with the one file they change', async () => {
    const before = standIn.pulls.length;
    await fix({ app: 'synestra-io', fix: 'stignore' });
    await fix({
      app: 'corporate',
      fix: 'dev-service',
      appDir: 'apps/corporate-website',
    });
    expect(standIn.pulls).toHaveLength(before + 2);
    const [stignore, devService] = standIn.pulls.slice(before);
    expect(standIn.diff(OWNER, REPO, 'main', stignore.head)).toEqual([
      '.stignore',
    ]);
    expect(branchFiles(stignore.head)['.stignore']).toBe(
      `${[STIGNORE_HEADER, ...DEFAULT_STIGNORE_ENTRIES].join('\n')}\n`,
    );
    expect(stignore.body).toContain('.stignore does not exist');
    expect(standIn.diff(OWNER, REPO, 'main', devService.head)).toEqual([
      '.okteto/okteto.yml',
    ]);
    const manifest = yaml.parse(
      branchFiles(devService.head)['.okteto/okteto.yml'],
    );
    expect(manifest.dev['web-corporate-dev'].command).toBe(
      webCoreDevCommand('@synestra/corporate-website'),
    );
    expect(devService.title).toBe('Add the Okteto dev service for corporate');
  });
});
