/** Pieces the scenarios share: what dev mode does to the original, conflicts, read errors. */
import {
  DevError,
  devMessage,
  DevStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  APPLICATION,
  checkItem,
  CLONE,
  DEV_ENTRY,
  makeChecklist,
  makeStatus,
  MANIFEST,
  NAMESPACE,
  okArgo,
  okWorkload,
  WORKLOAD,
} from './builders';

/** The original scaled to 0 by dev mode: what Argo CD sees OutOfSync, explained by dev mode. */
export const originalScaledDown = {
  group: 'apps',
  kind: 'Deployment',
  namespace: NAMESPACE,
  name: WORKLOAD,
  status: 'OutOfSync',
  cause: 'dev-mode' as const,
};

/** The original as dev mode leaves it: scaled to 0. */
export const originalAtZero = okWorkload({
  replicas: 0,
  readyReplicas: 0,
  pods: [],
});

/** Argo CD seeing the original at 0 replicas while Git says 1 (replicas not ignored). */
export const argoSeesDevMode = okArgo({
  sync: 'OutOfSync',
  replicasIgnored: false,
  replicasIgnoredInDiff: false,
  resources: [originalScaledDown],
});

export const conflict = (cause: 'auto-sync' | 'self-heal' | 'interrupted') =>
  ({
    kind: 'conflict',
    cause,
    resources: [],
    ...devMessage(
      {
        'auto-sync': 'driftConflictAutoSync',
        'self-heal': 'driftConflictSelfHeal',
        interrupted: 'driftConflictInterrupted',
      }[cause] as 'driftConflictAutoSync',
      {
        workload: WORKLOAD,
        clone: CLONE,
        replicas: 1,
        application: APPLICATION,
      },
    ),
  } satisfies DevStatus['drift']);

export const expectedDrift: DevStatus['drift'] = {
  kind: 'expected-okteto',
  resources: [originalScaledDown],
  ...devMessage('driftExpected', { workload: WORKLOAD, clone: CLONE }),
};

const unreachable = (resource: string): DevError => ({
  type: 'unreachable',
  message: 'connect ECONNREFUSED 10.0.0.1:6443',
  cluster: 'default',
  resource,
});
export const argoUnreachable = unreachable(
  'applications.argoproj.io argo/web-corporate-dev',
);
export const deploymentsUnreachable = unreachable(`deployments ${NAMESPACE}`);
export const podsForbidden: DevError = {
  type: 'forbidden',
  message: `pods is forbidden: User "system:serviceaccount:backstage:okteto-dev" cannot list resource "pods" in API group "" in the namespace "${NAMESPACE}"`,
  statusCode: 403,
  cluster: 'default',
  resource: `pods ${NAMESPACE}`,
};

/** No dev entry yet: what the repository says, and the package/folder read from it. */
export const withoutDevEntry = (
  overrides: Partial<DevStatus> = {},
): DevStatus => {
  const base = makeStatus();
  return makeStatus({
    target: { ...base.target, devEntry: undefined },
    commands: {
      ...base.commands!,
      dev: `pnpm --filter ${base.target.package} dev`,
      devSource: 'package',
    },
    checklist: makeChecklist(
      checkItem('dev-service', 'fail', 'checkDevEntryMissing', {
        manifest: MANIFEST,
        workload: WORKLOAD,
        entry: DEV_ENTRY,
      }),
      checkItem('dev-image', 'unknown', 'checkNoDevEntry'),
      checkItem('stignore', 'unknown', 'checkNoDevEntry'),
    ),
    ...overrides,
  });
};
