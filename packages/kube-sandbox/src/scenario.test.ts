import {
  applyScenario,
  generateWebCoreApps,
  KubeObject,
  loadScenario,
  SandboxStore,
} from './index';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const spec = (o: KubeObject | undefined) => o!.spec as Any;
const status = (o: KubeObject | undefined) => o!.status as Any;

describe('web-core scenario', () => {
  let store: SandboxStore;
  const deploy = (ns: string, name = `${ns}-web-app`) =>
    store.get('deployments', ns, name);
  const app = (name: string) => store.get('applications', 'argo', name);
  const pods = (ns: string) => store.list('pods', ns);

  beforeAll(async () => {
    store = new SandboxStore();
    await applyScenario(store, loadScenario('web-core'));
  });

  it('loads its options from scenario.yaml', () => {
    const { options } = loadScenario('web-core');
    expect(options.forbid?.namespaces).toEqual(['web-secret-dev']);
    expect(options.okteto?.map(s => s.devName)).toEqual([
      'web-synestra-io-dev',
      'web-shop-dev',
      'web-payload-dev',
    ]);
  });

  it('has the Argo CD Applications with web-core conventions', () => {
    const names = store.list('applications', 'argo').map(a => a.metadata.name);
    expect(names).toEqual([
      'web-corporate-dev',
      'web-landings-dev',
      'web-payload-dev',
      'web-secret-dev',
      'web-shop-dev',
      'web-synestra-io-dev',
    ]);
    const a = app('web-corporate-dev');
    expect(spec(a)).toMatchObject({
      project: 'synestra-web',
      source: {
        repoURL: 'https://github.com/NeoGrAIph/web-core.git',
        targetRevision: 'main',
        path: 'deploy/charts/web-app',
        helm: {
          valueFiles: [
            '../../env/release-dev/corporate.yaml',
            '../../env/dev/corporate.yaml',
          ],
        },
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'web-corporate-dev',
      },
      syncPolicy: { automated: { prune: true, selfHeal: false } },
    });
    expect(status(a).sync.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(status(a).operationState.phase).toBe('Succeeded');
  });

  it('corporate: Synced + Healthy, dev mode off', () => {
    const d = deploy('web-corporate-dev')!;
    expect(d.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'web-app',
      'app.kubernetes.io/instance': 'web-corporate-dev',
      'app.kubernetes.io/managed-by': 'Helm',
      'app.kubernetes.io/part-of': 'web-core',
    });
    expect(d.metadata.labels?.['dev.okteto.com']).toBeUndefined();
    expect(d.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe(
      'web-corporate-dev:apps/Deployment:web-corporate-dev/web-corporate-dev-web-app',
    );
    const c = spec(d).template.spec.containers[0];
    expect(c.image).toMatch(
      /^ghcr\.io\/neograiph\/web-core\/corporate:[0-9a-f]{7}$/,
    );
    expect(c.envFrom).toEqual([
      { secretRef: { name: 'web-corporate-dev-env' } },
    ]);
    expect(status(d)).toMatchObject({
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    });
    expect(status(app('web-corporate-dev'))).toMatchObject({
      sync: { status: 'Synced' },
      health: { status: 'Healthy' },
    });
    expect(pods('web-corporate-dev')).toHaveLength(1);
    expect(
      store.get('services', 'web-corporate-dev', 'web-corporate-dev-web-app'),
    ).toBeDefined();
    expect(store.list('replicasets', 'web-corporate-dev')).toHaveLength(1);
  });

  it('synestra-io: dev mode ON (alice), OutOfSync, only the clone runs', () => {
    const d = deploy('web-synestra-io-dev')!;
    expect(d.metadata.labels?.['dev.okteto.com']).toBe('true');
    expect(spec(d).replicas).toBe(0);
    const clone = deploy(
      'web-synestra-io-dev',
      'web-synestra-io-dev-web-app-okteto',
    )!;
    expect(clone.metadata.labels?.['dev.okteto.com/clone']).toBe(
      d.metadata.uid,
    );
    const c = spec(clone).template.spec.containers[0];
    expect(c.image).toBe('ghcr.io/neograiph/web-core/dev:node22-pnpm');
    expect(c.env).toContainEqual({ name: 'OKTETO_USERNAME', value: 'alice' });
    expect(
      store.get('secrets', 'web-synestra-io-dev', 'okteto-web-synestra-io-dev'),
    ).toBeDefined();
    expect(
      store.get(
        'persistentvolumeclaims',
        'web-synestra-io-dev',
        'web-synestra-io-dev-okteto',
      ),
    ).toBeDefined();
    expect(status(app('web-synestra-io-dev'))).toMatchObject({
      sync: { status: 'OutOfSync' },
      health: { status: 'Healthy' },
    });
    const running = pods('web-synestra-io-dev');
    expect(running).toHaveLength(1);
    expect(running[0].metadata.labels?.['interactive.dev.okteto.com']).toBe(
      'web-synestra-io-dev',
    );
  });

  it('shop: dev mode ON with selfHeal, both pods running', () => {
    const d = deploy('web-shop-dev')!;
    expect(spec(app('web-shop-dev')).syncPolicy.automated.selfHeal).toBe(true);
    expect(spec(d).replicas).toBe(1);
    expect(d.metadata.labels?.['dev.okteto.com']).toBe('true');
    expect(d.metadata.annotations?.['dev.okteto.com/replicas']).toBe('1');
    expect(status(app('web-shop-dev')).sync.status).toBe('OutOfSync');
    const clone = deploy('web-shop-dev', 'web-shop-dev-web-app-okteto')!;
    expect(spec(clone).template.spec.containers[0].env).toContainEqual({
      name: 'OKTETO_USERNAME',
      value: 'bob',
    });
    const names = pods('web-shop-dev').map(p => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(
      names.filter(n => n.startsWith('web-shop-dev-web-app-okteto-')),
    ).toHaveLength(1);
  });

  it('landings: Degraded, crash-looping pod, readyReplicas 0', () => {
    expect(status(app('web-landings-dev'))).toMatchObject({
      sync: { status: 'Synced' },
      health: {
        status: 'Degraded',
        message:
          'Deployment "web-landings-dev-web-app" exceeded its progress deadline',
      },
    });
    const d = deploy('web-landings-dev')!;
    expect(status(d).readyReplicas).toBe(0);
    const [p] = pods('web-landings-dev');
    const cs = status(p).containerStatuses[0];
    expect(status(p).phase).toBe('Running');
    expect(cs.ready).toBe(false);
    expect(cs.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(cs.restartCount).toBeGreaterThan(5);
  });

  it('saas: no Application and no env Secret', () => {
    expect(deploy('web-saas-dev')).toBeDefined();
    expect(status(deploy('web-saas-dev')).readyReplicas).toBe(1);
    expect(app('web-saas-dev')).toBeUndefined();
    expect(
      store.get('secrets', 'web-saas-dev', 'web-saas-dev-env'),
    ).toBeUndefined();
    expect(
      spec(deploy('web-saas-dev')).template.spec.containers[0].envFrom,
    ).toEqual([{ secretRef: { name: 'web-saas-dev-env' } }]);
  });

  it('payload-core: irregular names, interrupted session (no clone)', () => {
    const d = deploy('web-payload-dev')!;
    expect(d.metadata.labels?.['app.kubernetes.io/instance']).toBe(
      'web-payload-dev',
    );
    expect(d.metadata.labels?.['dev.okteto.com']).toBe('true');
    expect(d.metadata.annotations?.['dev.okteto.com/replicas']).toBe('1');
    expect(spec(d).replicas).toBe(0);
    expect(
      deploy('web-payload-dev', 'web-payload-dev-web-app-okteto'),
    ).toBeUndefined();
    expect(pods('web-payload-dev')).toHaveLength(0);
    expect(status(app('web-payload-dev'))).toMatchObject({
      sync: { status: 'OutOfSync' },
      health: { status: 'Healthy' },
    });
  });

  it('secret: Application in argo, Deployment in the (forbidden) namespace', () => {
    expect(app('web-secret-dev')).toBeDefined();
    expect(deploy('web-secret-dev')).toBeDefined();
  });
});

describe('generateWebCoreApps', () => {
  it('generates consistent objects the controller adopts', () => {
    const objs = generateWebCoreApps(3);
    const kinds = objs.map(o => o.kind);
    expect(kinds.filter(k => k === 'Namespace')).toHaveLength(4); // argo + 3
    for (const k of [
      'Application',
      'Deployment',
      'ReplicaSet',
      'Pod',
      'Secret',
    ]) {
      expect(kinds.filter(x => x === k)).toHaveLength(3);
    }
    const store = new SandboxStore();
    return applyScenario(store, {
      name: 'gen',
      objects: objs,
      options: {},
    }).then(() => {
      expect(store.list('pods')).toHaveLength(3);
      expect(store.list('replicasets')).toHaveLength(3);
      expect(
        (
          store.get(
            'deployments',
            'web-app-0002-dev',
            'web-app-0002-dev-web-app',
          )!.status as Any
        ).readyReplicas,
      ).toBe(1);
    });
  });
});
