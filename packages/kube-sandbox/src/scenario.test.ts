import { Any, specOf, statusOf, webCoreStore } from './__testUtils__';
import { createStore } from './createStore';
import {
  applyScenario,
  generateWebCoreApps,
  loadScenario,
  parseAge,
} from './index';
import type { SandboxStore } from './store';

/*
 * Every app of the web-core scenario in the state the okteto-dev card must
 * see. Dev-mode states come from the okteto up simulation (okteto
 * cmd/up/devdeployer.go order) and the Argo CD simulation
 * (argo-cd controller/appcontroller.go, state.go), run at load.
 */

describe('web-core scenario', () => {
  let store: SandboxStore;
  const deploy = (ns: string, suffix = '') =>
    store.get('deployments', ns, `${ns}-web-app${suffix}`);
  const clone = (ns: string) => deploy(ns, '-okteto');
  const app = (name: string) =>
    statusOf(store.get('applications', 'argo', name));
  const pods = (ns: string) => store.list('pods', ns);
  const devEnv = (ns: string) =>
    Object.fromEntries(
      specOf(clone(ns)).template.spec.containers[0].env.map((e: Any) => [
        e.name,
        e.value,
      ]),
    );
  const outOfSync = (name: string) =>
    app(name)
      .resources.filter((r: Any) => r.status === 'OutOfSync')
      .map((r: Any) => `${r.kind}/${r.name}${r.requiresPruning ? '!' : ''}`);
  const devModeOn = (ns: string) =>
    deploy(ns)!.metadata.labels?.['dev.okteto.com'] === 'true';

  beforeAll(async () => {
    ({ store } = await webCoreStore());
  });

  it('loads its options from scenario.yaml', () => {
    const { options } = loadScenario('web-core');
    expect(options.forbid?.namespaces).toEqual(['web-secret-dev']);
    expect(options.okteto?.map(s => s.devName)).toEqual([
      'web-synestra-io-dev',
      'web-shop-dev',
      'web-payload-dev',
      'web-blog-dev',
      'web-docs-dev',
      'web-admin-dev',
      'web-portal-dev',
      'web-studio-dev',
    ]);
    expect(options.argocd?.clock).toBe('2025-06-02T09:45:00Z');
  });

  it('has the Argo CD Applications with web-core conventions', () => {
    const names = store.list('applications', 'argo').map(a => a.metadata.name);
    expect(names).toEqual(
      [
        'corporate',
        'synestra-io',
        'shop',
        'landings',
        'payload',
        'secret',
        'blog',
        'docs',
        'admin',
        'portal',
        'studio',
      ]
        .map(s => `web-${s}-dev`)
        .sort(),
    );
    const a = store.get('applications', 'argo', 'web-corporate-dev')!;
    expect(specOf(a)).toMatchObject({
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
      syncPolicy: {
        automated: { prune: true, selfHeal: false },
        syncOptions: ['CreateNamespace=true'],
      },
    });
    expect(statusOf(a).sync.revision).toMatch(/^[0-9a-f]{40}$/);
    // Argo CD 3.x: no per-resource health in the CR
    for (const n of names) {
      expect(app(n).resources.some((r: Any) => 'health' in r)).toBe(false);
      expect(app(n).reconciledAt).toBe('2025-06-02T09:45:00Z');
    }
  });

  it('corporate: dev mode off, Synced, Healthy', () => {
    const ns = 'web-corporate-dev';
    const d = deploy(ns)!;
    expect(devModeOn(ns)).toBe(false);
    expect(d.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe(
      'web-corporate-dev:apps/Deployment:web-corporate-dev/web-corporate-dev-web-app',
    );
    expect(specOf(d).template.spec.containers[0].image).toMatch(
      /^ghcr\.io\/neograiph\/web-core\/corporate:[0-9a-f]{7}$/,
    );
    expect(statusOf(d)).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(app(ns)).toMatchObject({
      sync: { status: 'Synced' },
      health: { status: 'Healthy' },
      operationState: { phase: 'Succeeded' },
    });
    expect(pods(ns)).toHaveLength(1);
  });

  it('synestra-io: dev mode on, no OKTETO_USERNAME, selfHeal: false without ignoreDifferences, only the Deployment OutOfSync', () => {
    const ns = 'web-synestra-io-dev';
    expect(devModeOn(ns)).toBe(true);
    expect(specOf(deploy(ns)).replicas).toBe(0);
    expect(clone(ns)!.metadata.labels?.['dev.okteto.com/clone']).toBe(
      deploy(ns)!.metadata.uid,
    );
    expect(devEnv(ns)).toMatchObject({ OKTETO_NAME: ns });
    expect(devEnv(ns).OKTETO_USERNAME).toBeUndefined();
    const spec = specOf(store.get('applications', 'argo', ns));
    expect(spec.syncPolicy).toEqual({
      automated: { prune: true, selfHeal: false },
    });
    expect(spec.ignoreDifferences).toBeUndefined();
    expect(app(ns).sync.status).toBe('OutOfSync');
    expect(outOfSync(ns)).toEqual([`Deployment/${ns}-web-app`]);
    expect(app(ns).health.status).toBe('Healthy');
    const running = pods(ns);
    expect(running).toHaveLength(1);
    expect(running[0].metadata.labels?.['interactive.dev.okteto.com']).toBe(ns);
  });

  it('shop: selfHeal brought the original back: both pods serve, Synced, user bob', () => {
    const ns = 'web-shop-dev';
    expect(devModeOn(ns)).toBe(true);
    expect(deploy(ns)!.metadata.annotations?.['dev.okteto.com/replicas']).toBe(
      '1',
    );
    expect(specOf(deploy(ns)).replicas).toBe(1);
    expect(devEnv(ns).OKTETO_USERNAME).toBe('bob');
    expect(pods(ns)).toHaveLength(2);
    expect(app(ns).sync.status).toBe('Synced');
  });

  it('landings: dev mode off, CrashLoopBackOff, Degraded; ApplicationSet-owned; last operation Failed', () => {
    const ns = 'web-landings-dev';
    expect(devModeOn(ns)).toBe(false);
    expect(statusOf(deploy(ns)).readyReplicas).toBe(0);
    const cs = statusOf(pods(ns)[0]).containerStatuses[0];
    expect(cs.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(cs.restartCount).toBeGreaterThan(5);
    expect(app(ns).health.status).toBe('Degraded');
    expect(app(ns).operationState.phase).toBe('Failed');
    expect(
      store.get('applications', 'argo', ns)!.metadata.ownerReferences?.[0],
    ).toMatchObject({
      kind: 'ApplicationSet',
      name: 'web-core-dev',
      controller: true,
    });
  });

  it('saas: no Application and no env Secret, so its container cannot start (CreateContainerConfigError)', () => {
    const ns = 'web-saas-dev';
    expect(statusOf(deploy(ns)).readyReplicas).toBe(0);
    const [pod] = store.list('pods', ns);
    expect(statusOf(pod).phase).toBe('Pending');
    expect((statusOf(pod).containerStatuses as Any[])[0].state.waiting).toEqual(
      {
        reason: 'CreateContainerConfigError',
        message: `secret "${ns}-env" not found`,
      },
    );
    expect(store.get('applications', 'argo', ns)).toBeUndefined();
    expect(store.get('secrets', ns, `${ns}-env`)).toBeUndefined();
    expect(specOf(deploy(ns)).template.spec.containers[0].envFrom).toEqual([
      { secretRef: { name: `${ns}-env` } },
    ]);
  });

  it('payload-core: label tracking; Argo CD auto-prune deleted the clone: labelled original at 0, no clone', () => {
    const ns = 'web-payload-dev';
    const a = store.get('applications', 'argo', ns)!;
    expect(a.metadata.annotations?.['sandbox.okteto-dev/tracking-method']).toBe(
      'label',
    );
    expect(devModeOn(ns)).toBe(true);
    expect(deploy(ns)!.metadata.annotations?.['dev.okteto.com/replicas']).toBe(
      '1',
    );
    expect(specOf(deploy(ns)).replicas).toBe(0);
    expect(clone(ns)).toBeUndefined();
    expect(pods(ns)).toHaveLength(0);
    expect(store.get('secrets', ns, `okteto-${ns}`)).toBeDefined();
    expect(app(ns).history).toHaveLength(2);
    expect(app(ns).operationState.syncResult.resources).toContainEqual(
      expect.objectContaining({
        name: `${ns}-web-app-okteto`,
        status: 'Pruned',
      }),
    );
  });

  it('blog: Pod Security "restricted" refuses the root-running clone: ReplicaFailure/FailedCreate, no pod', () => {
    const ns = 'web-blog-dev';
    expect(
      store.get('namespaces', ns)!.metadata.labels?.[
        'pod-security.kubernetes.io/enforce'
      ],
    ).toBe('restricted');
    expect(devModeOn(ns)).toBe(true);
    expect(specOf(deploy(ns)).replicas).toBe(0);
    const failure = statusOf(clone(ns)).conditions.find(
      (c: Any) => c.type === 'ReplicaFailure',
    );
    expect(failure).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(failure.message).toMatch(
      /^pods "web-blog-dev-web-app-okteto-[a-z0-9]+-[a-z0-9]{5}" is forbidden: violates PodSecurity "restricted:latest": .*runAsNonRoot != true .*runAsUser=0 \(containers "okteto-bin", "okteto-init-volume", "app" must not set runAsUser=0\)/,
    );
    const rs = store
      .list('replicasets', ns)
      .find(r => r.metadata.name.startsWith(`${ns}-web-app-okteto-`))!;
    expect(statusOf(rs).conditions[0]).toMatchObject({
      type: 'ReplicaFailure',
    });
    expect(pods(ns)).toHaveLength(0);
  });

  it('docs: the dev volume stays Pending, the dev pod is Unschedulable', () => {
    const ns = 'web-docs-dev';
    const pvc = store.get('persistentvolumeclaims', ns, `${ns}-okteto`)!;
    expect(specOf(pvc).storageClassName).toBe('fast-ssd');
    expect(statusOf(pvc).phase).toBe('Pending');
    const [pod] = pods(ns);
    expect(statusOf(pod)).toMatchObject({
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: expect.stringMatching(
            /^0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\./,
          ),
        },
      ],
    });
    expect(statusOf(pod).initContainerStatuses).toBeUndefined();
    expect(devEnv(ns).OKTETO_USERNAME).toBe('erin');
  });

  it('admin: dev mode on for two days (user dave), dev pod Running and ready', () => {
    const ns = 'web-admin-dev';
    const age = Date.now() - Date.parse(clone(ns)!.metadata.creationTimestamp!);
    expect(age).toBeGreaterThan(47 * 3600_000);
    expect(age).toBeLessThan(49 * 3600_000);
    expect(devEnv(ns).OKTETO_USERNAME).toBe('dave');
    const [pod] = pods(ns);
    expect(statusOf(pod).phase).toBe('Running');
    expect(statusOf(pod).conditions).toContainEqual(
      expect.objectContaining({ type: 'Ready', status: 'True' }),
    );
  });

  it('portal: dev mode on and its ConfigMap drifted: both OutOfSync', () => {
    const ns = 'web-portal-dev';
    expect(devModeOn(ns)).toBe(true);
    expect(outOfSync(ns)).toEqual([
      `ConfigMap/${ns}-config`,
      `Deployment/${ns}-web-app`,
    ]);
  });

  it('studio: interrupted okteto up: the clone next to the unlabelled original at full replicas', () => {
    const ns = 'web-studio-dev';
    expect(devModeOn(ns)).toBe(false);
    expect(specOf(deploy(ns)).replicas).toBe(1);
    expect(clone(ns)).toBeDefined();
    expect(pods(ns)).toHaveLength(2);
    expect(app(ns).sync.status).toBe('Synced');
  });

  it('secret: Application in argo, Deployment in the (forbidden) namespace', () => {
    expect(store.get('applications', 'argo', 'web-secret-dev')).toBeDefined();
    expect(deploy('web-secret-dev')).toBeDefined();
  });
});

