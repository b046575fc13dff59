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
  /** Sandbox shortcut: the Deployment, when it is not named like devName. */
  workload?: string;
  /** Or: labels selecting exactly one Deployment (`selector:`). */
  selector?: Record<string, string>;
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
 * The original Deployment: by name, or the single non-clone Deployment
 * matching the selector (okteto pkg/k8s/deployments/crud.go GetByDev).
 */
export async function findOriginal(
  ops: KubeOps,
  t: DevTarget,
): Promise<Deployment> {
  const { namespace } = t;
  if (t.selector && !t.workload) {
    const sel = selectorSpecToString({ matchLabels: t.selector });
    const found = (await ops.list('deployments', namespace, sel)).filter(
      d => !d.metadata.labels?.[CLONE_LABEL],
    );
    if (found.length !== 1) {
      throw new Error(
        found.length
          ? `okteto: found '${found.length}' deployments for labels '${sel}' instead of 1`
          : `okteto: no deployment matches the labels '${sel}' in namespace "${namespace}"`,
      );
    }
    return found[0] as Deployment;
  }
  const name = t.workload ?? t.devName;
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
