import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { STIGNORE_HEADER } from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import yaml from 'yaml';
import {
  createArgocdDevApplicationCreateAction,
  createArgocdDevApplicationPatchAction,
  createArgocdDevValuesSetEnvAction,
  createOktetoDevServiceAddAction,
  createOktetoRepoFilesFetchAction,
  createOktetoStignoreEnsureAction,
} from './actions';
import { GithubStandIn, startGithubStandIn } from './testing/githubStandIn';
import { STAND_IN_TOKENS } from './testing/standInRepo';
import { gitHostsConfig } from './__testUtils__/gitHosts';
import { runAction } from './__testUtils__/runAction';

/** Every convention changed from web-core's, each with a placeholder where one makes sense. */
const conventions = {
  namespace: 'ns-{application}',
  applicationName: '{app}-preview',
  applicationNamespace: 'gitops',
  workload: '{application}-server',
  container: 'main',
  // Keys without '.' or '/': readDevConventions reads each key as a config path (reported).
  selector: { tier: '{app}', stage: '{namespace}' },
  devService: 'hot-{app}',
  manifestPath: 'tools/okteto/{app}.yml',
  envVar: { name: 'APP_STAGE', value: 'preview' },
  serverUrlEnv: 'PUBLIC_URL',
  envSecret: '{namespace}-secrets',
  applicationPath: 'gitops/apps/{application}.yaml',
  valuesPath: 'charts/values/{app}-preview.yaml',
  project: 'team-{app}',
  targetRevision: 'develop',
  chartPath: 'charts/service',
  valueFiles: ['values/{app}.yaml', 'values/{application}-extra.yaml'],
  destinationServer: 'https://preview.cluster.example',
  // The scaffolder never builds a folder or a package from the app key: these must not show up.
  appDir: 'nowhere/{app}',
  package: 'nobody-{app}',
};

const scaffolder = {
  devImage: 'registry.example/dev:1',
  forward: ['8080:8080'],
  stignoreEntries: ['**/tmp/'],
  repoURL: 'https://git.example/mono.git',
  syncOptions: ['ServerSideApply=true'],
  prune: false,
  serverUrl: 'https://{application}.preview.example',
  devCommand: 'yarn workspace {package} dev',
};

