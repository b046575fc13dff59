import {
  appObjects,
  AppConventions,
  AppSpec,
  ClusterAccess,
  httpOps,
  KubeObject,
  KubeOps,
  namesOf,
  oktetoUp,
  WEB_CORE_CONVENTIONS,
} from '@okteto-dev/kube-sandbox';
import { STATE_LABEL } from '@okteto-dev/real-cluster';

/*
 * The states the card explains, as objects applied through the Kubernetes API — the same
 * requests to the real cluster (packages/real-cluster) and to the kube-sandbox:
 * - the web-core chart's objects (the sandbox's generator, `appObjects`: Namespace, Deployment
 *   `<release>-web-app` with container `app` and the chart's labels, Service, env Secret, the
 *   dev Application with the status Argo CD left), named with a suffix of the test run so that
 *   tests on one shared cluster never meet;
 * - pod states through the real cluster's kwok label (`real-cluster.okteto-dev/state`), which the
 *   sandbox reads too; a missing env Secret through the kubelet's own check on both;
 * - dev mode through the writes `okteto up` makes, in its order (the sandbox's `oktetoUp`, after
 *   okteto cmd/up/activate.go, devdeployer.go and pkg/k8s/apps/translate.go; what the real CLI
 *   leaves is in packages/real-cluster/src/okteto/okteto.test.ts);
 * - what Argo CD shows, written into the Application (no Argo CD runs here; its writes on the
 *   real cluster are the next issue's).
 */

/** One app's state: how its objects are made. */
export interface AppState {
  /** The app key; names are `web-<app>-<suffix>`. */
  app: string;
  /** What the card should say, for test names. */
  title: string;
  /** The kwok state of the app's pods (a label on the pod template). */
  podState?:
    | 'crash-loop'
    | 'err-image-pull'
    | 'image-pull-backoff'
    | 'create-container-config-error'
    | 'container-creating'
    | 'not-ready';
  /** Options of the chart's objects (envSecret: false, restricted, …). */
  spec?: Partial<AppSpec>;
  /** `okteto up`, with what it is given; `stopAfter: 'clone'` interrupts it. */
  okteto?: {
    user?: string;
    stopAfter?: 'clone';
    /** The dev volume: off, or in a storage class without provisioner. */
    storageClass?: string;
  };
  /** After okteto up: the original scaled back up (self-heal), or the clone deleted (prune). */
  after?: 'scale-original-up' | 'delete-clone';
  /** What Argo CD shows of it. */
  argo?: {
    sync: 'Synced' | 'OutOfSync';
    health: 'Healthy' | 'Progressing' | 'Degraded' | 'Missing';
    /** Kinds Argo CD lists OutOfSync. */
    outOfSync?: string[];
  };
}

/** Every state of the card that the tests make on both sides. */
export const STATES: AppState[] = [
  {
    app: 'healthy',
    title: 'healthy, dev mode off',
    argo: { sync: 'Synced', health: 'Healthy' },
  },
  {
    app: 'notready',
    title: 'running but not ready',
    podState: 'not-ready',
    argo: { sync: 'Synced', health: 'Progressing' },
  },
  {
    app: 'crash',
    title: 'crash loop',
    podState: 'crash-loop',
    argo: { sync: 'Synced', health: 'Degraded' },
  },
  {
    app: 'pull',
    title: 'image pull error',
    podState: 'err-image-pull',
    argo: { sync: 'Synced', health: 'Progressing' },
  },
  {
    app: 'backoff',
    title: 'image pull back-off',
    podState: 'image-pull-backoff',
    argo: { sync: 'Synced', health: 'Progressing' },
  },
  {
    app: 'creating',
    title: 'container creating',
    podState: 'container-creating',
    argo: { sync: 'Synced', health: 'Progressing' },
  },
  {
    app: 'nosecret',
    title: 'missing env Secret (CreateContainerConfigError)',
    spec: { envSecret: false },
    argo: { sync: 'Synced', health: 'Progressing' },
  },
  {
    app: 'noapp',
    title: 'no Argo CD Application',
    spec: { application: false },
  },
  {
    app: 'devon',
    title: 'dev mode on',
    okteto: { user: 'bob' },
    argo: { sync: 'OutOfSync', health: 'Healthy', outOfSync: ['Deployment'] },
  },
  {
    app: 'devcrash',
    title: 'dev mode on, the dev container crash-looping',
    podState: 'crash-loop',
    okteto: {},
    argo: { sync: 'OutOfSync', health: 'Degraded', outOfSync: ['Deployment'] },
  },
  {
    app: 'conflict',
    title: 'conflict: the original scaled back up next to the clone',
    spec: { selfHeal: true },
    okteto: { user: 'carol' },
    after: 'scale-original-up',
    argo: { sync: 'Synced', health: 'Healthy' },
  },
  {
    app: 'interrupted',
    title: 'interrupted okteto up: the clone next to the unlabelled original',
    okteto: { stopAfter: 'clone' },
    argo: { sync: 'Synced', health: 'Healthy' },
  },
  {
    app: 'pruned',
    title: 'dev mode broken: the clone pruned under label tracking',
    spec: { trackingMethod: 'label', ignoreReplicas: true },
    okteto: {},
    after: 'delete-clone',
    argo: { sync: 'Synced', health: 'Healthy' },
  },
  {
    app: 'psa',
    title: 'dev mode broken: Pod Security refuses the dev clone',
    spec: {
      namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
      restricted: true,
    },
    okteto: {},
    argo: {
      sync: 'OutOfSync',
      health: 'Progressing',
      outOfSync: ['Deployment'],
    },
  },
  {
    app: 'pvc',
    title: 'dev mode broken: the dev volume Pending, the dev pod unschedulable',
    okteto: { storageClass: 'fast-ssd' },
    argo: {
      sync: 'OutOfSync',
      health: 'Progressing',
      outOfSync: ['Deployment'],
    },
  },
];