describe('scenario options', () => {
  it('parses ages and refuses the removed "interrupted" session option', async () => {
    expect(parseAge('2d')).toBe(172_800_000);
    expect(parseAge('1h30m')).toBe(5_400_000);
    expect(() => parseAge('two days')).toThrow(/not an age/);
    const objects = loadScenario('web-core').objects;
    await expect(
      applyScenario(createStore(), {
        name: 'old',
        objects,
        options: {
          okteto: [
            {
              devName: 'web-corporate-dev',
              namespace: 'web-corporate-dev',
              workload: 'web-corporate-dev-web-app',
              interrupted: true,
            } as never,
          ],
        },
      }),
    ).rejects.toThrow(/stopAfter: clone/);
  });
});

describe('generateWebCoreApps', () => {
  it('generates consistent objects the controller adopts', async () => {
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
    const store = createStore();
    await applyScenario(store, { name: 'gen', objects: objs, options: {} });
    expect(store.list('pods')).toHaveLength(3);
    expect(store.list('replicasets')).toHaveLength(3);
    expect(
      statusOf(
        store.get(
          'deployments',
          'web-app-0002-dev',
          'web-app-0002-dev-web-app',
        ),
      ).readyReplicas,
    ).toBe(1);
    expect(
      statusOf(store.get('applications', 'argo', 'web-app-0002-dev')).sync
        .status,
    ).toBe('Synced');
  });
});
