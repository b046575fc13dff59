import type { ClusterAccess } from '../kubeconfig';
import { httpOps, KubeOps, storeOps } from '../ops';
import { selectorSpecToString } from '../selectors';
import { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { CLONE_LABEL } from './constants';

/** Where the simulation runs: a store, any KubeOps, or an API server. */
export type OktetoTarget = SandboxStore | KubeOps | ClusterAccess;

export interface Container extends JsonObject {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: Array<{ name: string; value?: string; [k: string]: unknown }>;
  volumeMounts?: JsonObject[];
  resources?: { requests?: JsonObject; limits?: JsonObject };
}

export interface PodSpec extends JsonObject {
  containers: Container[];
  initContainers?: Container[];
  volumes?: JsonObject[];
  securityContext?: JsonObject;
}

/**
 * The app okteto puts into dev mode: a Deployment or a StatefulSet (okteto pkg/k8s/apps, one
 * `App` interface over both). The name stays for the sandbox's existing callers.
 */
export interface Deployment extends KubeObject {
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    strategy?: JsonObject;
    template: {
      metadata?: {
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
      };
      spec: PodSpec;
    };
    [key: string]: unknown;
  };
}

/** Which workload `okteto up` acts on (the dev entry of okteto.yml). */
export interface DevTarget {
  /** The dev name (the key under `dev:` in okteto.yml). */
  devName: string;
  namespace: string;
  /** Sandbox shortcut: the workload, when it is not named like devName. */
  workload?: string;
  /** Or: labels selecting exactly one Deployment, else one StatefulSet (`selector:`). */
  selector?: Record<string, string>;
}

/** The kinds okteto looks for, in its order (pkg/k8s/apps/crud.go Get). */
const APP_KINDS = [
  { resource: 'deployments', noun: 'deployment' },
  { resource: 'statefulsets', noun: 'statefulset' },
] as const;

/** The API resource of an app's kind. */
export function resourceOf(app: KubeObject): 'deployments' | 'statefulsets' {
  return app.kind === 'StatefulSet' ? 'statefulsets' : 'deployments';
}

export function toOps(target: OktetoTarget): KubeOps {
  if (target instanceof SandboxStore) return storeOps(target);
  if ('server' in target && typeof target.server === 'string') {
    return httpOps(target);
  }
  return target as KubeOps;
}

/** okteto pkg/model DevCloneName */
export const cloneName = (name: string) => `${name}-okteto`;
/** okteto pkg/k8s/secrets GetSecretName */
export const secretName = (devName: string) => `okteto-${devName}`;
/** okteto pkg/model GetVolumeName */
export const pvcName = (devName: string) => `${devName}-okteto`;

/**
 * The interactive label's value: the selector's
 * `app.kubernetes.io/component`, else the dev name (okteto
 * pkg/k8s/apps/translate.go getDevName).
 */
export function devNameLabel(t: DevTarget): string {
  return t.selector?.['app.kubernetes.io/component'] ?? t.devName;
}

/**
 * The original app, as okteto pkg/k8s/apps/crud.go Get finds it: a Deployment (by name, or the
 * single non-clone one matching the selector: pkg/k8s/deployments/crud.go GetByDev), else a
 * StatefulSet the same way (pkg/k8s/statefulsets/crud.go GetByDev).
 */
export async function findOriginal(
  ops: KubeOps,
  t: DevTarget,
): Promise<Deployment> {
  const { namespace } = t;
  for (const { resource, noun } of APP_KINDS) {
    if (t.selector && !t.workload) {
      const sel = selectorSpecToString({ matchLabels: t.selector });
      const found = (await ops.list(resource, namespace, sel)).filter(
        d => !d.metadata.labels?.[CLONE_LABEL],
      );
      if (found.length > 1) {
        throw new Error(
          `okteto: found '${found.length}' ${noun}s for labels '${sel}' instead of 1`,
        );
      }
      if (found.length === 1) return found[0] as Deployment;
      continue;
    }
    const name = t.workload ?? t.devName;
    const d = await ops.get(resource, namespace, name);
    if (!d) continue;
    if (d.metadata.labels?.[CLONE_LABEL]) {
      throw new Error(`okteto: "${name}" is a dev clone, not an original`);
    }
    return d as Deployment;
  }
  throw new Error(
    t.selector && !t.workload
      ? `okteto: no deployment or statefulset matches the labels '${selectorSpecToString(
          { matchLabels: t.selector },
        )}' in namespace "${namespace}"`
      : `okteto: the application '${
          t.workload ?? t.devName
        }' referred by your okteto manifest doesn't exist in namespace "${namespace}"`,
  );
}
