import type { EventRecorder, EventType } from '../events/recorder';
import type { JsonObject, KubeObject } from '../types';
import {
  pullError,
  pulledMessage,
  pullPolicyOf,
  withDefaultTag,
} from './images';
import { Container, NODE_NAME, PodSpec } from './model';

/*
 * The Events of a pod's life that the sandbox has no scheduler or kubelet
 * to write: kube-scheduler's (events.k8s.io, schedule_one.go) and the
 * kubelet's (kuberuntime_container.go, images/image_manager.go,
 * kuberuntime_manager.go doBackOff) — derived from the state the pod was
 * given, with counts for the retries that state implies.
 */

const KUBELET = { component: 'kubelet', host: NODE_NAME };
const SCHEDULER = {
  controller: 'default-scheduler',
  instance: 'default-scheduler-sandbox-control-plane',
};

/** Pull attempts and back-offs behind an ImagePullBackOff (a few minutes' worth). */
const PULL_ATTEMPTS = 4;
const PULL_BACKOFFS = 7;
/** The kubelet's retries of a container whose Secret or ConfigMap is missing, so far. */
const CONFIG_RETRIES = 3;

interface ContainerRef {
  container: Container;
  fieldPath: string;
  status: JsonObject | undefined;
}

function containersOf(pod: KubeObject): ContainerRef[] {
  const spec = (pod.spec ?? {}) as PodSpec;
  const status = (pod.status ?? {}) as JsonObject;
  const refs = (
    list: Container[] | undefined,
    key: string,
    statusKey: string,
  ) =>
    (list ?? []).map(c => ({
      container: c,
      fieldPath: `spec.${key}{${c.name}}`,
      status: ((status[statusKey] ?? []) as JsonObject[]).find(
        s => s.name === c.name,
      ),
    }));
  return [
    ...refs(spec.initContainers, 'initContainers', 'initContainerStatuses'),
    ...refs(spec.containers, 'containers', 'containerStatuses'),
  ];
}

const stateOf = (s: JsonObject | undefined) =>
  (s?.state ?? {}) as Record<string, JsonObject | undefined>;

/** kube-scheduler: Scheduled, or FailedScheduling with the pod's condition message. */
export function recordScheduling(events: EventRecorder, pod: KubeObject): void {
  const node = (pod.spec as JsonObject | undefined)?.nodeName;
  if (node) {
    events.recordSeries(SCHEDULER, {
      regarding: pod,
      type: 'Normal',
      reason: 'Scheduled',
      action: 'Binding',
      message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
    });
    return;
  }
  const conditions = ((pod.status as JsonObject | undefined)?.conditions ??
    []) as JsonObject[];
  const unschedulable = conditions.find(
    c => c.type === 'PodScheduled' && c.reason === 'Unschedulable',
  );
  if (!unschedulable) return;
  events.recordSeries(SCHEDULER, {
    regarding: pod,
    type: 'Warning',
    reason: 'FailedScheduling',
    action: 'Scheduling',
    message: String(unschedulable.message ?? ''),
  });
}

/** The kubelet's Events for the containers of a scheduled pod. */
export function recordKubelet(events: EventRecorder, pod: KubeObject): void {
  if (!(pod.spec as JsonObject | undefined)?.nodeName) return;
  for (const ref of containersOf(pod)) {
    const emit = (
      type: EventType,
      reason: string,
      message: string,
      times = 1,
    ) =>
      events.record(KUBELET, {
        regarding: pod,
        fieldPath: ref.fieldPath,
        type,
        reason,
        message,
        times,
      });
    const c = ref.container;
    const image = c.image ?? '';
    const pullRef = withDefaultTag(image);
    const { running, terminated, waiting } = stateOf(ref.status);
    const reason = waiting?.reason;
    const started = running || terminated || reason === 'CrashLoopBackOff';
    if (started) {
      const times = Number(ref.status?.restartCount ?? 0) + 1;
      if (pullPolicyOf(c) === 'Always') {
        emit('Normal', 'Pulling', `Pulling image "${pullRef}"`, times);
        emit('Normal', 'Pulled', pulledMessage(image), times);
      } else {
        emit(
          'Normal',
          'Pulled',
          `Container image "${image}" already present on machine`,
          times,
        );
      }
      emit('Normal', 'Created', `Created container: ${c.name}`, times);
      emit('Normal', 'Started', `Started container ${c.name}`, times);
    }
    if (reason === 'CreateContainerConfigError') {
      // kuberuntime_container.go startContainer: the image is there, the config cannot be made
      emit(
        'Normal',
        'Pulled',
        `Container image "${image}" already present on machine`,
        CONFIG_RETRIES,
      );
      emit(
        'Warning',
        'Failed',
        `Error: ${String(waiting?.message ?? '')}`,
        CONFIG_RETRIES,
      );
    }
    if (reason === 'CrashLoopBackOff') {
      emit(
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        Math.max(1, Number(ref.status?.restartCount ?? 1)),
      );
    }
    if (reason === 'ImagePullBackOff' || reason === 'ErrImagePull') {
      const pulls = reason === 'ErrImagePull' ? 1 : PULL_ATTEMPTS;
      emit('Normal', 'Pulling', `Pulling image "${pullRef}"`, pulls);
      emit(
        'Warning',
        'Failed',
        `Failed to pull image "${pullRef}": ${pullError(image)}`,
        pulls,
      );
      emit('Warning', 'Failed', 'Error: ErrImagePull', pulls);
    }
    if (reason === 'ImagePullBackOff') {
      // image_manager.go reports the back-off itself as Normal
      emit(
        'Normal',
        'BackOff',
        `Back-off pulling image "${pullRef}"`,
        PULL_BACKOFFS,
      );
      emit('Warning', 'Failed', 'Error: ImagePullBackOff', PULL_BACKOFFS - 1);
    }
  }
}

/** The kubelet stopping a deleted pod's running containers. */
export function recordKilling(events: EventRecorder, pod: KubeObject): void {
  if (!(pod.spec as JsonObject | undefined)?.nodeName) return;
  for (const ref of containersOf(pod)) {
    if (!stateOf(ref.status).running) continue;
    events.record(KUBELET, {
      regarding: pod,
      fieldPath: ref.fieldPath,
      type: 'Normal',
      reason: 'Killing',
      message: `Stopping container ${ref.container.name}`,
    });
  }
}
