import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1Deployment,
  V1Pod,
} from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import type { RealCluster } from './index';

/** Polls until `probe` returns something truthy; bounded, never a fixed sleep. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 30_000, intervalMs = 100, what = 'the condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

export function kubeConfigOf(cluster: RealCluster): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  return kc;
}

/** A KubeConfig that authenticates with a bearer token only. */
export function kubeConfigWithToken(cluster: RealCluster, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: cluster.url, caData: Buffer.from(cluster.ca).toString('base64') }],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return kc;
}

/** A fresh namespace per test file (or test): tests share one cluster. */
export async function newNamespace(
  kc: KubeConfig,
  prefix: string,
  labels: Record<string, string> = {},
): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name, labels } } });
  return name;
}

export function deployment(
  name: string,
  opts: {
    replicas?: number;
    podLabels?: Record<string, string>;
    podAnnotations?: Record<string, string>;
    containers?: NonNullable<NonNullable<V1Deployment['spec']>['template']['spec']>['containers'];
    securityContext?: NonNullable<NonNullable<V1Deployment['spec']>['template']['spec']>['securityContext'];
  } = {},
): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: {
          labels: { app: name, ...opts.podLabels },
          annotations: opts.podAnnotations,
        },
        spec: {
          securityContext: opts.securityContext,
          containers: opts.containers ?? [{ name: 'app', image: 'registry.example/app:1.0' }],
        },
      },
    },
  };
}

export async function podsOf(kc: KubeConfig, namespace: string, app: string): Promise<V1Pod[]> {
  const res = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace, labelSelector: `app=${app}` });
  return res.items;
}

export async function createDeployment(kc: KubeConfig, namespace: string, body: V1Deployment) {
  return kc.makeApiClient(AppsV1Api).createNamespacedDeployment({ namespace, body });
}

/** The HTTP status of a failed @kubernetes/client-node call. */
export async function statusOf(call: Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    await call;
  } catch (e: any) {
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    return { code: e.code, body };
  }
  return { code: 200, body: undefined };
}
