import type { JsonObject, KubeObject } from '../types';
import { isHook } from './hooks';
import { groupOf } from './tracking';

/*
 * Resource health (gitops-engine pkg/health: health_deployment.go,
 * health_service.go, health_pvc.go, health_ingress.go) and the app's aggregate
 * (argo-cd controller/health.go setApplicationHealth).
 */

export type HealthCode =
  | 'Healthy'
  | 'Suspended'
  | 'Progressing'
  | 'Missing'
  | 'Degraded'
  | 'Unknown';

export interface Health {
  status: HealthCode;
  message?: string;
}

const ORDER: HealthCode[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

function isWorse(current: HealthCode, next: HealthCode): boolean {
  return ORDER.indexOf(next) > ORDER.indexOf(current);
}

function deploymentHealth(d: KubeObject): Health {
  const spec = (d.spec ?? {}) as JsonObject;
  const st = (d.status ?? {}) as Record<string, unknown>;
  if (spec.paused)
    return { status: 'Suspended', message: 'Deployment is paused' };
  const num = (k: string) =>
    typeof st[k] === 'number' ? (st[k] as number) : 0;
  if ((d.metadata.generation ?? 0) > num('observedGeneration')) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed deployment generation less than desired generation',
    };
  }
  const progressing = ((st.conditions ?? []) as JsonObject[]).find(
    c => c.type === 'Progressing',
  );
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      status: 'Degraded',
      message: `Deployment ${JSON.stringify(
        d.metadata.name,
      )} exceeded its progress deadline`,
    };
  }
  if (num('updatedReplicas') < replicas) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${num(
        'updatedReplicas',
      )} out of ${replicas} new replicas have been updated...`,
    };
  }
  if (num('replicas') > num('updatedReplicas')) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${
        num('replicas') - num('updatedReplicas')
      } old replicas are pending termination...`,
    };
  }
  if (num('availableReplicas') < num('updatedReplicas')) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${num(
        'availableReplicas',
      )} of ${num('updatedReplicas')} updated replicas are available...`,
    };
  }
  return { status: 'Healthy' };
}

/** A resource's health, or undefined for kinds without a health check. */
function resourceHealth(obj: KubeObject): Health | undefined {
  const key = `${groupOf(obj)}/${obj.kind}`;
  switch (key) {
    case 'apps/Deployment':
      return deploymentHealth(obj);
    case '/Service': {
      const spec = (obj.spec ?? {}) as JsonObject;
      const ingress = (
        (obj.status as JsonObject | undefined)?.loadBalancer as
          | JsonObject
          | undefined
      )?.ingress as unknown[] | undefined;
      if (spec.type === 'LoadBalancer' && !ingress?.length) {
        return { status: 'Progressing' };
      }
      return { status: 'Healthy' };
    }
    case 'networking.k8s.io/Ingress': {
      // health_ingress.go: Healthy once the ingress controller published an address
      const ingress = (
        (obj.status as JsonObject | undefined)?.loadBalancer as
          | JsonObject
          | undefined
      )?.ingress as unknown[] | undefined;
      return { status: ingress?.length ? 'Healthy' : 'Progressing' };
    }
    case '/PersistentVolumeClaim': {
      const phase = (obj.status as JsonObject | undefined)?.phase;
      if (phase === 'Lost') return { status: 'Degraded' };
      if (phase === 'Bound') return { status: 'Healthy' };
      return { status: 'Progressing' };
    }
    default:
      return undefined;
  }
}

export interface HealthInput {
  target?: KubeObject;
  live?: KubeObject;
}

/**
 * The app's health: the worst of its live resources (extra ones included,
 * as upstream does), Missing when none is live, and — as in argo-cd 3.6 —
 * a message naming the resources that caused it.
 */
export function appHealth(resources: HealthInput[]): Health {
  let status: HealthCode = 'Healthy';
  let causes: KubeObject[] = [];
  let containsResources = false;
  let containsLive = false;
  for (const r of resources) {
    // hooks count for nothing (controller/health.go: hookutil.IsHook(res.Live) → continue)
    if (r.live && isHook(r.live)) continue;
    containsResources = true;
    if (!r.live) continue;
    containsLive = true;
    const h = resourceHealth(r.live);
    if (!h) continue;
    if (isWorse(status, h.status)) {
      status = h.status;
      causes = [r.live];
    } else if (status === h.status && status !== 'Healthy') {
      causes.push(r.live);
    }
  }
  if (containsResources && !containsLive && isWorse(status, 'Missing')) {
    return { status: 'Missing' };
  }
  if (!causes.length) return { status };
  const parts = causes.slice(0, 3).map(c => {
    const g = groupOf(c);
    const gk = g ? `${g}/${c.kind}` : c.kind;
    const name = c.metadata.namespace
      ? `${c.metadata.namespace}/${c.metadata.name}`
      : c.metadata.name;
    return `${gk}:${name}`;
  });
  const more = causes.length > 3 ? ` and ${causes.length - 3} more` : '';
  return { status, message: `Caused by ${parts.join(', ')}${more}` };
}
