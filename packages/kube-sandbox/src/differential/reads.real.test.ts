/*
 * Reads, side by side on the kube-sandbox and the real kube-apiserver
 * (packages/real-cluster): get, list, label and field selectors, pagination,
 * resourceVersion semantics, Table and PartialObjectMetadata answers, YAML.
 * The real server is the specification: each expectation is "the sandbox
 * answers what the real server answers" after normalize.ts (uids, times,
 * resourceVersions, generated names). Upstream behind each group of cases is
 * named in the sandbox module that implements it (server/list.ts,
 * server/listOptions.ts, labelSelector.ts, fieldLabels.ts, table.ts).
 */
import { eventually } from '../eventually';
import {
  comparable,
  controllerless,
  Differential,
  expectSame,
  startDifferential,
} from './__testUtils__';

jest.setTimeout(180_000);

const TABLE = 'application/json;as=Table;g=meta.k8s.io;v=v1';
const META = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';
const META_LIST =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

/** The cluster CA differs: the root CA ConfigMap's content is not compared. */
function caless(body: any): any {
  const strip = (o: any) => {
    if (o?.metadata?.name === 'kube-root-ca.crt' && o.data?.['ca.crt']) {
      o.data['ca.crt'] = '<ca>';
    }
  };
  strip(body);
  (body?.items ?? []).forEach(strip);
  return body;
}

/** Cluster IPs are allocated at random from the same range. */
function ipless(body: any): any {
  const strip = (o: any) => {
    if (o?.spec?.clusterIP) o.spec.clusterIP = '<ip>';
    if (o?.spec?.clusterIPs) o.spec.clusterIPs = ['<ip>'];
  };
  strip(body);
  (body?.items ?? []).forEach(strip);
  for (const row of body?.rows ?? []) {
    if (typeof row.cells?.[2] === 'string' && /^10\.96\./.test(row.cells[2])) {
      row.cells[2] = '<ip>';
    }
  }
  return body;
}

/** What the deployment controller writes (status, revision) is not compared. */
const noStatus = controllerless;

