import { main } from './cli';
import {
  applyScenario,
  KubeObject,
  loadScenario,
  oktetoDown,
  oktetoUp,
  SandboxStore,
  startSandbox,
} from './index';

const NS = 'web-corporate-dev';
const DEPLOY = 'web-corporate-dev-web-app';
const KINDS = [
  'deployments',
  'replicasets',
  'pods',
  'secrets',
  'services',
  'persistentvolumeclaims',
  'configmaps',
];

/** Everything except resourceVersion/uid/timestamps/status bookkeeping. */
function snapshot(store: SandboxStore): Record<string, unknown> {
  const strip = (o: KubeObject) => {
    const c = JSON.parse(JSON.stringify(o));
    for (const k of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'generation',
    ]) {
      delete c.metadata[k];
    }
    for (const ref of c.metadata.ownerReferences ?? []) delete ref.uid;
    if (['Deployment', 'ReplicaSet', 'Pod'].includes(o.kind)) delete c.status;
    return c;
  };
  const out: Record<string, unknown> = {};
  for (const kind of KINDS) {
    for (const o of store.list(kind, NS))
      out[`${o.kind}/${o.metadata.name}`] = strip(o);
  }
  const app = store.get('applications', 'argo', NS)!;
  out.application = strip(app);
  return out;
}

async function webCoreStore(): Promise<SandboxStore> {
  const store = new SandboxStore();
  await applyScenario(store, loadScenario('web-core'));
  return store;
}

