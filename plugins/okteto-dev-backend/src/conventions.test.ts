import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { startSandbox, Sandbox } from '@okteto-dev/kube-sandbox';
import {
  catalogFactory,
  fetchStatus,
  repositoryUrlReader,
  sandboxClusters,
  startOktetoDevBackend,
} from './__testUtils__/testBackend';

/**
 * Another team's conventions, every one of them different from web-core's, against the sandbox's
 * `acme` scenario: the answer — names, checklist, commands, links — follows the configuration, and
 * nothing of web-core's naming shows through.
 */
jest.setTimeout(60_000);

const REPO = 'https://github.com/acme/platform/tree/trunk/';
const FILES: Record<string, string> = {
  'okteto.yml': `dev:
  billing:
    selector:
      app.kubernetes.io/name: billing
    container: web
    image: registry.acme.example/dev/node:22
    workdir: /usr/src/app/services/billing-api
    sync:
      - .:/usr/src/app
`,
  '.stignore': 'node_modules\n.next\n.turbo\ndist\ncoverage\n.git\n',
  'services/billing-api/package.json': '{"name": "@acme/billing-api"}',
};

function entity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'okteto-dev/app': name,
        'backstage.io/source-location': `url:${REPO}`,
      },
    },
    spec: { type: 'service', owner: 'team-acme', lifecycle: 'production' },
  };
}

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
let stop: () => Promise<void>;

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'acme' });
  const backend = await startOktetoDevBackend({
    features: [
      catalogFactory([entity('billing'), entity('catalog')]),
      repositoryUrlReader(REPO, path => FILES[path]),
    ],
    oktetoDev: {
      clusters: [{ ...sandboxClusters(sandbox)[0], name: 'acme-dev' }],
      argocd: { baseUrl: 'https://argocd.acme.example' },
      conventions: {
        namespace: 'apps-{app}',
        applicationName: '{app}-dev',
        applicationNamespace: 'argocd',
        workload: '{app}',
        container: 'web',
        selector: { 'app.kubernetes.io/name': '{app}' },
        devService: '{app}',
        package: '@acme/{app}',
        appDir: 'services/{app}',
        manifestPath: 'okteto.yml',
        envVar: { name: 'APP_ENV', value: 'development' },
        serverUrlEnv: 'PUBLIC_URL',
        envSecret: '{app}-secrets',
        applicationPath: 'gitops/apps/{app}-dev.yaml',
        valuesPath: 'gitops/values/{app}.yaml',
      },
    },
  });
  server = backend.server;
  stop = () => backend.stop();
});
afterAll(async () => {
  await stop?.();
  await sandbox?.close();
});

const status = (name: string) => fetchStatus({ server }, name);

describe('every convention changed in config', () => {
  it('names, commands and links follow the configuration (the one configured cluster is the default)', async () => {
    const s = await status('billing');
    expect(s.target).toMatchObject({
      cluster: 'acme-dev',
      namespace: 'apps-billing',
      workload: 'billing',
      container: 'web',
      devService: 'billing',
      application: { name: 'billing-dev', namespace: 'argocd' },
      envVar: { name: 'APP_ENV', value: 'development' },
      applicationPath: 'gitops/apps/billing-dev.yaml',
      valuesPath: 'gitops/values/billing.yaml',
      appDir: 'services/billing-api',
      package: '@acme/billing-api',
      sources: { appDir: 'dev-entry', package: 'package-json' },
    });
    expect(s.okteto.state).toBe('on');
    expect(s.drift.kind).toBe('expected-okteto');
    expect(s.commands).toEqual({
      oktetoUp: 'okteto up billing --namespace apps-billing',
      oktetoDown: 'okteto down billing --namespace apps-billing',
      dev: 'pnpm --filter @acme/billing-api dev',
      devSource: 'package',
    });
    expect(s.links).toMatchObject({
      argocd: 'https://argocd.acme.example/applications/argocd/billing-dev',
      applicationFile:
        'https://github.com/acme/platform/blob/trunk/gitops/apps/billing-dev.yaml',
      valuesFile:
        'https://github.com/acme/platform/blob/trunk/gitops/values/billing.yaml',
    });
  });

  it('the checklist speaks of the configured names and files, never web-core’s', async () => {
    const s = await status('catalog');
    const byId = Object.fromEntries(s.checklist.map(i => [i.id, i]));
    expect(byId['env-var']).toMatchObject({
      status: 'pass',
      params: { name: 'APP_ENV', value: 'development', container: 'web' },
    });
    expect(byId['env-secret']).toMatchObject({
      status: 'pass',
      params: { secrets: 'catalog-secrets' },
    });
    expect(byId['namespace-convention']).toMatchObject({
      status: 'pass',
      params: { namespace: 'apps-catalog' },
    });
    expect(byId['dev-service']).toMatchObject({
      status: 'fail',
      params: { manifest: 'okteto.yml', workload: 'catalog', entry: 'catalog' },
    });
    const everything = JSON.stringify(s);
    expect(everything).not.toMatch(
      /web-app|SYNESTRA|NEXT_PUBLIC|web-catalog|\bargo\//,
    );
  });
});
