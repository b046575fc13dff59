import type { KubeObject } from '../types';
import { asApplication, trackingMethodOf } from './model';
import { appNameOf, trackedAppNames } from './tracking';

/**
 * The objects of a scenario that belong to an Application — those that
 * carry its tracking (annotation, or label under label tracking) and are
 * not owned by another object: what Git renders for it, as the scenario
 * was written.
 */
export function declaredFor(
  application: KubeObject,
  objects: KubeObject[],
): KubeObject[] {
  const app = asApplication(application);
  const method = trackingMethodOf(app);
  return objects.filter(
    o =>
      o.kind !== 'Application' &&
      !o.metadata.ownerReferences?.length &&
      appNameOf(o, method) === app.metadata.name,
  );
}

/** declaredFor for many Applications at once (one pass over the objects). */
export function declaredByApplication(
  applications: KubeObject[],
  objects: KubeObject[],
): Map<KubeObject, KubeObject[]> {
  const byName = new Map<string, KubeObject[]>();
  for (const o of objects) {
    for (const name of new Set(trackedAppNames(o))) {
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name)!.push(o);
    }
  }
  return new Map(
    applications.map(a => [
      a,
      declaredFor(a, byName.get(a.metadata.name) ?? []),
    ]),
  );
}
