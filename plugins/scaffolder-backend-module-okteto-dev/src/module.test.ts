import { mockCredentials } from '@backstage/backend-test-utils';
import {
  DEFAULT_STIGNORE_ENTRIES,
  STIGNORE_HEADER,
} from '@okteto-dev/plugin-okteto-dev-common';
import request from 'supertest';
import yaml from 'yaml';
import { readWebCoreFixture, webCoreDevCommand } from './testing/fixtures';
import { GithubStandIn, startGithubStandIn } from './testing/githubStandIn';
import { STAND_IN_TOKENS } from './testing/standInRepo';
import {
  readTemplate,
  runTemplate as runTask,
  startScaffolder,
  TestServer,
} from './__testUtils__/scaffolderBackend';

const SEEDED = [
  '.okteto/okteto.yml',
  '.okteto/.stignore',
  'deploy/argocd/apps/dev/synestra-io.yaml',
  'deploy/env/dev/synestra-io.yaml',
];
const CHANGED = [
  '.okteto/okteto.yml',
  '.stignore',
  'deploy/argocd/apps/dev/corporate.yaml',
  'deploy/env/dev/corporate.yaml',
];
const PACKAGE_JSON = 'apps/corporate-website/package.json';
// No package: it comes from the app folder's package.json.
const values = {
  repository: 'github.com?owner=NeoGrAIph&repo=web-core',
  app: 'corporate',
  appDir: 'apps/corporate-website',
  serverUrl: 'https://corporate.dev.synestra.tech',
};

