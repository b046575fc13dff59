import { ChecklistItem } from '@okteto-dev/plugin-okteto-dev-common';
import { item } from './checklistRepository';
import { ChecklistSettings, requiredSecrets } from './checklistSettings';
import {
  FetchedDevObjects,
  KubeContainer,
  KubeContainerStatus,
  KubePod,
  KubeWorkload,
} from './types';
import { findContainer, LocatedWorkloads } from './workloads';

/*
 * Whether the Secrets the app needs exist, without reading Secrets: the cluster says it already.
 * The kubelet resolves a container's `envFrom[].secretRef` and `env[].valueFrom.secretKeyRef`
 * before it creates the container (kubernetes `pkg/kubelet/kubelet_pods.go`
 * makeEnvironmentVariables); a non-optional Secret that does not exist stops it there, and the
 * container waits with reason `CreateContainerConfigError` and the error as its message
 * (`pkg/kubelet/kuberuntime/kuberuntime_container.go` startContainer: `secret "<name>" not found`,
 * or `couldn't find key <key> in Secret <ns>/<name>`; the same text is the kubelet's `Failed`
 * Event, "Error: …"). So a container that has started proves every non-optional Secret it takes
 * existed when it started, and a waiting one names what is missing.
 */

/** The Secrets a container takes, and whether it can start without them. */
function secretRefs(
  container: KubeContainer | undefined,
): Map<string, boolean> {
  const optional = new Map<string, boolean>();
  const add = (name: string | undefined, isOptional: boolean | undefined) => {
    if (!name) return;
    // taken once without `optional`, the container cannot start without it
    optional.set(name, (optional.get(name) ?? true) && isOptional === true);
  };
  for (const from of container?.envFrom ?? []) {
    add(from.secretRef?.name, from.secretRef?.optional);
  }
  for (const env of container?.env ?? []) {
    const ref = env.valueFrom?.secretKeyRef;
    add(ref?.name, ref?.optional);
  }
  return optional;
}

const SECRET_NOT_FOUND = /secret "([^"]+)" not found/;
const KEY_NOT_FOUND = /couldn't find key (\S+) in Secret [^/\s]+\/(\S+)/;

type Evidence =
  | { kind: 'missing'; pod: string; message: string }
  | { kind: 'key-missing'; pod: string; key: string; message: string }
  | { kind: 'existed'; pod: string };

/** Whether a container has run (a restart, an exit, or running now). */
function hasStarted(status: KubeContainerStatus): boolean {
  return Boolean(
    status.state?.running ||
      status.state?.terminated ||
      status.lastState?.terminated ||
      (status.restartCount ?? 0) > 0,
  );
}

/** What each pod of the workload and its clone says about each Secret. */
function podEvidence(
  pods: KubePod[],
  containerName: string,
  workloadContainer: KubeContainer | undefined,
): {
  evidence: Map<string, Evidence>;
  waiting?: { pod: string; reason: string };
} {
  const evidence = new Map<string, Evidence>();
  let waiting: { pod: string; reason: string } | undefined;
  for (const pod of pods) {
    const pod_ = pod.metadata.name;
    const status = pod.status?.containerStatuses?.find(
      s => s.name === containerName,
    );
    // the pod's own spec when the read kept it; a pod of an older template may differ
    const podContainer =
      pod.spec?.containers?.find(c => c.name === containerName) ??
      workloadContainer;
    const waitingState = status?.state?.waiting;
    if (waitingState?.reason === 'CreateContainerConfigError') {
      const message = waitingState.message ?? '';
      const missing = message.match(SECRET_NOT_FOUND);
      const key = message.match(KEY_NOT_FOUND);
      if (missing) {
        evidence.set(missing[1], { kind: 'missing', pod: pod_, message });
        continue;
      }
      if (key) {
        evidence.set(key[2], {
          kind: 'key-missing',
          pod: pod_,
          key: key[1],
          message,
        });
        continue;
      }
    }
    if (status && hasStarted(status)) {
      for (const [name, optional] of secretRefs(podContainer)) {
        // a waiting pod says what is true now; a started one what was true then
        if (!optional && !evidence.has(name)) {
          evidence.set(name, { kind: 'existed', pod: pod_ });
        }
      }
    } else if (!waiting) {
      waiting = {
        pod: pod_,
        reason:
          waitingState?.reason ??
          pod.status?.reason ??
          pod.status?.phase ??
          'not started',
      };
    }
  }
  return { evidence, ...(waiting ? { waiting } : {}) };
}

/**
 * The `env-secret` item: the Secrets the settings require (default the conventions' `envSecret`)
 * must be taken by the container, and every Secret it cannot start without must exist — known
 * from its pods (and the clone's), or from a metadata-only GET by name with the opt-in.
 */
