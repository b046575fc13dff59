import { WEB_CORE } from './webcore';
import { createHash } from 'node:crypto';
import { ApiError } from './errors';
import type { ClusterAccess } from './kubeconfig';
import { httpOps, KubeOps, storeOps } from './ops';
import { deepClone } from './patch';
import { selectorSpecToString } from './selectors';
import { SandboxStore } from './store';
import type { JsonObject, KubeObject } from './types';

export const DEV_LABEL = 'dev.okteto.com';
export const CLONE_LABEL = 'dev.okteto.com/clone';
export const INTERACTIVE_LABEL = 'interactive.dev.okteto.com';
export const REPLICAS_ANNOTATION = 'dev.okteto.com/replicas';
export const DEV_MODE_ANNOTATION = 'dev.okteto.com/dev-mode';
export const SYNC_ANNOTATION = 'dev.okteto.com/sync';
export const STIGNORE_ANNOTATION = 'dev.okteto.com/stignore';
export const OKTETO_BIN_IMAGE = 'okteto/bin:1.6.2';

/** Where the simulation runs: a store, any KubeOps, or an API server. */
export type OktetoTarget = SandboxStore | KubeOps | ClusterAccess;

export interface OktetoUpOptions {
  /** The dev name (`name:` in okteto.yml). */
  devName: string;
  namespace: string;
  /** Deployment to put in dev mode (default: the one named like devName). */
  workload?: string;
  /** Or: labels selecting exactly one Deployment. */
  selector?: Record<string, string>;
  /** Dev container name (default: the first container). */
  container?: string;
  image?: string;
  user?: string;
  mode?: 'sync' | 'hybrid';
  /** Mimic Argo CD's reaction (OutOfSync, self-heal). Default true. */
  argo?: boolean;
  /** Namespace of the Argo CD Applications. Default `argo`. */
  argoNamespace?: string;
}

export type OktetoDownOptions = Pick<
  OktetoUpOptions,
  'devName' | 'namespace' | 'workload' | 'selector' | 'argo' | 'argoNamespace'
>;

export interface OktetoUpResult {
  original: KubeObject;
  clone: KubeObject;
  secret: KubeObject;
  pvc: KubeObject;
  application?: KubeObject;
}

export interface OktetoDownResult {
  original: KubeObject;
  deletedClone: boolean;
  deletedSecret: boolean;
  application?: KubeObject;
}

interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: Array<{ name: string; value?: string; [k: string]: unknown }>;
  volumeMounts?: JsonObject[];
  [key: string]: unknown;
}

interface Deployment extends KubeObject {
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    strategy?: JsonObject;
    template: {
      metadata?: {
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
      };
      spec: {
        containers: Container[];
        initContainers?: Container[];
        volumes?: JsonObject[];
        [key: string]: unknown;
      };
    };
    [key: string]: unknown;
  };
}

function toOps(target: OktetoTarget): KubeOps {
  if (target instanceof SandboxStore) return storeOps(target);
  if ('server' in target && typeof target.server === 'string') {
    return httpOps(target);
  }
  return target as KubeOps;
}

function sha512(s: string): string {
  return createHash('sha512').update(s).digest('hex');
}

function cloneName(name: string): string {
  return `${name}-okteto`;
}

function secretName(devName: string): string {
  return `okteto-${devName}`;
}

export function pvcName(devName: string): string {
  return `${devName}-okteto`;
}

/** Drops an empty map so a round trip leaves no `{}` behind. */
function tidy(
  holder: Record<string, unknown> | undefined,
  key: 'labels' | 'annotations',
) {
  if (!holder) return;
  const v = holder[key] as Record<string, string> | undefined;
  if (v && Object.keys(v).length === 0) delete holder[key];
}