describe('reads: the sandbox answers as the real API server', () => {
  let d: Differential;
  let ns: string;
  const base = () => `/api/v1/namespaces/${ns}`;
  const apps = () => `/apis/apps/v1/namespaces/${ns}`;
  const argo = () => `/apis/argoproj.io/v1alpha1/namespaces/${ns}`;

  beforeAll(async () => {
    d = await startDifferential();
    ns = await d.namespace('reads');
    const create = async (path: string, body: object) => {
      const [s, r] = await d.both({ method: 'POST', path, body });
      if (s.status !== 201 || r.status !== 201) {
        throw new Error(
          `setup ${path}: ${JSON.stringify(s.body)} / ${JSON.stringify(
            r.body,
          )}`,
        );
      }
    };
    for (const [name, tier] of [
      ['a', 'y'],
      ['b', 'y'],
      ['c', 'x'],
      ['d-1', 'x'],
    ]) {
      await create(`${base()}/configmaps`, {
        metadata: { name, labels: { n: name, tier } },
        data: { k: name },
      });
    }
    await create(`${base()}/secrets`, {
      metadata: { name: 'env', labels: { n: 'env' } },
      stringData: { TOKEN: 'x' },
    });
    await create(`${base()}/secrets`, {
      metadata: { name: 'tls' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'Yw==', 'tls.key': 'aw==' },
    });
    await create(`${base()}/services`, {
      metadata: { name: 'web' },
      spec: {
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 3000 }],
      },
    });
    await create(`${base()}/persistentvolumeclaims`, {
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'fast-ssd',
        resources: { requests: { storage: '1Gi' } },
      },
    });
    await create(`${apps()}/deployments`, {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'app', image: 'registry.example/web:1' }],
          },
        },
      },
    });
    await create(`${argo()}/applications`, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web' },
      spec: {
        project: 'default',
        source: { repoURL: 'https://git.example/r.git', path: 'web' },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: ns,
        },
      },
      status: { sync: { status: 'OutOfSync' }, health: { status: 'Healthy' } },
    });
    await create(`${argo()}/applicationsets`, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'all' },
      spec: {
        generators: [],
        template: {
          metadata: {},
          spec: {
            project: 'default',
            destination: { server: 'https://kubernetes.default.svc' },
          },
        },
      },
    });
    // the controllers' part: the root CA ConfigMap, the Deployment's first sync
    await eventually(
      async () => {
        const answers = await d.both({
          path: `${apps()}/deployments/web`,
        });
        const cms = await d.both({
          path: `${base()}/configmaps/kube-root-ca.crt`,
        });
        return (
          cms.every(a => a.status === 200) &&
          answers.every(a => a.body.status?.observedGeneration === 1)
        );
      },
      { what: 'the controllers on both sides', timeoutMs: 30_000 },
    );
  });
  afterAll(() => d?.close());

  describe('get', () => {
    it.each([
      ['a ConfigMap', () => `${base()}/configmaps/a`],
      [
        'a Secret (stringData folded into data, type Opaque)',
        () => `${base()}/secrets/env`,
      ],
      ['a typed Secret', () => `${base()}/secrets/tls`],
      ['a Namespace', () => `/api/v1/namespaces/${ns}`],
      [
        'a PersistentVolumeClaim (Pending, the protection finalizer)',
        () => `${base()}/persistentvolumeclaims/data`,
      ],
      [
        'an Application (custom resource, no status subresource)',
        () => `${argo()}/applications/web`,
      ],
      ['an ApplicationSet', () => `${argo()}/applicationsets/all`],
      ['the root CA ConfigMap', () => `${base()}/configmaps/kube-root-ca.crt`],
    ])('%s', async (_what, path) => {
      await expectSame(d, { path: path() }, { shape: caless });
    });

    it('a Service (defaults; a cluster IP from the same range)', async () => {
      const [s] = await expectSame(
        d,
        { path: `${base()}/services/web` },
        { shape: ipless },
      );
      expect(s.body.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    });

    it('a Deployment (defaults, generation)', async () => {
      await expectSame(
        d,
        { path: `${apps()}/deployments/web` },
        { shape: noStatus },
      );
    });

    it.each([
      ['0', 200],
      ['1', 200],
      ['999999999', 504],
      ['abc', 400],
    ])('with resourceVersion=%s', async rv => {
      await expectSame(
        d,
        { path: `${base()}/configmaps/a`, query: { resourceVersion: rv } },
        // the current revision is in the 504's message
        {
          shape: b => (b?.code === 504 ? { ...b, message: '<too large>' } : b),
        },
      );
    });
  });

  describe('list', () => {
    it('a namespace (key order, the root CA ConfigMap included)', async () => {
      await expectSame(d, { path: `${base()}/configmaps` }, { shape: caless });
    });

    it('custom resources: items with apiVersion and kind, and an empty continue', async () => {
      await expectSame(d, { path: `${argo()}/applications` });
    });

    it('across all namespaces, narrowed by a field selector', async () => {
      await expectSame(
        d,
        {
          path: '/api/v1/configmaps',
          query: { fieldSelector: `metadata.namespace=${ns}` },
        },
        { shape: caless },
      );
    });

    it('pages with limit and continue, to the end', async () => {
      const names: string[][] = [[], []];
      let tokens: Array<string | undefined> = [undefined, undefined];
      const page = (side: (typeof d.sides)[number], token?: string) =>
        side.send({
          path: `${base()}/configmaps`,
          query: { limit: '2', ...(token ? { continue: token } : {}) },
        });
      for (let i = 0; i < 10; i++) {
        // each side goes on with its own token
        const answers = await Promise.all([
          page(d.sandbox, tokens[0]),
          page(d.real, tokens[1]),
        ]);
        expect(comparable(answers[0], { shape: caless })).toEqual(
          comparable(answers[1], { shape: caless }),
        );
        answers.forEach((a, n) =>
          names[n].push(...a.body.items.map((o: any) => o.metadata.name)),
        );
        tokens = answers.map(a => a.body.metadata.continue);
        if (!tokens[1]) break;
      }
      expect(names[0]).toEqual(names[1]);
      expect(names[1]).toEqual(['a', 'b', 'c', 'd-1', 'kube-root-ca.crt']);
    });

    it('limit with a label selector: a continue token, no remainingItemCount', async () => {
      await expectSame(d, {
        path: `${base()}/configmaps`,
        query: { limit: '1', labelSelector: 'tier=x' },
      });
    });

    it('limit is ignored with resourceVersion=0', async () => {
      await expectSame(
        d,
        {
          path: `${base()}/configmaps`,
          query: { limit: '1', resourceVersion: '0' },
        },
        { shape: caless },
      );
    });

    it('an exact resourceVersion from before the namespace had content', async () => {
      // the namespace's own resourceVersion: nothing else of it existed then
      const answers = await d.both({ path: `/api/v1/namespaces/${ns}` });
      const [s, r] = await Promise.all([
        d.sandbox.send({
          path: `${base()}/configmaps`,
          query: {
            resourceVersion: answers[0].body.metadata.resourceVersion,
            resourceVersionMatch: 'Exact',
          },
        }),
        d.real.send({
          path: `${base()}/configmaps`,
          query: {
            resourceVersion: answers[1].body.metadata.resourceVersion,
            resourceVersionMatch: 'Exact',
          },
        }),
      ]);
      expect(comparable(s)).toEqual(comparable(r));
      expect(r.body.items).toEqual([]);
    });

    it.each([
      ['resourceVersion too large', { resourceVersion: '999999999' }],
      ['resourceVersion not a number', { resourceVersion: 'abc' }],
      [
        'resourceVersionMatch without resourceVersion',
        { resourceVersionMatch: 'NotOlderThan' },
      ],
      [
        'an unknown resourceVersionMatch',
        { resourceVersion: '1', resourceVersionMatch: 'Bogus' },
      ],
      [
        'Exact at resourceVersion 0',
        { resourceVersion: '0', resourceVersionMatch: 'Exact' },
      ],
      ['sendInitialEvents on a list', { sendInitialEvents: 'true' }],
      ['a continue token that is not one', { continue: 'garbage' }],
      [
        'a continue token of another version',
        {
          continue: Buffer.from('{"v":"x","rv":1,"start":"a"}').toString(
            'base64url',
          ),
        },
      ],
    ])('%s', async (_what, query) => {
      await expectSame(
        d,
        { path: `${base()}/configmaps`, query },
        {
          shape: b => (b?.code === 504 ? { ...b, message: '<too large>' } : b),
        },
      );
    });
  });

  describe('label selectors', () => {
    it.each([
      'tier=x',
      'tier==x',
      'tier!=x',
      'tier in (x)',
      'tier notin (x)',
      'tier in (x,y),n notin (a)',
      'n',
      '!n',
      'n in (a,,b)',
      'n in ()',
      'n=',
      'n>1',
      'tier in (x,y',
      'n=(a)',
      'a b',
      'n=a,',
      ',',
      '!n=a',
      'N_/x=y',
      'a/b/c=d',
      `n=${'x'.repeat(64)}`,
      'n=a b',
      'n<a',
    ])('%s', async labelSelector => {
      await expectSame(
        d,
        { path: `${base()}/configmaps`, query: { labelSelector } },
        { shape: caless },
      );
    });
  });

  describe('field selectors', () => {
    it.each([
      ['configmaps', 'metadata.name=a'],
      ['configmaps', 'metadata.name!=a'],
      ['configmaps', 'metadata.name==a,metadata.namespace!=x'],
      ['configmaps', 'data.k=a'],
      ['configmaps', 'bad'],
      ['configmaps', 'metadata.name=a\\,b'],
      ['configmaps', 'metadata.name=a\\x'],
      ['secrets', 'type=Opaque'],
      ['secrets', 'type=kubernetes.io/tls'],
      ['secrets', 'data=x'],
      ['pods', 'status.phase=Running,spec.nodeName=x'],
      ['pods', 'spec.host=x'],
      ['pods', 'spec.foo=x'],
      ['services', 'spec.type=ClusterIP'],
      ['services', 'spec.ports=80'],
      ['persistentvolumeclaims', 'spec.storageClassName=fast-ssd'],
      ['events', 'involvedObject.kind=Pod,type=Warning'],
      ['events', 'foo=bar'],
    ])('%s %s', async (resource, fieldSelector) => {
      await expectSame(
        d,
        { path: `${base()}/${resource}`, query: { fieldSelector } },
        { shape: b => ipless(caless(b)) },
      );
    });

    it.each([
      ['deployments', 'spec.replicas=0'],
      ['deployments', 'metadata.name=web'],
      ['replicasets', 'status.replicas=1'],
      ['statefulsets', 'x=y'],
    ])('apps %s %s', async (resource, fieldSelector) => {
      await expectSame(
        d,
        { path: `${apps()}/${resource}`, query: { fieldSelector } },
        { shape: noStatus },
      );
    });

    it.each([
      ['namespaces', () => `status.phase=Active,metadata.name=${ns}`],
      ['namespaces', () => 'metadata.namespace=x'],
    ])('cluster %s', async (resource, selector) => {
      await expectSame(d, {
        path: `/api/v1/${resource}`,
        query: { fieldSelector: selector() },
      });
    });

    it.each(['metadata.name=web', 'spec.project=default'])(
      'applications %s',
      async fieldSelector => {
        await expectSame(d, {
          path: `${argo()}/applications`,
          query: { fieldSelector },
        });
      },
    );
  });

  describe('Table', () => {
    const shape = (b: any) => {
      // the API's field documentation is not reproduced
      for (const c of b?.columnDefinitions ?? []) c.description = '';
      for (const row of b?.rows ?? []) {
        const a = row.object?.metadata?.annotations;
        if (a) {
          delete a['deployment.kubernetes.io/revision'];
          if (!Object.keys(a).length) delete row.object.metadata.annotations;
        }
      }
      return ipless(caless(b));
    };
    it.each([
      ['configmaps', () => `${base()}/configmaps`],
      ['one configmap', () => `${base()}/configmaps/a`],
      ['secrets', () => `${base()}/secrets`],
      ['services', () => `${base()}/services`],
      ['persistentvolumeclaims', () => `${base()}/persistentvolumeclaims`],
      ['one namespace', () => `/api/v1/namespaces/${ns}`],
      ['deployments', () => `${apps()}/deployments`],
      ['applications', () => `${argo()}/applications`],
      ['applicationsets', () => `${argo()}/applicationsets`],
    ])('%s', async (_what, path) => {
      await expectSame(d, { path: path(), accept: TABLE }, { shape });
    });

    it('meta.k8s.io/v1beta1 when asked for', async () => {
      await expectSame(
        d,
        {
          path: `${base()}/configmaps/a`,
          accept: 'application/json;as=Table;g=meta.k8s.io;v=v1beta1',
        },
        { shape },
      );
    });

    it('a page of rows with its continue token', async () => {
      await expectSame(
        d,
        { path: `${base()}/configmaps`, query: { limit: '2' }, accept: TABLE },
        { shape },
      );
    });
  });

  describe('PartialObjectMetadata', () => {
    it.each([
      ['a list of Secrets', () => `${base()}/secrets`, META_LIST],
      ['one Secret', () => `${base()}/secrets/env`, META],
      ['a list of Deployments', () => `${apps()}/deployments`, META_LIST],
      ['a list of Applications', () => `${argo()}/applications`, META_LIST],
      ['an empty list (items: null)', () => `${base()}/pods`, META_LIST],
      [
        'an empty list of custom resources',
        () => `/apis/argoproj.io/v1alpha1/namespaces/${ns}-none/applications`,
        META_LIST,
      ],
      [
        'the list form asked of one object',
        () => `${base()}/secrets/env`,
        META_LIST,
      ],
      ['the object form asked of a list', () => `${base()}/secrets`, META],
      [
        'the object form asked of a Deployment list',
        () => `${apps()}/deployments`,
        META,
      ],
      [
        'the object form asked of an Application list',
        () => `${argo()}/applications`,
        META,
      ],
    ])('%s', async (_what, path, accept) => {
      await expectSame(d, { path: path(), accept }, { shape: controllerless });
    });
  });

  describe('media types', () => {
    it.each([
      [
        'YAML of one object',
        () => `${base()}/configmaps/a`,
        'application/yaml',
      ],
      ['YAML of a list', () => `${base()}/secrets`, 'application/yaml'],
      [
        'a list of clauses, the first satisfiable one wins',
        () => `${base()}/configmaps/a`,
        'application/json;as=Foo;g=meta.k8s.io;v=v1, application/json',
      ],
      ['any type', () => `${base()}/configmaps/a`, '*/*'],
      ['application/*', () => `${base()}/configmaps/a`, 'application/*'],
      [
        'a stream type on a get',
        () => `${base()}/configmaps/a`,
        'application/json;stream=watch',
      ],
      [
        'a type no route produces',
        () => `${base()}/configmaps/a`,
        'text/plain',
      ],
      [
        'a conversion nobody knows',
        () => `${base()}/configmaps/a`,
        'application/json;as=Foo;g=meta.k8s.io;v=v1',
      ],
      [
        'JSON refused with q=0',
        () => `${base()}/configmaps/a`,
        'application/json;q=0',
      ],
      [
        'a Table of another group',
        () => `${base()}/configmaps/a`,
        'application/json;as=Table;g=example.com;v=v1',
      ],
      [
        'a custom resource as text',
        () => `${argo()}/applications`,
        'text/plain',
      ],
      [
        'a custom resource with an unknown conversion',
        () => `${argo()}/applications`,
        'application/json;as=Foo;g=meta.k8s.io;v=v1',
      ],
    ])('%s', async (_what, path, accept) => {
      const [s, r] = await d.both({ path: path(), accept });
      const parse = (a: typeof s) =>
        a.contentType.startsWith('application/yaml')
          ? // both write YAML from the same JSON: compare what it says
            require('yaml').parse(a.body)
          : a.body;
      expect(comparable({ ...s, body: parse(s) }, { shape: caless })).toEqual(
        comparable({ ...r, body: parse(r) }, { shape: caless }),
      );
    });
  });
});
