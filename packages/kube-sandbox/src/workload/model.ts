import { createHash } from 'node:crypto';
import { deepEqual } from '../patch';
import type { JsonObject, KubeObject, OwnerReference } from '../types';

/* Shapes and helpers shared by the workload controller's parts. */

export interface Container {
  name: string;
  image?: string;
  securityContext?: JsonObject;
  [key: string]: unknown;
}

export interface PodSpec extends JsonObject {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: JsonObject[];
  securityContext?: JsonObject;
}

export interface PodTemplate {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: PodSpec;
}

export interface WorkloadSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: PodTemplate;
  [key: string]: unknown;
}

export type Workload = KubeObject & {
  spec?: WorkloadSpec;
  status?: JsonObject;
};

export interface Condition extends JsonObject {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** The one node pods are scheduled to. */
export const NODE_NAME = 'sandbox-node';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter(k => o[k] !== undefined)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Like Kubernetes: FNV-32a of the template, safe-encoded. */
export function podTemplateHash(template: unknown): string {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(canonical(template))) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)].map(c => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

export function suffix(seed: string, length = 5): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE[digest[i] % SAFE.length];
  return out;
}

/** Deterministic pod name for the i-th pod of a ReplicaSet. */
export function podName(rsName: string, i: number): string {
  return `${rsName}-${suffix(`${rsName}/${i}`)}`;
}

export function ownedBy(obj: KubeObject, uid: string | undefined): boolean {
  return (obj.metadata.ownerReferences ?? []).some(o => o.uid === uid);
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function sameIgnoringTimes(a: unknown, b: unknown): boolean {
  const strip = (v: unknown) =>
    JSON.parse(
      JSON.stringify(v ?? null, (k, x) =>
        k === 'lastUpdateTime' || k === 'lastTransitionTime' ? undefined : x,
      ),
    );
  return deepEqual(strip(a), strip(b));
}

/** Keeps a condition's times when its status and reason did not change. */
export function withTimes(
  next: Condition[],
  old: JsonObject[] | undefined,
  now: string,
  fields: Array<'lastUpdateTime' | 'lastTransitionTime'>,
): Condition[] {
  return next.map(c => {
    const prev = (old ?? []).find(o => o.type === c.type);
    const same = prev && prev.status === c.status && prev.reason === c.reason;
    const out: Condition = { ...c };
    for (const f of fields) out[f] = same ? prev[f] : now;
    return out;
  });
}

export function conditionsOf(obj: KubeObject | undefined): Condition[] {
  const status = obj?.status as JsonObject | undefined;
  return (status?.conditions ?? []) as Condition[];
}
