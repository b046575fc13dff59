/*
 * Writes and errors, side by side on the kube-sandbox and the real
 * kube-apiserver: what a create answers (defaults, admission), updates and
 * their conflicts, merge / strategic merge / JSON patches, deletes (Status,
 * graceful Pods, finalizers, Terminating namespaces), and the Status errors
 * 400 / 403 / 404 / 405 / 409 / 415 / 422. The real server is the
 * specification (defaults.ts, admission.ts, store.ts deleteAsApi, patch.ts,
 * validation.ts name the upstream files).
 */
import { eventually } from '../eventually';
import {
  ApiRequest,
  comparable,
  controllerless,
  Differential,
  expectSame,
  startDifferential,
  without,
} from './__testUtils__';

jest.setTimeout(180_000);

const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

/** Cluster IPs are allocated at random from the same range. */
function ipless(body: any): any {
  if (body?.spec?.clusterIP) {
    body.spec.clusterIP = '<ip>';
    body.spec.clusterIPs = ['<ip>'];
  }
  return body;
}

/** The token volume of a Pod ends in five random characters on both sides. */
function tokenVolume(body: any): any {
  const rename = (s: string) =>
    s.startsWith('kube-api-access-') ? 'kube-api-access-*****' : s;
  const spec = body?.spec;
  for (const v of spec?.volumes ?? []) v.name = rename(v.name);
  for (const c of [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []),
  ]) {
    for (const m of c.volumeMounts ?? []) m.name = rename(m.name);
  }
  return body;
}

