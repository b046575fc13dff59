import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import {
  DEFAULT_STIGNORE_ENTRIES,
  STIGNORE_HEADER,
} from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import scaffolderModuleOktetoDev from './index';
import { readWebCoreFixture, webCoreDevCommand } from './testing/fixtures';
import { GithubStandIn, startGithubStandIn } from './testing/githubStandIn';

const TEMPLATE_FILE = path.resolve(
  __dirname,
  '../../../templates/enable-okteto/template.yaml',
);

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
const values = {
  repository: 'github.com?owner=NeoGrAIph&repo=web-core',
  app: 'corporate',
  package: '@synestra/corporate-website',
  appDir: 'apps/corporate-website',
  serverUrl: 'https://corporate.dev.synestra.tech',
};

describe('template enable-okteto through the scaffolder backend', () => {
  let standIn: GithubStandIn;
  let server: Parameters<typeof request>[0];
  const template = yaml.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
  const auth = mockCredentials.user.header();

  beforeAll(async () => {
    standIn = await startGithubStandIn([
      {
        owner: 'NeoGrAIph',
        name: 'web-core',
        files: Object.fromEntries(SEEDED.map(p => [p, readWebCoreFixture(p)])),
      },
    ]);
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderGithubModule,
        scaffolderModuleOktetoDev,
        catalogServiceMock.factory({
          entities: [
            {
              ...template,
              metadata: { ...template.metadata, namespace: 'default' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [
                {
                  host: 'github.com',
                  apiBaseUrl: standIn.apiBaseUrl,
                  token: 'x',
                },
              ],
            },
          },
        }),
      ],
    });
    server = backend.server;
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
    delete reference.spec.syncPolicy.syncOptions;
    expect(app).toEqual(reference);
    const { ingress, postgres, ...envParts } = yaml.parse(
      readWebCoreFixture('deploy/env/dev/corporate.yaml'),
    );
    expect(yaml.parse(files['deploy/env/dev/corporate.yaml'])).toEqual(
      envParts,
    );
  }

  it('opens one pull request with exactly the expected files', async () => {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({ templateRef: 'template:default/enable-okteto', values });
    expect(created.status).toBe(201);

    let task: any;
    for (let attempt = 0; attempt < 300; attempt++) {
      task = (
        await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('Authorization', auth)
      ).body;
      if (['completed', 'failed', 'cancelled'].includes(task.status)) break;
      await new Promise(resolve => setImmediate(resolve));
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    if (task.status !== 'completed') {
      const events = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
        .set('Authorization', auth);
      throw new Error(
        `task ${task.status}: ${JSON.stringify(
          events.body.map((e: any) => e.body.message),
        )}`,
      );
    }

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
    });
    expect(pr.body).toContain('- [ ] `selfHeal` is off for dev');
    expect(pr.body).toContain('added: `**/node_modules/`, `**/.next/`');
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', auth);
    const completion = events.body.find((e: any) => e.type === 'completion');
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
    // directoryContents is the template's own folder; the workspace holds only what the steps wrote.
    expect(Object.keys(files).sort()).toEqual([...CHANGED].sort());
    expect(response.body.output.links[0].url).toBe(values.repository);
  });
});
