import { devMessage } from '@okteto-dev/plugin-okteto-dev-common';
import {
  APP_REF,
  APPLICATION_PATH,
  checkItem,
  DAY,
  DEV_ENTRY,
  HOUR,
  makeChecklist,
  makeStatus,
  MANIFEST,
  minutesAgo,
  NAMESPACE,
  NEW_SHA,
  okArgo,
  okWorkload,
  WORKLOAD,
} from './builders';
import {
  argoUnreachable,
  deploymentsUnreachable,
  podsForbidden,
  withoutDevEntry,
} from './scenarioParts';

/** Answers about the app's set-up, Argo CD and the cluster, as the backend derives them. */
export const setupScenarios = {
  /** All set up, nobody in dev mode. */
  healthyOff: makeStatus(),

  /**
   * Argo CD in trouble: the last automated sync failed, a ComparisonError, no comparison for 3
   * hours, a newer revision compared, and an ApplicationSet that owns the Application.
   */
  argoTrouble: makeStatus({
    argo: okArgo({
      sync: 'Unknown',
      comparedRevision: NEW_SHA,
      lastSyncedAt: minutesAgo(2 * DAY),
      history: [
        {
          id: 40,
          revision: 'e35fb36ba6616dedc4b81b1559667a83a00d3b57',
          deployedAt: minutesAgo(2 * DAY),
          automated: true,
        },
      ],
      revision: 'e35fb36ba6616dedc4b81b1559667a83a00d3b57',
      revisionUrl:
        'https://github.com/NeoGrAIph/web-core/commit/e35fb36ba6616dedc4b81b1559667a83a00d3b57',
      operation: {
        phase: 'Failed',
        failed: true,
        message:
          'one or more synchronization tasks are not valid (retried 5 times).',
        startedAt: minutesAgo(22),
        finishedAt: minutesAgo(20),
        revision: NEW_SHA,
        automated: true,
      },
      conditions: [
        {
          type: 'ComparisonError',
          message:
            'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = Manifest generation error (cached): `helm template . --name-template web-corporate-dev --namespace web-corporate-dev --kube-version 1.31 --values ../../env/release-dev/corporate.yaml --values ../../env/dev/corporate.yaml --include-crds` failed exit status 1: Error: open ../../env/release-dev/corporate.yaml: no such file or directory',
        },
      ],
      reconciledAt: minutesAgo(3 * HOUR),
      reconcileStale: true,
      applicationSet: 'web-apps-dev',
      selfHeal: true,
      replicasIgnored: false,
      replicasIgnoredInDiff: false,
    }),
    drift: {
      kind: 'unknown',
      resources: [],
      ...devMessage('driftUnknownSync'),
    },
    checklist: makeChecklist(
      checkItem('argo-application', 'pass', 'checkArgoAppExists', {
        application: APP_REF,
        sync: 'Unknown',
        health: 'Healthy',
      }),
      checkItem('self-heal-off', 'fail', 'checkSelfHealOnAppSet', {
        application: APP_REF,
        file: APPLICATION_PATH,
        applicationSet: 'web-apps-dev',
      }),
      checkItem('replicas-ignored', 'fail', 'checkReplicasNotIgnoredAppSet', {
        application: APP_REF,
        file: APPLICATION_PATH,
        applicationSet: 'web-apps-dev',
        workload: WORKLOAD,
        revision: 'main',
      }),
      checkItem('stignore', 'fail', 'checkStignoreMissingEntries', {
        path: '.stignore',
        entries: '**/.turbo/, **/coverage/',
      }),
    ),
  }),

  /** Nothing deployed yet and no dev entry: the package name is a guess. */
  appMissing: makeStatus({
    target: {
      ...makeStatus().target,
      package: 'corporate',
      appDir: 'apps/corporate',
      sources: { package: 'convention', appDir: 'convention' },
      notes: [
        devMessage('packageJsonMissing', {
          path: 'apps/corporate/package.json',
          package: 'corporate',
        }),
      ],
      devEntry: undefined,
    },
    argo: { state: 'not-found' },
    workload: { state: 'not-found' },
    drift: {
      kind: 'unknown',
      resources: [],
      ...devMessage('driftUnknownArgoMissing'),
    },
    checklist: makeChecklist(
      checkItem('argo-application', 'fail', 'checkArgoAppMissing', {
        application: APP_REF,
      }),
      ...(
        ['namespace-convention', 'self-heal-off', 'replicas-ignored'] as const
      ).map(id =>
        checkItem(id, 'unknown', 'checkArgoAppMissing', {
          application: APP_REF,
        }),
      ),
      ...(['env-var', 'env-secret'] as const).map(id =>
        checkItem(id, 'unknown', 'checkWorkloadMissing', {
          namespace: NAMESPACE,
          workload: WORKLOAD,
        }),
      ),
      checkItem('dev-service', 'fail', 'checkManifestMissing', {
        manifest: MANIFEST,
      }),
      checkItem('dev-image', 'unknown', 'checkNoDevEntry'),
      checkItem('stignore', 'unknown', 'checkNoDevEntry'),
    ),
    commands: {
      oktetoUp: `okteto up ${DEV_ENTRY} --namespace ${NAMESPACE}`,
      oktetoDown: `okteto down ${DEV_ENTRY} --namespace ${NAMESPACE}`,
      dev: 'pnpm --filter corporate dev',
      devSource: 'package',
    },
  }),

  /** Deployed by Argo CD but without a dev entry: "Enable Okteto". */
  devServiceMissing: withoutDevEntry(),

  /** The app crashes on start: CrashLoopBackOff, its last exit in the status. */
  workloadCrashing: makeStatus({
    argo: okArgo({
      health: 'Degraded',
      healthMessage: `Deployment "${WORKLOAD}" exceeded its progress deadline`,
    }),
    workload: okWorkload({
      readyReplicas: 0,
      pods: [
        {
          name: `${WORKLOAD}-7d9f8c6b5-k2l9p`,
          phase: 'Running',
          ready: false,
          restarts: 7,
          reason: 'CrashLoopBackOff',
          startedAt: minutesAgo(2),
          lastTermination: {
            reason: 'Error',
            exitCode: 1,
            finishedAt: minutesAgo(2),
          },
        },
      ],
    }),
  }),

  /** The cluster cannot be read and there is no earlier answer. */
  clusterErrors: makeStatus({
    argo: { state: 'error', error: argoUnreachable },
    workload: { state: 'error', error: deploymentsUnreachable },
    okteto: { state: 'error', error: deploymentsUnreachable },
    drift: {
      kind: 'unknown',
      resources: [],
      ...devMessage('driftUnknownArgoError'),
    },
    checklist: makeChecklist(
      ...(
        [
          'namespace-convention',
          'self-heal-off',
          'replicas-ignored',
          'argo-application',
        ] as const
      ).map(id =>
        checkItem(id, 'unknown', 'checkArgoAppUnreadable', {
          application: APP_REF,
          error: argoUnreachable.message,
        }),
      ),
      ...(['env-var', 'env-secret'] as const).map(id =>
        checkItem(id, 'unknown', 'checkWorkloadUnreadable', {
          error: deploymentsUnreachable.message,
        }),
      ),
    ),
    errors: [argoUnreachable, deploymentsUnreachable, podsForbidden],
  }),

  /** The cluster failed just now: the last good answer, 5 minutes old, with today's errors. */
  stale: makeStatus({
    stale: { since: minutesAgo(5), ageSeconds: 300 },
    errors: [argoUnreachable],
  }),
};