async function findOriginal(
  ops: KubeOps,
  opts: OktetoDownOptions,
): Promise<Deployment> {
  const { namespace } = opts;
  if (opts.selector && !opts.workload) {
    const sel = selectorSpecToString({ matchLabels: opts.selector });
    const found = (await ops.list('deployments', namespace, sel)).filter(
      d => !d.metadata.labels?.[CLONE_LABEL],
    );
    if (found.length !== 1) {
      throw new Error(
        `okteto: ${found.length} deployments match the selector "${sel}" in namespace "${namespace}"; expected exactly one`,
      );
    }
    return found[0] as Deployment;
  }
  const name = opts.workload ?? opts.devName;
  const d = await ops.get('deployments', namespace, name);
  if (!d) {
    throw new Error(
      `okteto: deployment "${name}" not found in namespace "${namespace}"`,
    );
  }
  if (d.metadata.labels?.[CLONE_LABEL]) {
    throw new Error(`okteto: "${name}" is a dev clone, not an original`);
  }
  return d as Deployment;
}

function fakeSyncthingData(devName: string): Record<string, string> {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const id = sha512(`device:${devName}`).slice(0, 56).toUpperCase();
  return {
    'config.xml': b64(
      `<configuration version="37"><device id="${id}" name="local"/><folder id="okteto-1" path="/okteto/src"/></configuration>\n`,
    ),
    'cert.pem': b64(
      `-----BEGIN CERTIFICATE-----\nU0FOREJPWC1GQUtFLUNFUlQ=\n-----END CERTIFICATE-----\n`,
    ),
    'key.pem': b64(
      `-----BEGIN EC PRIVATE KEY-----\nU0FOREJPWC1GQUtFLUtFWQ==\n-----END EC PRIVATE KEY-----\n`,
    ),
  };
}

function buildClone(
  original: Deployment,
  opts: OktetoUpOptions,
  sync: string,
  stignore: string,
): Deployment {
  const mode = opts.mode ?? 'sync';
  const labels = { ...original.metadata.labels };
  delete labels[DEV_LABEL];
  const annotations = { ...original.metadata.annotations };
  for (const k of [
    REPLICAS_ANNOTATION,
    'kubectl.kubernetes.io/last-applied-configuration',
  ]) {
    delete annotations[k];
  }
  const spec = deepClone(original.spec);
  spec.replicas = 1;
  spec.strategy = { type: 'Recreate' };
  const tpl = spec.template;
  tpl.metadata = {
    ...tpl.metadata,
    labels: { ...tpl.metadata?.labels, [INTERACTIVE_LABEL]: opts.devName },
    annotations: {
      ...tpl.metadata?.annotations,
      [SYNC_ANNOTATION]: sync,
      [STIGNORE_ANNOTATION]: stignore,
    },
  };
  const containers = tpl.spec.containers;
  const idx = opts.container
    ? containers.findIndex(c => c.name === opts.container)
    : 0;
  if (idx < 0) {
    throw new Error(
      `okteto: container "${opts.container}" not found in deployment "${original.metadata.name}"`,
    );
  }
  const dev = containers[idx];
  dev.image = opts.image ?? dev.image;
  dev.imagePullPolicy = 'Always';
  dev.command = ['/var/okteto/bin/start.sh'];
  delete dev.args;
  delete dev.readinessProbe;
  delete dev.livenessProbe;
  delete dev.startupProbe;
  const env = (dev.env ?? []).filter(e => !e.name.startsWith('OKTETO_'));
  env.push({ name: 'OKTETO_NAMESPACE', value: opts.namespace });
  env.push({ name: 'OKTETO_NAME', value: opts.devName });
  if (opts.user) env.push({ name: 'OKTETO_USERNAME', value: opts.user });
  dev.env = env;
  dev.volumeMounts = [
    ...(dev.volumeMounts ?? []),
    { name: 'okteto-sync-secret', mountPath: '/var/syncthing/secret/' },
    {
      name: pvcName(opts.devName),
      mountPath: '/var/syncthing',
      subPath: 'syncthing',
    },
    { name: 'okteto-bin', mountPath: '/var/okteto/bin' },
  ];
  tpl.spec.initContainers = [
    {
      name: 'okteto-bin',
      image: OKTETO_BIN_IMAGE,
      command: ['sh', '-c', 'cp /usr/local/bin/* /okteto/bin'],
      volumeMounts: [{ name: 'okteto-bin', mountPath: '/okteto/bin' }],
    },
    ...(tpl.spec.initContainers ?? []),
  ];
  tpl.spec.volumes = [
    ...(tpl.spec.volumes ?? []),
    {
      name: 'okteto-sync-secret',
      secret: { secretName: secretName(opts.devName) },
    },
    {
      name: pvcName(opts.devName),
      persistentVolumeClaim: { claimName: pvcName(opts.devName) },
    },
    { name: 'okteto-bin', emptyDir: {} },
  ];
  tpl.spec.terminationGracePeriodSeconds = 0;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: cloneName(original.metadata.name),
      namespace: original.metadata.namespace,
      labels: { ...labels, [CLONE_LABEL]: original.metadata.uid ?? '' },
      annotations: {
        ...annotations,
        [DEV_MODE_ANNOTATION]: mode,
        [SYNC_ANNOTATION]: sync,
        [STIGNORE_ANNOTATION]: stignore,
      },
    },
    spec,
  };
}