describe('writes: the sandbox answers as the real API server', () => {
  let d: Differential;
  let ns: string;
  const base = () => `/api/v1/namespaces/${ns}`;
  const apps = () => `/apis/apps/v1/namespaces/${ns}`;
  const argo = () => `/apis/argoproj.io/v1alpha1/namespaces/${ns}`;
  const post = (path: string, body: object): ApiRequest => ({
    method: 'POST',
    path,
    body,
  });

  beforeAll(async () => {
    d = await startDifferential();
    ns = await d.namespace('writes');
    // a Pod needs its namespace's default ServiceAccount on the real cluster (the
    // serviceaccount controller makes it; the sandbox serves no ServiceAccounts)
    await eventually(
      async () =>
        (
          await d.real.send({ path: `${base()}/serviceaccounts/default` })
        ).status === 200,
      { what: 'the default ServiceAccount', timeoutMs: 30_000 },
    );
  });
  afterAll(() => d?.close());

  describe('create: defaults and admission', () => {
    it.each([
      [
        'a ConfigMap',
        () =>
          post(`${base()}/configmaps`, {
            metadata: { name: 'cm', labels: { a: 'b' } },
            data: { x: '1' },
          }),
      ],
      [
        'a ConfigMap from generateName',
        () =>
          post(`${base()}/configmaps`, { metadata: { generateName: 'gen-' } }),
      ],
      [
        'a Secret with stringData',
        () =>
          post(`${base()}/secrets`, {
            metadata: { name: 's1' },
            stringData: { k: 'v', l: 'w' },
          }),
      ],
      [
        'a typed Secret',
        () =>
          post(`${base()}/secrets`, {
            metadata: { name: 's2' },
            type: 'kubernetes.io/dockerconfigjson',
            data: { '.dockerconfigjson': 'e30=' },
          }),
      ],
      [
        'a PersistentVolumeClaim',
        () =>
          post(`${base()}/persistentvolumeclaims`, {
            metadata: { name: 'pvc' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '1Gi' } },
              storageClassName: 'fast-ssd',
            },
          }),
      ],
      [
        'a Deployment of the web-app chart shape',
        () =>
          post(`${apps()}/deployments`, {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: {
              name: 'web-app',
              labels: {
                'app.kubernetes.io/name': 'web-app',
                'app.kubernetes.io/instance': 'web',
              },
            },
            spec: {
              replicas: 1,
              selector: {
                matchLabels: {
                  'app.kubernetes.io/name': 'web-app',
                  'app.kubernetes.io/instance': 'web',
                },
              },
              template: {
                metadata: {
                  labels: {
                    'app.kubernetes.io/name': 'web-app',
                    'app.kubernetes.io/instance': 'web',
                  },
                },
                spec: {
                  containers: [
                    {
                      name: 'app',
                      image: 'registry.example/web:1.2.3',
                      ports: [{ name: 'http', containerPort: 3000 }],
                      envFrom: [{ secretRef: { name: 's1' } }],
                      env: [
                        { name: 'SYNESTRA_ENV', value: 'dev' },
                        {
                          name: 'POD',
                          valueFrom: {
                            fieldRef: { fieldPath: 'metadata.name' },
                          },
                        },
                      ],
                      readinessProbe: { httpGet: { port: 'http' } },
                      livenessProbe: {
                        tcpSocket: { port: 3000 },
                        initialDelaySeconds: 5,
                      },
                      resources: { limits: { memory: '512Mi' } },
                    },
                  ],
                  volumes: [
                    { name: 'cfg', configMap: { name: 'cm' } },
                    { name: 'sec', secret: { secretName: 's1' } },
                    { name: 'tmp' },
                  ],
                },
              },
            },
          }),
      ],
      [
        'a StatefulSet',
        () =>
          post(`${apps()}/statefulsets`, {
            metadata: { name: 'db' },
            spec: {
              serviceName: 'db',
              selector: { matchLabels: { app: 'db' } },
              template: {
                metadata: { labels: { app: 'db' } },
                spec: { containers: [{ name: 'db', image: 'postgres:16' }] },
              },
              volumeClaimTemplates: [
                {
                  metadata: { name: 'data' },
                  spec: {
                    accessModes: ['ReadWriteOnce'],
                    resources: { requests: { storage: '1Gi' } },
                  },
                },
              ],
            },
          }),
      ],
      [
        'an Application with its status',
        () =>
          post(`${argo()}/applications`, {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Application',
            metadata: { name: 'web-dev' },
            spec: {
              project: 'default',
              source: {
                repoURL: 'https://git.example/r.git',
                path: 'charts/web-app',
                targetRevision: 'main',
              },
              destination: {
                server: 'https://kubernetes.default.svc',
                namespace: ns,
              },
              syncPolicy: { automated: { prune: true, selfHeal: false } },
            },
            status: {
              sync: { status: 'Synced', revision: 'abc' },
              health: { status: 'Healthy' },
            },
          }),
      ],
      [
        'a core/v1 Event',
        () =>
          post(`${base()}/events`, {
            metadata: { name: 'web.1' },
            involvedObject: { kind: 'Pod', name: 'web', namespace: ns },
            reason: 'BackOff',
            message: 'Back-off restarting failed container',
            type: 'Warning',
            source: { component: 'kubelet' },
            count: 3,
          }),
      ],
    ])('%s', async (_what, request) => {
      await expectSame(d, request(), { generated: true });
    });

    it('a Service (defaults; its cluster IP from the same range)', async () => {
      await expectSame(
        d,
        post(`${base()}/services`, {
          metadata: { name: 'web' },
          spec: {
            selector: { app: 'web' },
            ports: [
              { name: 'http', port: 80, targetPort: 'http' },
              { name: 'metrics', port: 9090 },
            ],
          },
        }),
        { shape: ipless },
      );
    });

    it('a Pod: defaults, its service account and token volume, tolerations, priority, QoS', async () => {
      await expectSame(
        d,
        post(`${base()}/pods`, {
          metadata: { name: 'solo', labels: { app: 'solo' } },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'busybox',
                command: ['sleep', '1d'],
                resources: { limits: { cpu: '1', memory: '64Mi' } },
              },
            ],
            initContainers: [{ name: 'init', image: 'busybox:1.36' }],
          },
        }),
        { shape: tokenVolume },
      );
    });
  });

  describe('update', () => {
    it('with the current resourceVersion, then a stale one (409), then none', async () => {
      await d.both(
        post(`${base()}/configmaps`, {
          metadata: { name: 'u' },
          data: { a: '1' },
        }),
      );
      const current = await d.both({ path: `${base()}/configmaps/u` });
      const put = (data: object, rv?: string): ApiRequest => ({
        method: 'PUT',
        path: `${base()}/configmaps/u`,
        body: {
          metadata: { name: 'u', ...(rv ? { resourceVersion: rv } : {}) },
          data,
        },
      });
      const first = await Promise.all(
        d.sides.map((side, i) =>
          side.send(put({ a: '2' }, current[i].body.metadata.resourceVersion)),
        ),
      );
      expect(comparable(first[0])).toEqual(comparable(first[1]));
      const stale = await Promise.all(
        d.sides.map((side, i) =>
          side.send(put({ a: '3' }, current[i].body.metadata.resourceVersion)),
        ),
      );
      expect(comparable(stale[0])).toEqual(comparable(stale[1]));
      expect(stale[1].status).toBe(409);
      await expectSame(d, put({ a: '4' }));
    });

    it('through the status subresource of a Deployment: the spec stays', async () => {
      const body = (b: any) => ({
        ...b,
        spec: { ...b.spec, replicas: 5 },
        status: { observedGeneration: 1, replicas: 0 },
      });
      const [s, r] = await d.both({ path: `${apps()}/deployments/web-app` });
      const answers = await Promise.all([
        d.sandbox.send({
          method: 'PUT',
          path: `${apps()}/deployments/web-app/status`,
          body: body(s.body),
        }),
        d.real.send({
          method: 'PUT',
          path: `${apps()}/deployments/web-app/status`,
          body: body(r.body),
        }),
      ]);
      const shape = controllerless;
      expect(comparable(answers[0], { shape })).toEqual(
        comparable(answers[1], { shape }),
      );
      expect(answers[1].body.spec.replicas).toBe(1);
    });
  });

  describe('patch', () => {
    beforeAll(async () => {
      await d.both(
        post(`${base()}/configmaps`, {
          metadata: { name: 'p', labels: { keep: 'y', drop: 'y' } },
          data: { a: '1', b: '2' },
        }),
      );
    });
    const noStatus = controllerless;
    it.each([
      [
        'merge: set, and null deletes',
        () => ({
          path: `${base()}/configmaps/p`,
          body: {
            data: { b: null, c: '3' },
            metadata: { labels: { drop: null } },
          },
          type: MERGE,
        }),
      ],
      [
        'strategic on a ConfigMap (no strategy: as merge)',
        () => ({
          path: `${base()}/configmaps/p`,
          body: { data: { d: '4' } },
          type: STRATEGIC,
        }),
      ],
      [
        'JSON: add, replace, remove, test',
        () => ({
          path: `${base()}/configmaps/p`,
          body: [
            { op: 'add', path: '/data/e', value: '5' },
            { op: 'replace', path: '/data/a', value: '9' },
            { op: 'remove', path: '/data/d' },
            { op: 'test', path: '/data/a', value: '9' },
          ],
          type: JSON_PATCH,
        }),
      ],
      [
        'JSON: a failing test',
        () => ({
          path: `${base()}/configmaps/p`,
          body: [{ op: 'test', path: '/data/a', value: 'no' }],
          type: JSON_PATCH,
        }),
      ],
      [
        'JSON: remove a missing key',
        () => ({
          path: `${base()}/configmaps/p`,
          body: [{ op: 'remove', path: '/data/zz' }],
          type: JSON_PATCH,
        }),
      ],
      [
        'a stale resourceVersion in the patch (409)',
        () => ({
          path: `${base()}/configmaps/p`,
          body: { metadata: { resourceVersion: '1' }, data: { x: '1' } },
          type: MERGE,
        }),
      ],
      [
        'an unknown patch type (415)',
        () => ({
          path: `${base()}/configmaps/p`,
          body: { data: {} },
          type: 'text/plain',
        }),
      ],
      [
        'a missing object (404)',
        () => ({
          path: `${base()}/configmaps/nope`,
          body: { data: {} },
          type: MERGE,
        }),
      ],
      [
        'merge on a custom resource',
        () => ({
          path: `${argo()}/applications/web-dev`,
          body: { status: { health: { status: 'Degraded' } } },
          type: MERGE,
        }),
      ],
    ])('%s', async (_what, p) => {
      const { path, body, type } = p();
      await expectSame(d, { method: 'PATCH', path, body, contentType: type });
    });

    it('strategic on a Deployment: containers, env and ports merge by their keys', async () => {
      await expectSame(
        d,
        {
          method: 'PATCH',
          path: `${apps()}/deployments/web-app`,
          contentType: STRATEGIC,
          body: {
            spec: {
              template: {
                spec: {
                  containers: [
                    {
                      name: 'app',
                      env: [
                        { name: 'SYNESTRA_ENV', value: 'preview' },
                        { name: 'NEW', value: '1' },
                      ],
                      ports: [{ containerPort: 9229, name: 'debug' }],
                    },
                    { name: 'sidecar', image: 'registry.example/side:1' },
                  ],
                },
              },
            },
          },
        },
        { shape: noStatus },
      );
    });

    it('strategic with $patch: delete removes a list element', async () => {
      await expectSame(
        d,
        {
          method: 'PATCH',
          path: `${apps()}/deployments/web-app`,
          contentType: STRATEGIC,
          body: {
            spec: {
              template: {
                spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] },
              },
            },
          },
        },
        { shape: noStatus },
      );
    });

    it('scale to 0 through a merge patch (generation + 1)', async () => {
      await expectSame(
        d,
        {
          method: 'PATCH',
          path: `${apps()}/deployments/web-app`,
          contentType: MERGE,
          body: { spec: { replicas: 0 } },
        },
        { shape: noStatus },
      );
    });

    it('server-side apply is not served by the sandbox (415; the real server applies)', async () => {
      const [s, r] = await d.both({
        method: 'PATCH',
        path: `${base()}/configmaps/applied`,
        query: { fieldManager: 'test' },
        contentType: 'application/apply-patch+yaml',
        rawBody: JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'applied' },
          data: { a: '1' },
        }),
      });
      expect(r.status).toBe(201);
      expect(s.status).toBe(415);
      expect(s.body.message).toBe('415: Unsupported Media Type');
    });
  });

  describe('delete', () => {
    it('a ConfigMap: a Status Success naming it', async () => {
      await d.both(
        post(`${base()}/configmaps`, { metadata: { name: 'gone' } }),
      );
      await expectSame(d, {
        method: 'DELETE',
        path: `${base()}/configmaps/gone`,
      });
    });

    it('a Deployment: a Status Success (the garbage collector takes its ReplicaSets)', async () => {
      await d.both(
        post(`${apps()}/deployments`, {
          metadata: { name: 'short' },
          spec: {
            replicas: 0,
            selector: { matchLabels: { app: 'short' } },
            template: {
              metadata: { labels: { app: 'short' } },
              spec: { containers: [{ name: 'c', image: 'x:1' }] },
            },
          },
        }),
      );
      await expectSame(d, {
        method: 'DELETE',
        path: `${apps()}/deployments/short`,
      });
    });

    it('an unscheduled Pod: gone at once, answered with its last state', async () => {
      await d.both(
        post(`${base()}/pods`, {
          metadata: { name: 'never' },
          spec: {
            nodeSelector: { nowhere: 'true' },
            containers: [{ name: 'c', image: 'x:1' }],
          },
        }),
      );
      // the real server's last state carries a resourceVersion or not, depending on whether the
      // scheduler's PodScheduled=False write raced the graceful delete (registry/store.go Delete:
      // the update to grace 0, then the removal): only its presence varies, so it is left out
      await expectSame(
        d,
        { method: 'DELETE', path: `${base()}/pods/never` },
        {
          shape: b =>
            without(tokenVolume(b), 'status', 'metadata.resourceVersion'),
        },
      );
    });

    it('a PersistentVolumeClaim: marked, its finalizer kept in the answer', async () => {
      await d.both(
        post(`${base()}/persistentvolumeclaims`, {
          metadata: { name: 'claim' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '1Gi' } },
            storageClassName: 'fast-ssd',
          },
        }),
      );
      await expectSame(d, {
        method: 'DELETE',
        path: `${base()}/persistentvolumeclaims/claim`,
      });
      // then the PVC protection controller lets it go (no Pod uses it)
      await eventually(
        async () =>
          (
            await d.both({ path: `${base()}/persistentvolumeclaims/claim` })
          ).every(a => a.status === 404),
        { what: 'the claim gone on both sides', timeoutMs: 30_000 },
      );
    });

    it.each([
      [
        'a uid precondition that does not hold (409)',
        { preconditions: { uid: 'not-it' } },
      ],
      [
        'a resourceVersion precondition that does not hold (409)',
        { preconditions: { resourceVersion: '1' } },
      ],
    ])('%s', async (_what, body) => {
      await d.both(post(`${base()}/configmaps`, { metadata: { name: 'pre' } }));
      await expectSame(
        d,
        { method: 'DELETE', path: `${base()}/configmaps/pre`, body },
        {
          shape: b => ({
            ...b,
            message: b.message?.replace(/\(([0-9a-f-]{36}|\d+)\)/g, '(<x>)'),
          }),
        },
      );
    });

    it('a missing object (404)', async () => {
      await expectSame(d, {
        method: 'DELETE',
        path: `${base()}/configmaps/never-was`,
      });
    });

    it('a collection by label: the deleted objects', async () => {
      for (const name of ['k1', 'k2', 'k3']) {
        await d.both(
          post(`${base()}/configmaps`, {
            metadata: { name, labels: { batch: name === 'k3' ? 'no' : 'yes' } },
          }),
        );
      }
      await expectSame(
        d,
        {
          method: 'DELETE',
          path: `${base()}/configmaps`,
          query: { labelSelector: 'batch=yes' },
        },
        { sort: true },
      );
    });

    it('a Namespace: Terminating in the answer, then gone with its content', async () => {
      const other = await d.namespace('doomed');
      await d.both(
        post(`/api/v1/namespaces/${other}/configmaps`, {
          metadata: { name: 'inside' },
        }),
      );
      await expectSame(
        d,
        { method: 'DELETE', path: `/api/v1/namespaces/${other}` },
        {
          shape: b => without(b, 'status.conditions'),
        },
      );
      await eventually(
        async () =>
          (
            await d.both({ path: `/api/v1/namespaces/${other}` })
          ).every(a => a.status === 404),
        { what: 'the namespace gone on both sides', timeoutMs: 60_000 },
      );
    });
  });

  describe('errors', () => {
    it.each([
      [
        'a name that is no DNS subdomain (422)',
        () => post(`${base()}/configmaps`, { metadata: { name: 'Bad_Name' } }),
      ],
      ['no name (422)', () => post(`${base()}/configmaps`, { metadata: {} })],
      [
        'a Namespace name with a dot (422)',
        () => post('/api/v1/namespaces', { metadata: { name: 'a.b' } }),
      ],
      [
        'a Deployment name too long (422)',
        () =>
          post(`${apps()}/deployments`, {
            metadata: { name: 'x'.repeat(254) },
            spec: {
              selector: { matchLabels: { a: 'b' } },
              template: {
                metadata: { labels: { a: 'b' } },
                spec: { containers: [{ name: 'c', image: 'x' }] },
              },
            },
          }),
      ],
      [
        'an existing name (409)',
        () => post(`${base()}/configmaps`, { metadata: { name: 'cm' } }),
      ],
      [
        'another kind than the path names (400)',
        () =>
          post(`${base()}/configmaps`, {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'q' },
          }),
      ],
      [
        'another namespace than the path names (400)',
        () =>
          post(`${base()}/configmaps`, {
            metadata: { name: 'q', namespace: 'elsewhere' },
          }),
      ],
      [
        'a namespace that does not exist (404)',
        () =>
          post('/api/v1/namespaces/no-such-ns-zz/configmaps', {
            metadata: { name: 'q' },
          }),
      ],
      [
        'POST to a named object (405)',
        () => post(`${base()}/configmaps/cm`, { metadata: { name: 'cm' } }),
      ],
      [
        'an object that does not exist (404)',
        () => ({ path: `${base()}/configmaps/nope` }),
      ],
      [
        'a Deployment that does not exist (404)',
        () => ({ path: `${apps()}/deployments/nope` }),
      ],
      [
        'an Application that does not exist (404)',
        () => ({ path: `${argo()}/applications/nope` }),
      ],
      [
        'a resource the group does not have (404)',
        () => ({ path: `${base()}/foos` }),
      ],
      [
        'a group the server does not have (404, plain text)',
        () => ({ path: '/apis/nonexistent.example.com/v1/foos' }),
      ],
      [
        'PUT with another name than the path (400)',
        () => ({
          method: 'PUT',
          path: `${base()}/configmaps/cm`,
          body: { metadata: { name: 'other' } },
        }),
      ],
      [
        'PUT of an object that does not exist (404)',
        () => ({
          method: 'PUT',
          path: `${base()}/configmaps/absent`,
          body: { metadata: { name: 'absent' } },
        }),
      ],
    ])('%s', async (_what, request) => {
      await expectSame(d, request() as ApiRequest);
    });

    it.each([
      [
        'a Service name starting with a digit (a DNS-1123 label is enough)',
        '1web',
      ],
      ['a Service name with a dot (422)', 'web.app'],
    ])('%s', async (_what, name) => {
      await expectSame(
        d,
        post(`${base()}/services`, {
          metadata: { name },
          spec: { ports: [{ port: 80 }] },
        }),
        { shape: ipless },
      );
    });

    it.each([
      ['list', () => ({ path: `${base()}/configmaps` })],
      ['get', () => ({ path: `${base()}/configmaps/cm` })],
      [
        'watch',
        () => ({ path: `${base()}/configmaps`, query: { watch: 'true' } }),
      ],
      [
        'create',
        () => post(`${base()}/configmaps`, { metadata: { name: 'x' } }),
      ],
      ['delete', () => ({ method: 'DELETE', path: `${base()}/configmaps/cm` })],
      ['list of Deployments', () => ({ path: `${apps()}/deployments` })],
      ['list of Applications', () => ({ path: `${argo()}/applications` })],
      ['list across all namespaces', () => ({ path: '/api/v1/pods' })],
    ])('403 for an identity without a role: %s', async (_what, request) => {
      const undo = d.forbidOnSandbox(ns);
      try {
        await expectSame(d, {
          ...(request() as ApiRequest),
          unprivileged: true,
        });
      } finally {
        undo();
      }
    });
  });
});
