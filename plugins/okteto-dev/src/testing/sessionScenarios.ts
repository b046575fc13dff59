import { devMessage } from '@okteto-dev/plugin-okteto-dev-common';
import {
  APP_REF,
  APPLICATION,
  APPLICATION_PATH,
  checkItem,
  CLONE,
  DAY,
  DEV_ENTRY,
  devModeOn,
  devPod,
  HOUR,
  makeChecklist,
  makeStatus,
  minutesAgo,
  NAMESPACE,
  NEW_SHA,
  okArgo,
  okWorkload,
  REPLICAS_NOT_IGNORED,
  WORKLOAD,
} from './builders';
import {
  argoSeesDevMode,
  conflict,
  expectedDrift,
  originalAtZero,
  originalScaledDown,
} from './scenarioParts';

/** Answers while someone is (or was) in dev mode, as the backend derives them. */
export const sessionScenarios = {
  /** Dev mode on for 2 hours on plain Kubernetes: nothing says who. */
  devModeOn: makeStatus({
    argo: argoSeesDevMode,
    workload: originalAtZero,
    okteto: devModeOn(2 * HOUR),
    drift: expectedDrift,
    checklist: makeChecklist(REPLICAS_NOT_IGNORED),
  }),

  /** A commit to main synced the original back to 1 replica while the clone runs. */
  conflictAutoSync: makeStatus({
    argo: okArgo({
      revision: NEW_SHA,
      revisionUrl: `https://github.com/NeoGrAIph/web-core/commit/${NEW_SHA}`,
      lastSyncedAt: minutesAgo(25),
      replicasIgnored: false,
      replicasIgnoredInDiff: false,
    }),
    okteto: devModeOn(40),
    drift: conflict('auto-sync'),
    checklist: makeChecklist(REPLICAS_NOT_IGNORED),
  }),

  /** selfHeal on: Argo CD scaled the original back up; Okteto Platform says who. */
  conflictSelfHeal: makeStatus({
    argo: okArgo({
      selfHeal: true,
      replicasIgnored: false,
      replicasIgnoredInDiff: false,
    }),
    okteto: devModeOn(5, { user: 'bob' }),
    drift: conflict('self-heal'),
    checklist: makeChecklist(
      checkItem('self-heal-off', 'fail', 'checkSelfHealOn', {
        application: APP_REF,
        file: APPLICATION_PATH,
      }),
      REPLICAS_NOT_IGNORED,
    ),
  }),

  /** Started two days ago and left on. */
  abandoned: makeStatus({
    argo: argoSeesDevMode,
    workload: originalAtZero,
    okteto: devModeOn(2 * DAY + 3 * HOUR, { user: 'alice' }),
    drift: expectedDrift,
    checklist: makeChecklist(REPLICAS_NOT_IGNORED),
  }),

  /** Label tracking: the clone inherited the tracking label and automated prune deleted it. */
  brokenPruned: makeStatus({
    argo: argoSeesDevMode,
    workload: okWorkload({
      replicas: 0,
      readyReplicas: 0,
      pods: [],
      tracking: 'label',
    }),
    okteto: {
      state: 'broken',
      problems: [
        devMessage('oktetoCloneDeletedByPrune', {
          workload: WORKLOAD,
          clone: CLONE,
          application: APPLICATION,
        }),
      ],
    },
    drift: {
      kind: 'expected-okteto',
      resources: [originalScaledDown],
      ...devMessage('driftExpectedNoClone', { workload: WORKLOAD, clone: '' }),
    },
    checklist: makeChecklist(REPLICAS_NOT_IGNORED),
  }),

  /** Pod Security rejects the clone's pods (it runs as root by default). */
  brokenFailedCreate: makeStatus({
    argo: argoSeesDevMode,
    workload: originalAtZero,
    okteto: {
      state: 'broken',
      problems: [
        devMessage('oktetoCloneCreateFailed', {
          clone: CLONE,
          reason: 'FailedCreate',
          message: `pods "${CLONE}-7c9d5b6f4-" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)`,
        }),
      ],
      clone: CLONE,
      pods: [],
      since: minutesAgo(4),
      ageSeconds: 240,
      abandoned: false,
    },
    drift: expectedDrift,
    checklist: makeChecklist(REPLICAS_NOT_IGNORED),
  }),

  /** No storage for the dev volume: the dev pod waits unscheduled. */
  brokenPvcPending: makeStatus({
    argo: argoSeesDevMode,
    workload: originalAtZero,
    okteto: {
      state: 'broken',
      problems: [
        devMessage('oktetoPvcPending', {
          pvc: `${DEV_ENTRY}-okteto`,
          pod: `${CLONE}-7c9d5b6f4-q2w8x`,
        }),
      ],
      clone: CLONE,
      pods: [
        devPod({
          name: `${CLONE}-7c9d5b6f4-q2w8x`,
          phase: 'Pending',
          ready: false,
          startedAt: undefined,
        }),
      ],
      since: minutesAgo(10),
      ageSeconds: 600,
      abandoned: false,
    },
    drift: expectedDrift,
    checklist: makeChecklist(REPLICAS_NOT_IGNORED),
  }),

  /** A ConfigMap differs from Git while dev mode is on: not dev mode's doing. */
  unexpectedDuringDevMode: makeStatus({
    argo: okArgo({
      sync: 'OutOfSync',
      replicasIgnored: false,
      replicasIgnoredInDiff: false,
      resources: [
        originalScaledDown,
        {
          kind: 'ConfigMap',
          namespace: NAMESPACE,
          name: `${WORKLOAD}-config`,
          status: 'OutOfSync',
        },
      ],
    }),
    workload: originalAtZero,
    okteto: devModeOn(HOUR),
    drift: {
      kind: 'unexpected',
      resources: [
        originalScaledDown,
        {
          kind: 'ConfigMap',
          namespace: NAMESPACE,
          name: `${WORKLOAD}-config`,
          status: 'OutOfSync',
          cause: 'other',
        },
      ],
      ...devMessage('driftUnexpectedDuringDevMode', {
        resources: `ConfigMap ${WORKLOAD}-config`,
        workload: WORKLOAD,
      }),
    },
    checklist: makeChecklist(REPLICAS_NOT_IGNORED),
  }),

  /** okteto up was interrupted: the clone runs next to the unmarked original, both serve. */
  interrupted: makeStatus({
    okteto: {
      state: 'broken',
      problems: [
        devMessage('oktetoInterrupted', { clone: CLONE, workload: WORKLOAD }),
      ],
      clone: CLONE,
      pods: [devPod({ startedAt: minutesAgo(3 * HOUR) })],
      since: minutesAgo(3 * HOUR),
      ageSeconds: 3 * 3600,
      abandoned: false,
    },
    drift: conflict('interrupted'),
  }),
};
