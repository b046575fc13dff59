import type { SandboxStore } from '../store';
import type { JsonObject } from '../types';
import type { Container } from './model';

/*
 * The kubelet resolves a container's environment before it creates the container (kubernetes
 * pkg/kubelet/kubelet_pods.go makeEnvironmentVariables): first `envFrom` (ConfigMaps, Secrets),
 * then `env[].valueFrom` (configMapKeyRef, secretKeyRef). A non-optional source that does not
 * exist, or a non-optional key it lacks, fails container creation
 * (kuberuntime_container.go startContainer): the container waits with reason
 * `CreateContainerConfigError` and that error as its message, and the kubelet records a Warning
 * Event `Failed` "Error: <message>". The kubelet keeps retrying, so creating the Secret later
 * lets the container start.
 */

/** What the kubelet finds in the namespace: a Secret's or ConfigMap's keys, or undefined. */
export type ConfigLookup = (
  kind: 'secret' | 'configmap',
  name: string,
) => string[] | undefined;

/** A lookup over the store's Secrets and ConfigMaps of one namespace. */
export function storeConfigLookup(
  store: SandboxStore,
  namespace: string,
): ConfigLookup {
  return (kind, name) => {
    const obj = store.get(
      kind === 'secret' ? 'secrets' : 'configmaps',
      namespace,
      name,
    );
    if (!obj) return undefined;
    const keys = new Set<string>();
    for (const field of ['data', 'stringData', 'binaryData']) {
      for (const key of Object.keys((obj[field] as JsonObject) ?? {})) {
        keys.add(key);
      }
    }
    return [...keys];
  };
}

// the NotFound of the kubelet's object cache (watch_based_manager.go): resource "secret"/"configmap"
const notFound = (kind: 'secret' | 'configmap', name: string) =>
  `${kind} "${name}" not found`;

/** Why the kubelet cannot create this container, or undefined when its environment resolves. */
export function containerConfigError(
  container: Container,
  namespace: string,
  lookup: ConfigLookup,
): string | undefined {
  for (const from of (container.envFrom ?? []) as JsonObject[]) {
    for (const [field, kind] of [
      ['configMapRef', 'configmap'],
      ['secretRef', 'secret'],
    ] as const) {
      const ref = from[field] as JsonObject | undefined;
      if (!ref?.name) continue;
      const name = String(ref.name);
      if (!lookup(kind, name) && ref.optional !== true) {
        return notFound(kind, name);
      }
    }
  }
  for (const env of (container.env ?? []) as JsonObject[]) {
    const valueFrom = env.valueFrom as JsonObject | undefined;
    for (const [field, kind, label] of [
      ['configMapKeyRef', 'configmap', 'ConfigMap'],
      ['secretKeyRef', 'secret', 'Secret'],
    ] as const) {
      const ref = valueFrom?.[field] as JsonObject | undefined;
      if (!ref?.name) continue;
      const name = String(ref.name);
      const optional = ref.optional === true;
      const keys = lookup(kind, name);
      if (!keys) {
        if (optional) continue;
        return notFound(kind, name);
      }
      if (!keys.includes(String(ref.key)) && !optional) {
        return `couldn't find key ${ref.key} in ${label} ${namespace}/${name}`;
      }
    }
  }
  return undefined;
}