export function secretsItem(
  objects: FetchedDevObjects,
  located: LocatedWorkloads,
  original: KubeWorkload,
  settings: ChecklistSettings | undefined,
): ChecklistItem {
  const { target } = objects;
  const container = findContainer(original, target.container);
  const containerName = container?.name ?? target.container;
  const refs = secretRefs(container);
  const required = requiredSecrets(target, settings);
  const notTaken = required.filter(name => !refs.has(name));
  if (notTaken.length > 0) {
    return item('env-secret', 'fail', 'checkSecretNotTaken', {
      secrets: notTaken.join(', '),
      container: containerName,
    });
  }
  const checked = [
    ...new Set([
      ...required,
      ...[...refs].filter(([, optional]) => !optional).map(([name]) => name),
    ]),
  ];
  if (checked.length === 0) {
    return item('env-secret', 'pass', 'checkSecretNoneRequired', {
      container: containerName,
    });
  }
  const byGet = new Map(
    (objects.secrets ?? []).map(s => [s.name, s.exists] as const),
  );
  const { evidence, waiting } = objects.pods.ok
    ? podEvidence(
        [...located.originalPods, ...located.clonePods],
        containerName,
        container,
      )
    : { evidence: new Map<string, Evidence>(), waiting: undefined };

  const missingByGet = checked.filter(name => {
    const read = byGet.get(name);
    return read?.ok === true && read.value === false;
  });
  if (missingByGet.length > 0) {
    return item('env-secret', 'fail', 'checkSecretMissingByGet', {
      secrets: missingByGet.join(', '),
      namespace: target.namespace,
    });
  }
  for (const name of checked) {
    const found = evidence.get(name);
    if (found?.kind === 'missing') {
      return item('env-secret', 'fail', 'checkSecretMissingFromPod', {
        secret: name,
        namespace: target.namespace,
        pod: found.pod,
        container: containerName,
        message: found.message,
      });
    }
    if (found?.kind === 'key-missing') {
      return item('env-secret', 'fail', 'checkSecretKeyMissing', {
        secret: name,
        key: found.key,
        pod: found.pod,
        container: containerName,
      });
    }
  }
  const provenByGet = checked.filter(name => {
    const read = byGet.get(name);
    return read?.ok === true && read.value === true;
  });
  const provenByPod = checked.filter(
    name =>
      !provenByGet.includes(name) && evidence.get(name)?.kind === 'existed',
  );
  const unproven = checked.filter(
    name => !provenByGet.includes(name) && !provenByPod.includes(name),
  );
  if (unproven.length === 0) {
    if (provenByPod.length === 0) {
      return item('env-secret', 'pass', 'checkSecretExistsByGet', {
        secrets: checked.join(', '),
      });
    }
    return item('env-secret', 'pass', 'checkSecretExistedAtStart', {
      secrets: checked.join(', '),
      pod: (evidence.get(provenByPod[0]) as { pod: string }).pod,
      container: containerName,
    });
  }
  const secrets = unproven.join(', ');
  const optionalOnly = unproven.filter(name => refs.get(name) === true);
  if (optionalOnly.length > 0 && byGet.size === 0) {
    return item('env-secret', 'unknown', 'checkSecretUnknownOptional', {
      secrets: optionalOnly.join(', '),
      container: containerName,
    });
  }
  const failedGet = unproven
    .map(name => byGet.get(name))
    .find(read => read !== undefined && !read.ok);
  if (failedGet && !failedGet.ok) {
    return item('env-secret', 'unknown', 'checkSecretUnreadable', {
      secrets,
      error: failedGet.error.message,
    });
  }
  if (!objects.pods.ok) {
    return item('env-secret', 'unknown', 'checkSecretUnknownPodsUnreadable', {
      secrets,
      error: objects.pods.error.message,
    });
  }
  if (waiting) {
    return item('env-secret', 'unknown', 'checkSecretUnknownNotStarted', {
      secrets,
      pod: waiting.pod,
      container: containerName,
      reason: waiting.reason,
    });
  }
  // no pod at all: the workload's own conditions may say why (a ReplicaSet's FailedCreate)
  const notCreated = original.status?.conditions?.find(
    c =>
      (c.type === 'ReplicaFailure' || c.reason === 'FailedCreate') &&
      c.status === 'True',
  );
  if (notCreated) {
    return item('env-secret', 'unknown', 'checkSecretUnknownNotCreated', {
      secrets,
      workload: target.workload,
      reason: notCreated.reason ?? notCreated.type,
      message: notCreated.message ?? '',
    });
  }
  return item('env-secret', 'unknown', 'checkSecretUnknownNoPod', {
    secrets,
    workload: target.workload,
    container: containerName,
  });
}