/** web-core's conventions with every name suffixed: `web-<app>-<suffix>` in `argo-<suffix>`. */
export function suffixedConventions(suffix: string): AppConventions {
  return {
    ...WEB_CORE_CONVENTIONS,
    id: `web-core-${suffix}`,
    argo: { ...WEB_CORE_CONVENTIONS.argo, namespace: `argo-${suffix}` },
    names: { ...WEB_CORE_CONVENTIONS.names, namespace: `web-{slug}-${suffix}` },
  };
}

/** `oktetoDev.conventions` for the same names. */
export function oktetoDevConventions(suffix: string) {
  return {
    namespace: `web-{app}-${suffix}`,
    applicationName: `web-{app}-${suffix}`,
    applicationNamespace: `argo-${suffix}`,
  };
}

/** Strips what a client never sends on a create (the generator writes ids and times). */
function forCreate(o: KubeObject): KubeObject {
  const {
    uid: _u,
    resourceVersion: _r,
    creationTimestamp: _c,
    ...meta
  } = o.metadata;
  // no Argo CD runs here to remove its finalizer: the Application could never be deleted
  delete meta.finalizers;
  return { ...o, metadata: meta };
}

/** The chart's objects of one app, with its Application's status as the state says. */
export function objectsOf(c: AppConventions, state: AppState): KubeObject[] {
  const objects = appObjects(c, { app: state.app, ...state.spec });
  return objects.map(raw => {
    const o = forCreate(raw);
    if (o.kind === 'Deployment' && state.podState) {
      const spec = o.spec as any;
      spec.template.metadata.labels = {
        ...spec.template.metadata.labels,
        [STATE_LABEL]: state.podState,
      };
    }
    if (o.kind === 'Application' && state.argo) {
      const status = o.status as any;
      status.sync.status = state.argo.sync;
      status.health.status = state.argo.health;
      status.resources = (status.resources as any[]).map(r => ({
        ...r,
        status: state.argo!.outOfSync?.includes(r.kind)
          ? 'OutOfSync'
          : 'Synced',
        ...(r.kind === 'Deployment'
          ? { health: { status: state.argo!.health } }
          : {}),
      }));
    }
    return o;
  });
}

/** The kinds of web-core's chart in helm's InstallOrder; others (the Application) after. */
const HELM_INSTALL_ORDER = [
  'Namespace',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Service',
  'Deployment',
  'StatefulSet',
];

/** The API calls a state takes on one side (a ClusterAccess: the real cluster or the sandbox). */
export async function applyState(
  access: ClusterAccess,
  c: AppConventions,
  state: AppState,
): Promise<void> {
  const ops = httpOps(access);
  // Argo CD's namespace, where the Applications live
  await createOrKeep(ops, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: c.argo.namespace },
  });
  // in helm's install order (helm pkg/release/v1/util/kind_sorter.go InstallOrder): the env
  // Secret exists before the Deployment's pods, as after `helm install` (the sandbox settles at
  // once, so a pod made first would record the kubelet's Failed event for the missing Secret)
  const order = (kind: string) => {
    const i = HELM_INSTALL_ORDER.indexOf(kind);
    return i < 0 ? HELM_INSTALL_ORDER.length : i;
  };
  const objects = objectsOf(c, state).sort(
    (a, b) => order(a.kind) - order(b.kind),
  );
  for (const o of objects) {
    await createOrKeep(ops, o);
  }
}

async function createOrKeep(ops: KubeOps, o: KubeObject): Promise<void> {
  try {
    await ops.create(o);
  } catch (e) {
    if (!/already exists|AlreadyExists|409/.test(String(e))) throw e;
  }
}

/** Dev mode as okteto up (and what follows it) leaves it, on one side. */
export async function applyDevMode(
  access: ClusterAccess,
  c: AppConventions,
  state: AppState,
): Promise<void> {
  if (!state.okteto) return;
  const n = namesOf(c, state.app);
  const ops = httpOps(access);
  const selector = {
    'app.kubernetes.io/name': 'web-app',
    'app.kubernetes.io/instance': n.application,
  };
  await oktetoUp(ops, {
    devName: n.application,
    namespace: n.namespace,
    selector,
    container: 'app',
    manifestName: 'web-core',
    workdir: `/app/apps/${state.app}`,
    sync: ['/app'],
    ...(state.okteto.user ? { user: state.okteto.user } : {}),
    ...(state.okteto.stopAfter ? { stopAfter: state.okteto.stopAfter } : {}),
    persistentVolume: state.okteto.storageClass
      ? { enabled: true, storageClass: state.okteto.storageClass }
      : { enabled: false },
  });
  if (state.after === 'scale-original-up') {
    await ops.patch('deployments', n.namespace, n.deployment, {
      spec: { replicas: 1 },
    });
  }
  if (state.after === 'delete-clone') {
    await ops.delete('deployments', n.namespace, `${n.deployment}-okteto`);
  }
}