async function upsert(ops: KubeOps, obj: KubeObject): Promise<KubeObject> {
  const existing = await ops.get(
    obj.kind,
    obj.metadata.namespace,
    obj.metadata.name,
  );
  if (!existing) return ops.create(obj);
  return ops.update({
    ...obj,
    metadata: {
      ...obj.metadata,
      resourceVersion: existing.metadata.resourceVersion,
    },
  });
}

/** The Argo CD Application deploying into a namespace, if any. */
async function findApplication(
  ops: KubeOps,
  namespace: string,
  argoNamespace: string = WEB_CORE.argoNamespace,
): Promise<KubeObject | undefined> {
  let apps: KubeObject[];
  try {
    apps = await ops.list('applications', argoNamespace);
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return undefined; // no Argo CD
    throw e;
  }
  return apps.find(a => {
    const dest = (a.spec as JsonObject | undefined)?.destination as
      | JsonObject
      | undefined;
    return dest?.namespace === namespace;
  });
}

async function setAppSync(
  ops: KubeOps,
  app: KubeObject,
  deploymentName: string,
  sync: 'Synced' | 'OutOfSync',
): Promise<KubeObject> {
  const status = (app.status ?? {}) as JsonObject;
  const resources = ((status.resources ?? []) as JsonObject[]).map(r =>
    r.kind === 'Deployment' && r.name === deploymentName
      ? { ...r, status: sync }
      : r,
  );
  const patch: JsonObject = { status: { sync: { status: sync } } };
  if (resources.length) (patch.status as JsonObject).resources = resources;
  return ops.patch(
    'applications',
    app.metadata.namespace,
    app.metadata.name,
    patch,
  );
}

/**
 * Simulates `okteto up`: the same objects Okteto writes, written through
 * ordinary API calls (so it runs on a store or against a live sandbox).
 */
