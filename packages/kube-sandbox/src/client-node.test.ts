import {
  AppsV1Api,
  ConfigurationOptions,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Observable,
  RequestContext,
  ResponseContext,
  Watch,
} from '@kubernetes/client-node';
import { startSandbox, Sandbox } from './index';
import { eventually } from './eventually';

/**
 * How to read metadata only with @kubernetes/client-node 1.x: a per-call
 * (observable) middleware that replaces the Accept header.
 */
function metadataOnly(
  as: 'PartialObjectMetadata' | 'PartialObjectMetadataList',
): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (ctx: RequestContext) => {
          ctx.setHeaderParam(
            'Accept',
            `application/json;as=${as};g=meta.k8s.io;v=v1`,
          );
          return new Observable(Promise.resolve(ctx));
        },
        post: (ctx: ResponseContext) => new Observable(Promise.resolve(ctx)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

describe('@kubernetes/client-node against the sandbox', () => {
  let sb: Sandbox;
  let kc: KubeConfig;

  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'web-core' });
    kc = new KubeConfig();
    kc.loadFromFile(sb.kubeconfigPath);
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.counters.reset());

  it('lists with label and field selectors', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({
      namespace: 'web-shop-dev',
      labelSelector:
        'app.kubernetes.io/instance=web-shop-dev,!interactive.dev.okteto.com',
    });
    expect(pods.items).toHaveLength(1);
    expect(pods.items[0].status?.phase).toBe('Running');
    expect(Number(pods.metadata?.resourceVersion)).toBeGreaterThan(0);

    const apps = kc.makeApiClient(AppsV1Api);
    // Reads across all namespaces need cluster-wide rights, which a token kept out of a
    // namespace does not have (see errors.test.ts): lift the scenario's rule for this check.
    const forbidden = sb.forbid.namespaces.splice(0);
    const all = await apps.listDeploymentForAllNamespaces({
      labelSelector: 'dev.okteto.com/clone',
    });
    expect(all.items.map(d => d.metadata?.name).sort()).toEqual([
      'web-admin-dev-web-app-okteto',
      'web-blog-dev-web-app-okteto',
      'web-docs-dev-web-app-okteto',
      'web-portal-dev-web-app-okteto',
      'web-shop-dev-web-app-okteto',
      'web-studio-dev-web-app-okteto',
      'web-synestra-io-dev-web-app-okteto',
    ]);
    const one = await apps.listDeploymentForAllNamespaces({
      fieldSelector: 'metadata.name=web-corporate-dev-web-app',
    });
    expect(one.items).toHaveLength(1);
    expect(sb.counters.byKey.get('GET /apis/apps/v1/deployments')).toBe(2);
    sb.forbid.namespaces.push(...forbidden);
  });

  it('reads Argo CD Applications with CustomObjectsApi', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const list = (await custom.listNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: 'argo',
      plural: 'applications',
    })) as {
      items: Array<{
        metadata: { name: string };
        status: { sync: { status: string } };
      }>;
    };
    const byName = Object.fromEntries(
      list.items.map(a => [a.metadata.name, a.status.sync.status]),
    );
    expect(byName['web-corporate-dev']).toBe('Synced');
    expect(byName['web-synestra-io-dev']).toBe('OutOfSync');
    expect(byName['web-saas-dev']).toBeUndefined();
  });

  it('reads Secrets metadata-only, provably', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedSecret(
      { namespace: 'web-corporate-dev' },
      metadataOnly('PartialObjectMetadataList'),
    );
    expect(list.kind).toBe('PartialObjectMetadataList');
    expect(list.items.map(s => s.metadata?.name)).toEqual([
      'web-corporate-dev-env',
    ]);
    expect(list.items[0].data).toBeUndefined();

    const one = await core.readNamespacedSecret(
      { namespace: 'web-synestra-io-dev', name: 'okteto-web-synestra-io-dev' },
      metadataOnly('PartialObjectMetadata'),
    );
    expect(one.metadata?.labels).toEqual({ 'dev.okteto.com': 'true' });
    expect(one.data).toBeUndefined();

    // The request log proves no Secret data left the server.
    const secretReads = sb.requests.filter(r => r.resource === 'secrets');
    expect(secretReads).toHaveLength(2);
    expect(secretReads.every(r => r.accept === 'metadata')).toBe(true);
  });

  it('sees the Secret data on a full read (and the log says so)', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const s = await core.readNamespacedSecret({
      namespace: 'web-corporate-dev',
      name: 'web-corporate-dev-env',
    });
    expect(Buffer.from(s.data!.DATABASE_URI, 'base64').toString()).toMatch(
      /^postgres:\/\//,
    );
    expect(sb.requests.find(r => r.resource === 'secrets')?.accept).toBe(
      'full',
    );
  });

  it('watches from now and sees live events', async () => {
    const events: Array<{ type: string; name: string }> = [];
    const done = jest.fn();
    const ctl = await new Watch(kc).watch(
      '/apis/apps/v1/namespaces/web-corporate-dev/deployments',
      {},
      (type: string, obj: { metadata: { name: string } }) => {
        events.push({ type, name: obj.metadata.name });
      },
      done,
    );
    try {
      await eventually(() => events.length === 1, { timeoutMs: 10_000 });
      expect(events[0]).toEqual({
        type: 'ADDED',
        name: 'web-corporate-dev-web-app',
      });
      sb.store.patch(
        'deployments',
        'web-corporate-dev',
        'web-corporate-dev-web-app',
        {
          spec: { replicas: 2 },
        },
      );
      await eventually(() => events.some(e => e.type === 'MODIFIED'), {
        timeoutMs: 10_000,
      });
    } finally {
      ctl.abort();
    }
    expect(sb.counters.count({ verb: 'watch', resource: 'deployments' })).toBe(
      1,
    );
  });

  it('replays from a resourceVersion and filters by label', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedPod({
      namespace: 'web-corporate-dev',
    });
    const rv = list.metadata!.resourceVersion!;
    // A change that happens before the watch starts is replayed from history.
    sb.store.patch(
      'deployments',
      'web-corporate-dev',
      'web-corporate-dev-web-app',
      {
        spec: { replicas: 3 },
      },
    );
    const events: string[] = [];
    const ctl = await new Watch(kc).watch(
      '/api/v1/namespaces/web-corporate-dev/pods',
      {
        resourceVersion: rv,
        labelSelector: 'app.kubernetes.io/instance=web-corporate-dev',
      },
      (type: string, obj: { metadata: { name: string } }) => {
        events.push(`${type} ${obj.metadata.name}`);
      },
      () => undefined,
    );
    try {
      await eventually(
        () => events.filter(e => e.startsWith('ADDED')).length >= 1,
        { timeoutMs: 10_000 },
      );
    } finally {
      ctl.abort();
    }
    expect(events.every(e => e.includes('web-corporate-dev-web-app-'))).toBe(
      true,
    );
  });

  it('watches metadata-only when asked', async () => {
    const res = await fetch(
      `${sb.url}/api/v1/namespaces/web-corporate-dev/secrets?watch=true&timeoutSeconds=1`,
      {
        headers: {
          Authorization: `Bearer ${sb.token}`,
          Accept:
            'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
        },
      },
    );
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    expect(lines[0].type).toBe('ADDED');
    expect(lines[0].object.kind).toBe('PartialObjectMetadata');
    expect(lines[0].object.data).toBeUndefined();
  });
});