describe('the actions follow every convention of oktetoDev.conventions', () => {
  const mockDir = createMockDirectory();
  let standIn: GithubStandIn;
  let config: ConfigReader;

  beforeAll(async () => {
    standIn = await startGithubStandIn([
      {
        owner: 'acme',
        name: 'mono',
        files: {
          'services/shop-web/package.json': '{"name":"@acme/shop-web"}',
          '.stignore': '**/tmp\n',
        },
      },
    ]);
    const data = gitHostsConfig({
      github: standIn,
      allowedRepositories: ['github.com/acme/mono'],
      scaffolder,
    });
    config = new ConfigReader({
      ...data,
      oktetoDev: { ...data.oktetoDev, conventions },
    });
  });
  afterAll(() => standIn.close());

  it('fetches, writes and names everything after them', async () => {
    const input = { app: 'shop', appDir: 'services/shop-web' };
    const fetch = createOktetoRepoFilesFetchAction({
      urlReader: UrlReaders.default({
        config,
        logger: mockServices.logger.mock(),
      }),
      integrations: ScmIntegrations.fromConfig(config),
      config,
    });
    const fetched = await runAction(
      fetch,
      {
        repoUrl: 'github.com?owner=acme&repo=mono',
        token: STAND_IN_TOKENS.alice,
        ...input,
      },
      mockDir.path,
    );
    expect(fetched).toEqual({
      package: '@acme/shop-web',
      fetched: ['services/shop-web/package.json', '.stignore'],
      missing: [
        'tools/okteto/shop.yml',
        'gitops/apps/shop-preview.yaml',
        'charts/values/shop-preview.yaml',
      ],
      branch: 'main',
    });

    const devService = await runAction(
      createOktetoDevServiceAddAction({ config }),
      input,
      mockDir.path,
    );
    expect(devService).toEqual({
      changed: true,
      path: 'tools/okteto/shop.yml',
      name: 'hot-shop',
      labelSelector: 'tier=shop,stage=ns-shop-preview',
      container: 'main',
      workdir: '/app/services/shop-web',
      package: '@acme/shop-web',
      command: 'yarn workspace @acme/shop-web dev',
      diff: expect.stringMatching(
        /^--- \/dev\/null\n\+\+\+ b\/tools\/okteto\/shop\.yml\n/,
      ),
      // The checklist message of the card, for the manifest the conventions name.
      reason: 'There is no Okteto manifest at tools/okteto/shop.yml.',
      summary: expect.stringContaining('`okteto up hot-shop`'),
    });
    const manifest = yaml.parse(
      fs.readFileSync(mockDir.resolve('tools/okteto/shop.yml'), 'utf8'),
    );
    expect(manifest).toEqual({
      dev: {
        'hot-shop': {
          selector: { tier: 'shop', stage: 'ns-shop-preview' },
          container: 'main',
          image: 'registry.example/dev:1',
          workdir: '/app/services/shop-web',
          command: 'yarn workspace @acme/shop-web dev',
          // the whole repository, from the manifest's folder
          sync: ['../..:/app'],
          forward: ['8080:8080'],
        },
      },
    });

    const stignore = await runAction(
      createOktetoStignoreEnsureAction({ config }),
      { app: 'shop' },
      mockDir.path,
    );
    expect(stignore).toMatchObject({
      paths: ['.stignore'],
      added: [],
      alreadyCovered: ['**/tmp/'],
      changed: false,
    });
    const extra = await runAction(
      createOktetoStignoreEnsureAction({ config }),
      { app: 'shop', entries: ['**/tmp/', '**/cache/'] },
      mockDir.path,
    );
    expect(extra.added).toEqual(['**/cache/']);
    expect(fs.readFileSync(mockDir.resolve('.stignore'), 'utf8')).toBe(
      `**/tmp\n${STIGNORE_HEADER}\n**/cache/\n`,
    );

    const argocd = await runAction(
      createArgocdDevApplicationCreateAction({ config }),
      { app: 'shop' },
      mockDir.path,
    );
    expect(argocd).toEqual({
      changed: true,
      applicationName: 'shop-preview',
      applicationNamespace: 'gitops',
      namespace: 'ns-shop-preview',
      workload: 'shop-preview-server',
      targetRevision: 'develop',
      applicationPath: 'gitops/apps/shop-preview.yaml',
      valuesPath: 'charts/values/shop-preview.yaml',
      envVar: { name: 'APP_STAGE', value: 'preview' },
      serverUrlEnv: 'PUBLIC_URL',
      envSecret: 'ns-shop-preview-secrets',
      diff: expect.stringContaining('+++ b/gitops/apps/shop-preview.yaml'),
    });
    expect(
      yaml.parse(
        fs.readFileSync(
          mockDir.resolve('gitops/apps/shop-preview.yaml'),
          'utf8',
        ),
      ),
    ).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'shop-preview', namespace: 'gitops' },
      spec: {
        project: 'team-shop',
        source: {
          repoURL: 'https://git.example/mono.git',
          targetRevision: 'develop',
          path: 'charts/service',
          helm: {
            valueFiles: ['values/shop.yaml', 'values/shop-preview-extra.yaml'],
          },
        },
        destination: {
          server: 'https://preview.cluster.example',
          namespace: 'ns-shop-preview',
        },
        syncPolicy: {
          automated: { prune: false, selfHeal: false },
          syncOptions: [
            'ServerSideApply=true',
            'RespectIgnoreDifferences=true',
          ],
        },
        ignoreDifferences: [
          {
            group: 'apps',
            kind: 'Deployment',
            name: 'shop-preview-server',
            jsonPointers: ['/spec/replicas'],
          },
        ],
      },
    });
    const values = fs.readFileSync(
      mockDir.resolve('charts/values/shop-preview.yaml'),
      'utf8',
    );
    expect(yaml.parse(values)).toEqual({
      env: {
        APP_STAGE: 'preview',
        PUBLIC_URL: 'https://shop-preview.preview.example',
      },
      envFrom: { secretRef: 'ns-shop-preview-secrets' },
      ingress: {
        enabled: true,
        hosts: [
          {
            host: 'shop-preview.preview.example',
            paths: [{ path: '/', pathType: 'Prefix' }],
          },
        ],
      },
    });

    // The fix actions find those files and settings by the same conventions: nothing to fix.
    const patched = await runAction(
      createArgocdDevApplicationPatchAction({ config }),
      { app: 'shop', fixes: ['self-heal-off', 'replicas-ignored'] },
      mockDir.path,
    );
    expect(patched).toMatchObject({
      changed: false,
      path: 'gitops/apps/shop-preview.yaml',
      applicationName: 'shop-preview',
      workload: 'shop-preview-server',
      alreadyFixed: ['self-heal-off', 'replicas-ignored'],
    });
    const env = await runAction(
      createArgocdDevValuesSetEnvAction({ config }),
      { app: 'shop' },
      mockDir.path,
    );
    expect(env).toMatchObject({
      changed: false,
      path: 'charts/values/shop-preview.yaml',
      unchanged: ['APP_STAGE'],
    });

    // Nothing anywhere follows the web-core defaults or the unused app folder and package templates.
    const written = [
      'tools/okteto/shop.yml',
      '.stignore',
      'gitops/apps/shop-preview.yaml',
      'charts/values/shop-preview.yaml',
    ]
      .map(p => fs.readFileSync(mockDir.resolve(p), 'utf8'))
      .join('\n');
    for (const stale of [
      'web-',
      'argo\n',
      'synestra',
      'SYNESTRA_ENV',
      'NEXT_PUBLIC_SERVER_URL',
      'app.kubernetes.io',
      'nowhere',
      'nobody',
      '.okteto',
    ]) {
      expect(written).not.toContain(stale);
    }
  });
});