export async function oktetoUp(
  target: OktetoTarget,
  opts: OktetoUpOptions,
): Promise<OktetoUpResult> {
  const ops = toOps(target);
  const { namespace, devName } = opts;
  const mode = opts.mode ?? 'sync';
  let original = await findOriginal(ops, opts);
  const name = original.metadata.name;
  const previous = original.metadata.annotations?.[REPLICAS_ANNOTATION];
  const replicas =
    previous !== undefined ? Number(previous) : original.spec.replicas ?? 1;
  const sync = sha512(`sync:${namespace}/${devName}`);
  const stignore = sha512(`stignore:${namespace}/${devName}`);

  const secret = await upsert(ops, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: secretName(devName),
      namespace,
      labels: { [DEV_LABEL]: 'true' },
    },
    type: 'Opaque',
    data: fakeSyncthingData(devName),
  });

  let pvc = await ops.get(
    'persistentvolumeclaims',
    namespace,
    pvcName(devName),
  );
  if (!pvc) {
    pvc = await ops.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: pvcName(devName),
        namespace,
        labels: { [DEV_LABEL]: 'true' },
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '2Gi' } },
        volumeMode: 'Filesystem',
      },
    });
  }

  const clone = await upsert(ops, buildClone(original, opts, sync, stignore));

  const next = deepClone(original);
  next.metadata.labels = { ...next.metadata.labels, [DEV_LABEL]: 'true' };
  next.metadata.annotations = {
    ...next.metadata.annotations,
    [REPLICAS_ANNOTATION]: String(replicas),
    [DEV_MODE_ANNOTATION]: mode,
    [SYNC_ANNOTATION]: sync,
    [STIGNORE_ANNOTATION]: stignore,
  };
  const tplMeta = next.spec.template.metadata ?? {};
  tplMeta.annotations = {
    ...tplMeta.annotations,
    [SYNC_ANNOTATION]: sync,
    [STIGNORE_ANNOTATION]: stignore,
  };
  next.spec.template.metadata = tplMeta;
  next.spec.replicas = 0;
  original = (await ops.update(next)) as Deployment;

  let application: KubeObject | undefined;
  if (opts.argo !== false) {
    const app = await findApplication(ops, namespace, opts.argoNamespace);
    if (app) {
      application = await setAppSync(ops, app, name, 'OutOfSync');
      const automated = (
        (app.spec as JsonObject | undefined)?.syncPolicy as
          | JsonObject
          | undefined
      )?.automated as JsonObject | undefined;
      if (automated?.selfHeal === true) {
        // Argo CD self-heal re-applies Git (replicas) on the original.
        original = (await ops.patch('deployments', namespace, name, {
          spec: { replicas },
        })) as Deployment;
      }
    }
  }
  return { original, clone, secret, pvc, application };
}

/** Simulates `okteto down` (the PVC is kept, as Okteto does). */
export async function oktetoDown(
  target: OktetoTarget,
  opts: OktetoDownOptions,
): Promise<OktetoDownResult> {
  const ops = toOps(target);
  const { namespace, devName } = opts;
  const original = await findOriginal(ops, opts);
  const name = original.metadata.name;
  const deletedClone = await ops.delete(
    'deployments',
    namespace,
    cloneName(name),
  );
  const deletedSecret = await ops.delete(
    'secrets',
    namespace,
    secretName(devName),
  );

  const next = deepClone(original);
  const previous = next.metadata.annotations?.[REPLICAS_ANNOTATION];
  if (previous !== undefined) next.spec.replicas = Number(previous);
  delete next.metadata.labels?.[DEV_LABEL];
  for (const k of [
    REPLICAS_ANNOTATION,
    DEV_MODE_ANNOTATION,
    SYNC_ANNOTATION,
    STIGNORE_ANNOTATION,
  ]) {
    delete next.metadata.annotations?.[k];
  }
  tidy(next.metadata, 'labels');
  tidy(next.metadata, 'annotations');
  const tplMeta = next.spec.template.metadata;
  if (tplMeta) {
    delete tplMeta.annotations?.[SYNC_ANNOTATION];
    delete tplMeta.annotations?.[STIGNORE_ANNOTATION];
    tidy(tplMeta, 'annotations');
  }
  const restored = await ops.update(next);

  let application: KubeObject | undefined;
  if (opts.argo !== false) {
    const app = await findApplication(ops, namespace, opts.argoNamespace);
    if (app) application = await setAppSync(ops, app, name, 'Synced');
  }
  return { original: restored, deletedClone, deletedSecret, application };
}
