import { Entity } from '@backstage/catalog-model';
import {
  eventually,
  oktetoDown,
  oktetoUp,
  Sandbox,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { LiveBackend, startLiveBackend } from './__testUtils__/liveBackend';

jest.setTimeout(90_000);

/*
 * A StatefulSet as the dev target (`okteto-dev/workload-kind: StatefulSet`), as okteto handles it:
 * okteto `pkg/k8s/apps/crud.go` Get (a Deployment, else a StatefulSet), `statefulsets.go` DevClone
 * (`<name>-okteto`, the clone label, the spec as it is), `pkg/cmd/down/run.go` (the original
 * restored first). The cluster is the kube-sandbox with its StatefulSet controller and okteto
 * simulation; Argo CD tracks the set by annotation.
 */

const NS = 'web-db-dev';
const SET = 'db';
const TRACKING = `${NS}:apps/StatefulSet:${NS}/${SET}`;

const objects = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argo' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: NS, namespace: 'argo' },
    spec: {
      project: 'default',
      source: {
        repoURL: 'https://github.com/NeoGrAIph/web-core.git',
        targetRevision: 'main',
        path: 'deploy/db',
      },
      destination: { server: 'https://kubernetes.default.svc', namespace: NS },
      // manual sync: nothing restores the set while dev mode is on
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `${NS}-env`, namespace: NS },
    data: { PASSWORD: 'eA==' },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: SET,
      namespace: NS,
      labels: { 'app.kubernetes.io/name': 'db' },
      annotations: { 'argocd.argoproj.io/tracking-id': TRACKING },
    },
    spec: {
      replicas: 1,
      serviceName: 'db',
      selector: { matchLabels: { 'app.kubernetes.io/name': 'db' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'db' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'postgres:16',
              env: [{ name: 'SYNESTRA_ENV', value: 'dev' }],
              envFrom: [{ secretRef: { name: `${NS}-env` } }],
            },
          ],
        },
      },
    },
  },
];

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'db',
    namespace: 'default',
    annotations: {
      'okteto-dev/app': 'db',
      'okteto-dev/workload': SET,
      'okteto-dev/workload-kind': 'StatefulSet',
    },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'experimental' },
};

const DEV = { devName: NS, namespace: NS, workload: SET, user: 'erin' };

describe.each<[string, { live?: { enabled: boolean }; cache: object }]>([
  ['live mode', { cache: { ttlSeconds: 0.001 } }],
  ['polling mode', { live: { enabled: false }, cache: { ttlSeconds: 0.001 } }],
])('a StatefulSet dev target, %s', (_mode, oktetoDev) => {
  let sandbox: Sandbox;
  let backend: LiveBackend;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: { objects } });
    backend = await startLiveBackend({
      sandbox,
      entities: [entity],
      oktetoDev,
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await sandbox?.close();
  });

  const until = (done: (s: DevStatus) => boolean, what: string) =>
    eventually(
      async () => {
        const s = await backend.status('db');
        return done(s) && s;
      },
      { what },
    );

  it('reads the set, its pods and its Secret item like a Deployment’s, in 3 reads', async () => {
    const s = await until(x => x.workload.state === 'ok', 'the set');
    expect(s.workload).toMatchObject({
      state: 'ok',
      kind: 'StatefulSet',
      name: SET,
      replicas: 1,
      readyReplicas: 1,
      tracking: 'annotation',
      pods: [expect.objectContaining({ name: 'db-0', ready: true })],
    });
    expect(s.okteto).toEqual({ state: 'off' });
    expect(s.checklist.find(i => i.id === 'env-secret')).toMatchObject({
      status: 'pass',
      code: 'checkSecretExistedAtStart',
      params: { pod: 'db-0' },
    });
    // a view: Applications, StatefulSets, Pods in polling mode; nothing once watched
    sandbox.counters.reset();
    const again = await backend.status('db');
    const reads = sandbox.requests
      .filter(r => r.verb !== 'watch')
      .map(r => r.resource)
      .sort();
    expect(reads).toEqual(
      again.live?.mode === 'watch'
        ? []
        : ['applications', 'pods', 'statefulsets'],
    );
    // no Deployment is read for a StatefulSet target, watched or not
    expect(
      sandbox.requests.map(r => r.resource).filter(r => r === 'deployments'),
    ).toEqual([]);
  });

  it('okteto up: dev mode on with the StatefulSet clone; Argo CD’s OutOfSync set is expected drift; okteto down: off', async () => {
    await oktetoUp(sandbox.store, DEV);
    const on = await until(
      s => s.okteto.state === 'on' && s.okteto.pods.length > 0,
      'dev mode on',
    );
    expect(on.okteto).toMatchObject({
      state: 'on',
      user: 'erin',
      clone: `${SET}-okteto`,
      pods: [expect.objectContaining({ name: `${SET}-okteto-0` })],
    });
    expect(on.workload).toMatchObject({ kind: 'StatefulSet', replicas: 0 });
    expect(on.argo).toMatchObject({ state: 'ok', sync: 'OutOfSync' });
    expect(on.drift.kind).toBe('expected-okteto');
    expect(on.drift.resources).toEqual([
      expect.objectContaining({
        kind: 'StatefulSet',
        name: SET,
        cause: 'dev-mode',
      }),
    ]);
    await oktetoDown(sandbox.store, DEV);
    const off = await until(s => s.okteto.state === 'off', 'dev mode off');
    expect(off.workload).toMatchObject({ replicas: 1 });
  });

  it('a clone whose pod the StatefulSet controller cannot create is broken, saying so', async () => {
    sandbox.store.patch(
      'namespaces',
      undefined,
      NS,
      {
        metadata: {
          labels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
        },
      },
      'merge',
    );
    try {
      await oktetoUp(sandbox.store, DEV);
      const broken = await until(
        s => s.okteto.state === 'broken',
        'dev mode broken',
      );
      expect(broken.okteto).toMatchObject({
        state: 'broken',
        problems: [
          expect.objectContaining({
            code: 'oktetoCloneNoPod',
            params: { clone: `${SET}-okteto`, kind: 'StatefulSet' },
          }),
        ],
      });
    } finally {
      await oktetoDown(sandbox.store, DEV);
      sandbox.store.patch(
        'namespaces',
        undefined,
        NS,
        { metadata: { labels: null } },
        'merge',
      );
    }
  });
});