describe('okteto up/down simulation', () => {
  it('writes what Okteto writes on up', async () => {
    const store = await webCoreStore();
    const before = store.get('deployments', NS, DEPLOY)!;
    const r = await oktetoUp(store, {
      devName: 'corp',
      namespace: NS,
      workload: DEPLOY,
      user: 'dave',
      image: 'ghcr.io/neograiph/web-core/dev:node22-pnpm',
      mode: 'hybrid',
    });
    const orig = store.get('deployments', NS, DEPLOY)!;
    expect(orig.metadata.labels?.['dev.okteto.com']).toBe('true');
    expect(orig.metadata.annotations).toMatchObject({
      'dev.okteto.com/replicas': '1',
      'dev.okteto.com/dev-mode': 'hybrid',
      'dev.okteto.com/sync': expect.stringMatching(/^[0-9a-f]{128}$/),
      'dev.okteto.com/stignore': expect.stringMatching(/^[0-9a-f]{128}$/),
    });
    expect((orig.spec as { replicas: number }).replicas).toBe(0);

    const clone = store.get('deployments', NS, `${DEPLOY}-okteto`)!;
    expect(clone.metadata.labels).toMatchObject({
      ...before.metadata.labels,
      'dev.okteto.com/clone': before.metadata.uid,
    });
    expect(clone.metadata.annotations).toMatchObject({
      'argocd.argoproj.io/tracking-id':
        before.metadata.annotations!['argocd.argoproj.io/tracking-id'],
      'dev.okteto.com/dev-mode': 'hybrid',
    });
    const spec = clone.spec as {
      replicas: number;
      strategy: { type: string };
      template: {
        metadata: { labels: Record<string, string> };
        spec: {
          containers: Array<{
            image: string;
            command: string[];
            env: Array<{ name: string; value: string }>;
          }>;
          initContainers: Array<{ name: string; image: string }>;
        };
      };
    };
    expect(spec.replicas).toBe(1);
    expect(spec.strategy).toEqual({ type: 'Recreate' });
    expect(spec.template.metadata.labels['interactive.dev.okteto.com']).toBe(
      'corp',
    );
    const dev = spec.template.spec.containers[0];
    expect(dev.image).toBe('ghcr.io/neograiph/web-core/dev:node22-pnpm');
    expect(dev.command).toEqual(['/var/okteto/bin/start.sh']);
    expect(dev.env).toEqual(
      expect.arrayContaining([
        { name: 'OKTETO_NAMESPACE', value: NS },
        { name: 'OKTETO_NAME', value: 'corp' },
        { name: 'OKTETO_USERNAME', value: 'dave' },
      ]),
    );
    expect(spec.template.spec.initContainers[0]).toMatchObject({
      name: 'okteto-bin',
      image: expect.stringMatching(/^okteto\/bin:1\./),
    });

    expect(r.secret.metadata).toMatchObject({
      name: 'okteto-corp',
      labels: { 'dev.okteto.com': 'true' },
    });
    expect(r.secret.type).toBe('Opaque');
    expect(
      store.get('persistentvolumeclaims', NS, 'corp-okteto')?.status,
    ).toMatchObject({ phase: 'Bound' });
    expect(store.list('pods', NS).map(p => p.metadata.name)).toEqual([
      expect.stringMatching(new RegExp(`^${DEPLOY}-okteto-`)),
    ]);
    const app = store.get('applications', 'argo', NS)!;
    expect((app.status as { sync: { status: string } }).sync.status).toBe(
      'OutOfSync',
    );
  });

  it('round-trips: down(up(state)) equals the original except the kept PVC', async () => {
    const store = await webCoreStore();
    const before = snapshot(store);
    const opts = {
      devName: 'corp',
      namespace: NS,
      workload: DEPLOY,
      user: 'dave',
    };
    await oktetoUp(store, opts);
    expect(snapshot(store)).not.toEqual(before);
    const down = await oktetoDown(store, opts);
    expect(down).toMatchObject({ deletedClone: true, deletedSecret: true });
    const after = snapshot(store);
    expect(after['PersistentVolumeClaim/corp-okteto']).toBeDefined();
    delete after['PersistentVolumeClaim/corp-okteto'];
    expect(after).toEqual(before);
  });

  it('mimics Argo CD self-heal: both the original and the clone run', async () => {
    const store = await webCoreStore();
    store.patch('applications', 'argo', NS, {
      spec: { syncPolicy: { automated: { selfHeal: true } } },
    });
    await oktetoUp(store, { devName: 'corp', namespace: NS, workload: DEPLOY });
    const orig = store.get('deployments', NS, DEPLOY)!;
    expect((orig.spec as { replicas: number }).replicas).toBe(1);
    expect(orig.metadata.labels?.['dev.okteto.com']).toBe('true');
    expect(store.list('pods', NS)).toHaveLength(2);
  });

  it('selects the target by dev name or selector and skips Argo when absent', async () => {
    const store = new SandboxStore();
    store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
    store.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'n', labels: { app: 'api' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'c', image: 'i' }] },
        },
      },
    });
    await oktetoUp(store, { devName: 'api', namespace: 'n' });
    expect(
      store.get('deployments', 'n', 'api')!.metadata.annotations?.[
        'dev.okteto.com/replicas'
      ],
    ).toBe('2');
    // Selector matching excludes the clone (which carries the same labels).
    await oktetoDown(store, {
      devName: 'dev',
      namespace: 'n',
      selector: { app: 'api' },
    });
    expect(
      (store.get('deployments', 'n', 'api')!.spec as { replicas: number })
        .replicas,
    ).toBe(2);
    await expect(
      oktetoUp(store, { devName: 'missing', namespace: 'n' }),
    ).rejects.toThrow(/not found/);
  });

  it('runs over HTTP against a running sandbox (CLI up/down)', async () => {
    const sb = await startSandbox({ scenario: 'web-core' });
    const lines: string[] = [];
    try {
      sb.counters.reset();
      const args = [
        '--namespace',
        NS,
        '--workload',
        DEPLOY,
        '--kubeconfig',
        sb.kubeconfigPath,
      ];
      expect(
        await main(['up', 'corp', '--user', 'erin', ...args], l =>
          lines.push(l),
        ),
      ).toBe(0);
      expect(sb.store.get('deployments', NS, `${DEPLOY}-okteto`)).toBeDefined();
      expect(sb.requests.every(r => r.path.startsWith('/api'))).toBe(true);
      expect(
        sb.counters.count({
          method: 'POST',
          resource: 'deployments',
          status: 201,
        }),
      ).toBe(1);
      expect(await main(['down', 'corp', ...args], l => lines.push(l))).toBe(0);
      expect(
        sb.store.get('deployments', NS, `${DEPLOY}-okteto`),
      ).toBeUndefined();
      expect(
        (sb.store.get('deployments', NS, DEPLOY)!.spec as { replicas: number })
          .replicas,
      ).toBe(1);
      expect(lines.join('\n')).toContain('clone deleted');
    } finally {
      await sb.close();
    }
  });
});
