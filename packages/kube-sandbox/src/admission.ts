import { randomUUID } from 'node:crypto';
import { nowIso } from './bucket';
import { apiVersionOf, ResourceType } from './discovery';
import { applyDefaults, randomSuffix } from './defaults';
import { invalidObject, nameErrors } from './validation';
import { deepClone, deepEqual } from './patch';
import type { KubeObject } from './types';

/* What the API server itself sets on a write: identity, timestamps, generation, defaults. */

/**
 * What generation counts: everything but metadata, and but status where the kind has a status
 * subresource (a custom resource without one bumps generation on a status change too:
 * apiextensions-apiserver pkg/registry/customresource/strategy.go PrepareForUpdate).
 */
function specPart(obj: KubeObject, t?: ResourceType): Record<string, unknown> {
  if (t && !t.statusSubresource && t.group !== '') {
    const { metadata: _m, ...withStatus } = obj;
    return withStatus;
  }
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

/** Like the API server: workloads, Pods (PodObservedGenerationTracking) and custom resources track generation. */
function hasGeneration(t: ResourceType): boolean {
  return t.group !== '' || t.kind === 'Pod';
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

/**
 * The name checks of ValidateObjectMeta: a name or generateName, and a name of the form the kind
 * requires (422 as the API server words it).
 */
function validateName(t: ResourceType, name: string | undefined): void {
  if (!name) {
    throw invalidObject(t.kind, t.group, '', [
      {
        field: 'metadata.name',
        type: 'FieldValueRequired',
        detail: 'name or generateName is required',
      },
    ]);
  }
  const errs = nameErrors(t.kind, name);
  if (errs.length) {
    throw invalidObject(
      t.kind,
      t.group,
      name,
      errs.map(detail => ({
        field: 'metadata.name',
        type: 'FieldValueInvalid' as const,
        value: name,
        detail,
      })),
    );
  }
}

/**
 * A new object as the API server stores it (uid, timestamps, defaults, admission); `dropStatus`:
 * a create through a kind with a status subresource, which starts from the default status.
 */
export function prepareNew(
  t: ResourceType,
  input: KubeObject,
  counter: number,
  dropStatus = false,
): KubeObject {
  const obj = deepClone(input);
  if (dropStatus) delete obj.status;
  obj.apiVersion = apiVersionOf(t);
  obj.kind = t.kind;
  obj.metadata = obj.metadata ?? { name: '' };
  const m = obj.metadata;
  if (!m.name && m.generateName) {
    m.name = `${m.generateName}${randomSuffix()}`;
  }
  validateName(t, m.name);
  applyDefaults(t, obj, true);
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
  // set by a DELETE only; an update cannot change or clear them
  for (const key of ['deletionTimestamp', 'deletionGracePeriodSeconds']) {
    if (existing.metadata[key] !== undefined) m[key] = existing.metadata[key];
    else delete m[key];
  }
  if (t.namespaced) m.namespace = existing.metadata.namespace;
  else delete m.namespace;
  if (!hasGeneration(t)) {
    delete m.generation;
    return;
  }
  const gen = existing.metadata.generation ?? 1;
  m.generation = deepEqual(specPart(obj, t), specPart(existing, t))
    ? gen
    : gen + 1;
}

/** The defaults the API server applies to any object it is given on an update. */
export function defaultUpdate(t: ResourceType, obj: KubeObject): void {
  applyDefaults(t, obj, false);
}
