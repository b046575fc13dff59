import { randomUUID } from 'node:crypto';
import { nowIso } from './bucket';
import { apiVersionOf, ResourceType } from './discovery';
import { invalid } from './errors';
import { deepClone, deepEqual } from './patch';
import type { KubeObject } from './types';

/* What the API server itself sets on a write: identity, timestamps, generation, defaults. */

function specPart(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

/** Like the API server: workloads and custom resources track generation. */
function hasGeneration(t: ResourceType): boolean {
  return t.group !== '';
}

export function sameObject(a: KubeObject, b: KubeObject): boolean {
  const { resourceVersion: _a, ...m1 } = a.metadata;
  const { resourceVersion: _b, ...m2 } = b.metadata;
  return (
    deepEqual(m1, m2) &&
    deepEqual(specPart(a), specPart(b)) &&
    deepEqual(a.status, b.status)
  );
}

/** A new object as the API server stores it (uid, timestamps, defaults). */
export function prepareNew(
  t: ResourceType,
  input: KubeObject,
  counter: number,
): KubeObject {
  const obj = deepClone(input);
  obj.apiVersion = apiVersionOf(t);
  obj.kind = t.kind;
  const m = obj.metadata;
  if (!m.name && m.generateName) {
    m.name = `${m.generateName}${randomUUID().slice(0, 5)}`;
  }
  if (!m.name) throw invalid(t.kind, '', 'metadata.name: Required value');
  if (!t.namespaced) delete m.namespace;
  m.uid = m.uid ?? randomUUID();
  m.creationTimestamp = m.creationTimestamp ?? nowIso();
  if (hasGeneration(t)) m.generation = 1;
  else delete m.generation;
  if (t.kind === 'Namespace') {
    m.labels = { ...m.labels, 'kubernetes.io/metadata.name': m.name };
    obj.spec = obj.spec ?? { finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  }
  if (t.kind === 'Service') {
    const spec = (obj.spec ?? {}) as Record<string, unknown>;
    spec.type = spec.type ?? 'ClusterIP';
    if (!spec.clusterIP) {
      const n = (counter % 250) + 2;
      spec.clusterIP = `10.96.${Math.floor(counter / 250) % 250}.${n}`;
      spec.clusterIPs = [spec.clusterIP];
    }
    obj.spec = spec;
  }
  return obj;
}

/** Keeps what a write cannot change (uid, creation time); bumps generation. */
export function keepIdentity(
  t: ResourceType,
  existing: KubeObject,
  obj: KubeObject,
): void {
  obj.apiVersion = apiVersionOf(t);
  obj.kind = t.kind;
  const m = obj.metadata;
  m.uid = existing.metadata.uid;
  m.creationTimestamp = existing.metadata.creationTimestamp;
  if (t.namespaced) m.namespace = existing.metadata.namespace;
  else delete m.namespace;
  if (!hasGeneration(t)) {
    delete m.generation;
    return;
  }
  const gen = existing.metadata.generation ?? 1;
  m.generation = deepEqual(specPart(obj), specPart(existing)) ? gen : gen + 1;
}