describe('template enable-okteto through the scaffolder backend', () => {
  let standIn: GithubStandIn;
  let server: TestServer;
  const template = readTemplate('enable-okteto');
  const auth = mockCredentials.user.header();

  beforeAll(async () => {
    standIn = await startGithubStandIn([
      {
        owner: 'NeoGrAIph',
        name: 'web-core',
        files: {
          ...Object.fromEntries(SEEDED.map(p => [p, readWebCoreFixture(p)])),
          [PACKAGE_JSON]: '{\n  "name": "@synestra/corporate-website"\n}\n',
        },
      },
    ]);
    server = await startScaffolder(standIn, [template]);
  });
  afterAll(() => standIn.close());

  function expectedFiles(): Record<string, string> {
    const entry = yaml.stringify(
      {
        'web-corporate-dev': {
          selector: {
            'app.kubernetes.io/name': 'web-app',
            'app.kubernetes.io/instance': 'web-corporate-dev',
          },
          container: 'app',
          workdir: '/app/apps/corporate-website',
          command: webCoreDevCommand('@synestra/corporate-website'),
          sync: ['..:/app'],
          forward: ['3000:3000'],
        },
      },
      { lineWidth: 0 },
    );
    const indented = entry.replace(/^(?=.)/gm, '  ');
    return {
      '.okteto/okteto.yml': `${readWebCoreFixture(
        '.okteto/okteto.yml',
      )}\n${indented}`,
      '.stignore': `${[STIGNORE_HEADER, ...DEFAULT_STIGNORE_ENTRIES].join(
        '\n',
      )}\n`,
    };
  }

  function checkDeployFiles(files: Record<string, string>) {
    const app = yaml.parse(files['deploy/argocd/apps/dev/corporate.yaml']);
    const reference = yaml.parse(
      readWebCoreFixture('deploy/argocd/apps/dev/corporate.yaml'),
    );
    // CreateNamespace is left out (the canon has none); the replicas guard is added.
    reference.spec.syncPolicy.syncOptions = ['RespectIgnoreDifferences=true'];
    reference.spec.ignoreDifferences = [
      {
        group: 'apps',
        kind: 'Deployment',
        name: 'web-corporate-dev-web-app',
        jsonPointers: ['/spec/replicas'],
      },
    ];
    expect(app).toEqual(reference);
    const { postgres, ...envParts } = yaml.parse(
      readWebCoreFixture('deploy/env/dev/corporate.yaml'),
    );
    expect(yaml.parse(files['deploy/env/dev/corporate.yaml'])).toEqual(
      envParts,
    );
  }

  const runTemplate = (formValues: Record<string, string>) =>
    runTask(server, 'template:default/enable-okteto', formValues);

  it('opens one pull request with exactly the expected files', async () => {
    const { task, events } = await runTemplate(values);
    if (task.status !== 'completed') {
      throw new Error(
        `task ${task.status}: ${JSON.stringify(
          events.map((e: any) => e.body.message),
        )}`,
      );
    }

    expect(events.map((e: any) => e.body.message)).toContain(
      'Beginning step Add the Okteto dev service',
    );
    expect(standIn.unhandled).toEqual([]);
    expect(standIn.branches('NeoGrAIph', 'web-core').sort()).toEqual([
      'main',
      'okteto/enable-corporate',
    ]);
    expect(standIn.pulls).toHaveLength(1);
    const [pr] = standIn.pulls;
    expect(pr).toMatchObject({
      head: 'okteto/enable-corporate',
      base: 'main',
      title: 'Enable Okteto dev mode for corporate',
      // opened, and its commit made, with the user's own token: as alice, not the integration
      author: 'alice',
    });
    expect(
      standIn.commitAuthors('NeoGrAIph', 'web-core', 'main', pr.head),
    ).toEqual(['alice']);
    expect(standIn.requestsAs.filter(r => !r.startsWith('alice '))).toEqual([]);
    expect(pr.body).toContain(
      'Enables Okteto dev mode for `corporate` (`@synestra/corporate-website` in `apps/corporate-website`)',
    );
    expect(pr.body).toContain(
      '- `.okteto/okteto.yml`: dev service `web-corporate-dev` (selector ' +
        '`app.kubernetes.io/name=web-app,app.kubernetes.io/instance=web-corporate-dev`, container `app`, ' +
        `workdir \`/app/apps/corporate-website\`, command \`${webCoreDevCommand(
          '@synestra/corporate-website',
        )}\`); other entries untouched.`,
    );
    expect(pr.body).toContain(
      '- `.stignore`: the `.stignore` Okteto reads for each sync folder of the dev service; added: `**/node_modules/`, `**/.next/`',
    );
    expect(pr.body).toContain(
      '`ignoreDifferences` on `/spec/replicas` of Deployment `web-corporate-dev-web-app` with the sync option `RespectIgnoreDifferences=true`',
    );
    expect(pr.body).toContain(
      '- `deploy/env/dev/corporate.yaml`: `SYNESTRA_ENV: "dev"`, `NEXT_PUBLIC_SERVER_URL: "https://corporate.dev.synestra.tech"`, `envFrom.secretRef: "web-corporate-dev-env"`',
    );
    expect(pr.body).toContain('- [ ] `selfHeal` is off for dev');
    expect(pr.body).toContain(
      'Then: `okteto up web-corporate-dev --namespace web-corporate-dev`.',
    );
    expect(pr.body).not.toMatch(/\$\{\{|undefined/);
    const completion = events.find((e: any) => e.type === 'completion');
    expect(completion.body.output.links).toEqual([
      {
        title: 'Pull request',
        url: `${standIn.url}/NeoGrAIph/web-core/pull/1`,
      },
    ]);

    expect(
      standIn.diff('NeoGrAIph', 'web-core', 'main', 'okteto/enable-corporate'),
    ).toEqual([...CHANGED].sort());
    const files = standIn.files(
      'NeoGrAIph',
      'web-core',
      'okteto/enable-corporate',
    );
    const expected = expectedFiles();
    expect(files['.okteto/okteto.yml']).toBe(expected['.okteto/okteto.yml']);
    expect(files['.stignore']).toBe(expected['.stignore']);
    checkDeployFiles(files);
    // Untouched: what the repository had besides the changed files.
    expect(files['.okteto/.stignore']).toBe(
      readWebCoreFixture('.okteto/.stignore'),
    );

    // eslint-disable-next-line no-console
    console.log(
      `GitHub stand-in endpoints used:\n${[
        ...new Set(
          standIn.requests.map(r =>
            r.replace(/\/contents\/.*/, '/contents/{path}'),
          ),
        ),
      ].join('\n')}`,
    );
  });

  it('dry-runs the template inline with the same files', async () => {
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', auth)
      .send({
        template,
        values,
        secrets: { USER_OAUTH_TOKEN: STAND_IN_TOKENS.alice },
        directoryContents: SEEDED.map(p => ({
          path: p,
          base64Content: Buffer.from(readWebCoreFixture(p)).toString('base64'),
        })),
      });
    expect(response.status).toBe(200);
    const files: Record<string, string> = Object.fromEntries(
      response.body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    const expected = expectedFiles();
    expect(files['.okteto/okteto.yml']).toBe(expected['.okteto/okteto.yml']);
    expect(files['.stignore']).toBe(expected['.stignore']);
    checkDeployFiles(files);
    // directoryContents is the template's own folder; the workspace holds only what the steps wrote
    // and the package.json they read.
    expect(Object.keys(files).sort()).toEqual(
      [...CHANGED, PACKAGE_JSON].sort(),
    );
    expect(response.body.output.links[0].url).toBe(values.repository);
  });

  it('fails at the first step, with no branch and no pull request, when the app folder has no package.json', async () => {
    const pulls = standIn.pulls.length;
    const { task, events } = await runTemplate({
      ...values,
      app: 'shop',
      appDir: 'apps/shop',
    });
    expect(task.status).toBe('failed');
    const messages = events.map((e: any) => String(e.body.message));
    expect(messages).toContainEqual(
      expect.stringContaining(
        "apps/shop has no package.json on main: choose the folder that holds the app's package",
      ),
    );
    expect(messages).toContain('Beginning step Fetch the current files');
    expect(messages).not.toContain('Beginning step Add the Okteto dev service');
    expect(standIn.pulls).toHaveLength(pulls);
    expect(standIn.branches('NeoGrAIph', 'web-core')).not.toContain(
      'okteto/enable-shop',
    );
  });

  it('answers the package of an app folder through the autocomplete endpoint', async () => {
    const ask = (appDir: string) =>
      request(server)
        .post('/api/scaffolder/v2/autocomplete/okteto-dev/package')
        .set('Authorization', auth)
        .send({
          token: STAND_IN_TOKENS.alice,
          context: { repoUrl: values.repository, appDir },
        });
    const found = await ask('apps/corporate-website');
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      results: [
        {
          id: '@synestra/corporate-website',
          title: '@synestra/corporate-website',
        },
      ],
    });
    expect((await ask('apps/shop')).body).toEqual({ results: [] });
    const refused = await ask('../secrets');
    expect(refused.status).toBe(400);
    expect(refused.body.error.name).toBe('InputError');
  });
});
