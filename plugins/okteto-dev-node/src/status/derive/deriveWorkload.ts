import {
  DevTarget,
  OktetoStatus,
  PodSummary,
  WorkloadStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import { KubeContainer, KubeDeployment, KubePod, Read } from './types';

/** What `okteto up` writes into the cluster (okteto/okteto pkg/model, pkg/k8s/apps). */
export const OKTETO = {
  devLabel: 'dev.okteto.com',
  cloneLabel: 'dev.okteto.com/clone',
  replicasAnnotation: 'dev.okteto.com/replicas',
  modeAnnotation: 'dev.okteto.com/dev-mode',
  legacyTranslationAnnotation: 'dev.okteto.com/translation',
  interactivePodLabel: 'interactive.dev.okteto.com',
  detachedPodLabel: 'detached.dev.okteto.com',
  cloneSuffix: '-okteto',
} as const;

const CRASH_REASONS = new Set([
  'CrashLoopBackOff',
  'Error',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'RunContainerError',
  'OOMKilled',
]);

export function summarizePod(pod: KubePod): PodSummary {
  const statuses = pod.status?.containerStatuses ?? [];
  const reason =
    statuses
      .map(s => s.state?.waiting?.reason ?? s.state?.terminated?.reason)
      .find(r => r !== undefined) ?? pod.status?.reason;
  return {
    name: pod.metadata.name,
    phase: pod.status?.phase ?? 'Unknown',
    ready: statuses.length > 0 && statuses.every(s => s.ready === true),
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    ...(reason ? { reason } : {}),
  };
}

/** client-node turns timestamps into Dates; the status carries ISO strings. */
function isoTime(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : undefined;
}

export function isCrashing(pod: PodSummary): boolean {
  return pod.reason !== undefined && CRASH_REASONS.has(pod.reason);
}

function isDevPod(pod: KubePod): boolean {
  const labels = pod.metadata.labels ?? {};
  return (
    OKTETO.interactivePodLabel in labels || OKTETO.detachedPodLabel in labels
  );
}

function matches(
  labels: Record<string, string> | undefined,
  selector: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export function devContainer(
  deployment: KubeDeployment,
  name: string,
): KubeContainer | undefined {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  return containers.find(c => c.name === name) ?? containers[0];
}

/** The target workload and, when dev mode is on, its Okteto clone. */
export function findWorkloads(
  deployments: KubeDeployment[],
  target: Pick<DevTarget, 'workload'>,
): { original?: KubeDeployment; clone?: KubeDeployment } {
  const original = deployments.find(d => d.metadata.name === target.workload);
  const uid = original?.metadata.uid;
  const clone =
    deployments.find(
      d => uid && d.metadata.labels?.[OKTETO.cloneLabel] === uid,
    ) ??
    deployments.find(
      d => d.metadata.name === `${target.workload}${OKTETO.cloneSuffix}`,
    );
  return { original, clone };
}

/** Pods of the original workload (dev pods excluded: they share its selector). */
function originalPods(original: KubeDeployment, pods: KubePod[]): KubePod[] {
  const selector = original.spec?.selector?.matchLabels;
  return pods.filter(p => !isDevPod(p) && matches(p.metadata.labels, selector));
}

function clonePods(
  clone: KubeDeployment,
  pods: KubePod[],
  devService: string,
): KubePod[] {
  const byLabel = pods.filter(p => {
    const labels = p.metadata.labels ?? {};
    return (
      labels[OKTETO.interactivePodLabel] === devService ||
      labels[OKTETO.detachedPodLabel] === devService
    );
  });
  if (byLabel.length > 0) return byLabel;
  const selector = clone.spec?.selector?.matchLabels;
  return pods.filter(p => isDevPod(p) && matches(p.metadata.labels, selector));
}

function notFullyReady(deployment: KubeDeployment | undefined): boolean {
  if (!deployment) return false;
  const wanted = deployment.spec?.replicas ?? 1;
  return (deployment.status?.readyReplicas ?? 0) < wanted;
}

/**
 * Pods are read only to explain something: a workload or a dev clone that is not fully ready,
 * or a dev session whose pod we show. A healthy app without dev mode costs no Pod read.
 */
export function needsPods(
  deployments: KubeDeployment[],
  target: Pick<DevTarget, 'workload'>,
): boolean {
  const { original, clone } = findWorkloads(deployments, target);
  return clone !== undefined || notFullyReady(original);
}

export function deriveWorkload(
  deployments: Read<KubeDeployment[]>,
  pods: Read<KubePod[]> | undefined,
  target: DevTarget,
): WorkloadStatus {
  if (!deployments.ok) return { state: 'error', error: deployments.error };
  const { original } = findWorkloads(deployments.value, target);
  if (!original) return { state: 'not-found' };
  const container = devContainer(original, target.container);
  const serverUrl = container?.env?.find(
    e => e.name === target.serverUrlEnv,
  )?.value;
  return {
    state: 'ok',
    kind: 'Deployment',
    name: original.metadata.name,
    replicas: original.spec?.replicas ?? 1,
    readyReplicas: original.status?.readyReplicas ?? 0,
    image: container?.image,
    // only a URL: the env var is chosen by config, and anything else stays out of the answer
    ...(serverUrl && /^https?:\/\/[^\s]+$/.test(serverUrl)
      ? { serverUrl }
      : {}),
    pods:
      pods && pods.ok
        ? originalPods(original, pods.value).map(summarizePod)
        : [],
  };
}

export function deriveOkteto(
  deployments: Read<KubeDeployment[]>,
  pods: Read<KubePod[]> | undefined,
  target: DevTarget,
): OktetoStatus {
  if (!deployments.ok) return { state: 'error', error: deployments.error };
  const { original, clone } = findWorkloads(deployments.value, target);
  if (!original) {
    return clone
      ? {
          state: 'broken',
          problems: [
            `Okteto clone ${clone.metadata.name} exists but the workload ${target.workload} does not`,
          ],
          clone: clone.metadata.name,
        }
      : { state: 'off' };
  }
  const labels = original.metadata.labels ?? {};
  const annotations = original.metadata.annotations ?? {};
  const labelled =
    labels[OKTETO.devLabel] === 'true' || Boolean(labels[OKTETO.cloneLabel]);
  const legacy = OKTETO.legacyTranslationAnnotation in annotations;
  const podSummaries =
    clone && pods && pods.ok
      ? clonePods(clone, pods.value, target.devService).map(summarizePod)
      : [];

  const problems: string[] = [];
  if (labelled && !clone && !legacy) {
    problems.push(
      `${target.workload} is marked for dev mode (label ${OKTETO.devLabel}) but its clone ${target.workload}${OKTETO.cloneSuffix} does not exist: an interrupted 'okteto up' or 'okteto down'. Run the okteto down command to restore it.`,
    );
  }
  if (clone && !labelled) {
    problems.push(
      `The clone ${clone.metadata.name} exists but ${target.workload} is not marked for dev mode: a leftover of an earlier session. Run the okteto down command to remove it.`,
    );
  }
  if (
    (original.spec?.replicas ?? 1) === 0 &&
    !(OKTETO.replicasAnnotation in annotations) &&
    (labelled || clone)
  ) {
    problems.push(
      `${target.workload} is scaled to 0 without the ${OKTETO.replicasAnnotation} annotation: 'okteto down' will not know how many replicas to restore.`,
    );
  }
  for (const pod of podSummaries.filter(isCrashing)) {
    problems.push(
      `The dev pod ${pod.name} is failing (${pod.reason}, ${pod.restarts} restarts).`,
    );
  }

  if (!labelled && !clone && !legacy) return { state: 'off' };
  if (problems.length > 0) {
    return {
      state: 'broken',
      problems,
      ...(clone ? { clone: clone.metadata.name, pods: podSummaries } : {}),
    };
  }
  const source = clone ?? original;
  const container = devContainer(source, target.container);
  const mode =
    source.metadata.annotations?.[OKTETO.modeAnnotation] ??
    annotations[OKTETO.modeAnnotation];
  const user = container?.env?.find(e => e.name === 'OKTETO_USERNAME')?.value;
  return {
    state: 'on',
    mode: mode === 'hybrid' ? 'hybrid' : 'sync',
    since: isoTime(source.metadata.creationTimestamp),
    image: container?.image,
    ...(user ? { user } : {}),
    clone: source.metadata.name,
    pods: podSummaries,
  };
}
