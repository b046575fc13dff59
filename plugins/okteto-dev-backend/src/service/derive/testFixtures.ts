import {
  DEFAULT_DEV_CONVENTIONS,
  resolveDevTarget,
} from '@okteto-dev/plugin-okteto-dev-common';
import { repo } from './testRepoFixtures';
import {
  ArgoApplicationObject,
  FetchedDevObjects,
  KubeDeployment,
  KubePod,
} from './types';

/** web-core's own dev Application: automated sync, selfHeal off, no `/spec/replicas` guard. */
export const WEB_CORE_APPLICATION = { ignoreReplicas: false, syncOptions: [] };

/**
 * Builders of the objects the web-core chart, Argo CD and Okteto leave in a cluster, for pure
 * tests. Shapes follow upstream: okteto/okteto `pkg/k8s/apps/translate.go` and
 * `pkg/k8s/apps/deployments.go` (DevClone), argo-cd `pkg/apis/application/v1alpha1/types.go`.
 */
export const target = resolveDevTarget(
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'corporate',
      annotations: { 'okteto-dev/app': 'corporate' },
    },
  },
  DEFAULT_DEV_CONVENTIONS,
);

export const NOW = '2026-11-25T10:05:00.000Z';
const REVISION = 'e35fb36ba6616dedc4b81b1559667a83a00d3b57';
const LABELS = {
  'app.kubernetes.io/name': 'web-app',
  'app.kubernetes.io/instance': 'web-corporate-dev',
};
const TRACKING_ID =
  'web-corporate-dev:apps/Deployment:web-corporate-dev/web-corporate-dev-web-app';

type Resource = NonNullable<
  NonNullable<ArgoApplicationObject['status']>['resources']
>[number];

export function resource(
  kind: string,
  name: string,
  status: string,
  extra: Partial<Resource> = {},
): Resource {
  return {
    ...(kind === 'Deployment' ? { group: 'apps' } : {}),
    version: 'v1',
    kind,
    namespace: 'web-corporate-dev',
    name,
    status,
    ...extra,
  };
}

export function application(
  overrides: {
    sync?: string;
    health?: string;
    selfHeal?: boolean;
    automated?: boolean;
    destination?: string;
    resources?: Resource[];
    /** Default true: the Application carries the `/spec/replicas` guard. */
    ignoreReplicas?: boolean;
    /** Default `['RespectIgnoreDifferences=true']`. */
    syncOptions?: string[];
    reconciledAt?: string;
  } = {},
): ArgoApplicationObject {
  const sync = overrides.sync ?? 'Synced';
  const syncOptions = overrides.syncOptions ?? [
    'RespectIgnoreDifferences=true',
  ];
  return {
    metadata: { name: 'web-corporate-dev', namespace: 'argo' },
    spec: {
      project: 'synestra-web',
      source: {
        repoURL: 'https://github.com/NeoGrAIph/web-core.git',
        targetRevision: 'main',
        path: 'deploy/charts/web-app',
        helm: {
          valueFiles: [
            '../../env/release-dev/corporate.yaml',
            '../../env/dev/corporate.yaml',
          ],
        },
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: overrides.destination ?? 'web-corporate-dev',
      },
      syncPolicy: {
        ...(overrides.automated === false
          ? {}
          : {
              automated: { prune: true, selfHeal: overrides.selfHeal ?? false },
            }),
        ...(syncOptions.length ? { syncOptions } : {}),
      },
      ...(overrides.ignoreReplicas !== false
        ? {
            ignoreDifferences: [
              {
                group: 'apps',
                kind: 'Deployment',
                name: 'web-corporate-dev-web-app',
                jsonPointers: ['/spec/replicas'],
              },
            ],
          }
        : {}),
    },
    status: {
      sync: { status: sync, revision: REVISION },
      health: { status: overrides.health ?? 'Healthy' },
      operationState: {
        phase: 'Succeeded',
        startedAt: '2026-11-25T09:59:58Z',
        finishedAt: '2026-11-25T10:00:00Z',
        operation: { initiatedBy: { automated: true } },
        syncResult: { revision: REVISION },
      },
      history: [
        {
          id: 1,
          revision: REVISION,
          deployedAt: '2026-11-25T10:00:00Z',
          initiatedBy: { automated: true },
        },
      ],
      reconciledAt: overrides.reconciledAt ?? '2026-11-25T10:03:00Z',
      resources: overrides.resources ?? [
        resource('Service', 'web-corporate-dev-web-app', 'Synced'),
        resource(
          'Deployment',
          'web-corporate-dev-web-app',
          sync === 'OutOfSync' ? 'OutOfSync' : 'Synced',
        ),
      ],
    },
  };
}

export function deployment(
  overrides: {
    name?: string;
    replicas?: number;
    ready?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    env?: Array<{ name: string; value?: string }>;
    secret?: string | null;
    image?: string;
    created?: string;
    conditions?: NonNullable<KubeDeployment['status']>['conditions'];
    tracking?: 'annotation' | 'label';
  } = {},
): KubeDeployment {
  const replicas = overrides.replicas ?? 1;
  const name = overrides.name ?? 'web-corporate-dev-web-app';
  return {
    metadata: {
      name,
      namespace: 'web-corporate-dev',
      uid: overrides.name ? `uid-${overrides.name}` : 'uid-original',
      creationTimestamp: overrides.created ?? '2026-11-01T00:00:00Z',
      labels: { ...LABELS, ...overrides.labels },
      annotations: {
        ...(overrides.tracking === 'label'
          ? {}
          : { 'argocd.argoproj.io/tracking-id': TRACKING_ID }),
        ...overrides.annotations,
      },
    },
    spec: {
      replicas,
      selector: { matchLabels: LABELS },
      template: {
        metadata: { labels: LABELS },
        spec: {
          containers: [
            {
              name: 'app',
              image:
                overrides.image ??
                'ghcr.io/neograiph/web-core/corporate:e35fb36',
              env: overrides.env ?? [
                { name: 'SYNESTRA_ENV', value: 'dev' },
                {
                  name: 'NEXT_PUBLIC_SERVER_URL',
                  value: 'https://corporate.dev.synestra.tech',
                },
              ],
              envFrom:
                overrides.secret === null
                  ? []
                  : [
                      {
                        secretRef: {
                          name: overrides.secret ?? 'web-corporate-dev-env',
                        },
                      },
                    ],
            },
          ],
        },
      },
    },
    status: {
      replicas,
      readyReplicas: overrides.ready ?? replicas,
      ...(overrides.conditions ? { conditions: overrides.conditions } : {}),
    },
  };
}

/**
 * The original and its clone as `okteto up` leaves them: the clone copies every label and
 * annotation of the original (Argo CD's tracking ones too), adds `dev.okteto.com/clone: <uid>`,
 * and mounts the `<dev>-okteto` PVC; the original is labelled, annotated and scaled to 0.
 */
export function devModeOn(
  options: {
    user?: string;
    mode?: string;
    originalReplicas?: number;
    created?: string;
    tracking?: 'annotation' | 'label';
    cloneConditions?: NonNullable<KubeDeployment['status']>['conditions'];
  } = {},
): KubeDeployment[] {
  const original = deployment({
    replicas: options.originalReplicas ?? 0,
    tracking: options.tracking,
    labels: { 'dev.okteto.com': 'true' },
    annotations: {
      'dev.okteto.com/replicas': '1',
      'dev.okteto.com/dev-mode': options.mode ?? 'sync',
    },
  });
  const clone = deployment({
    name: 'web-corporate-dev-web-app-okteto',
    tracking: options.tracking,
    labels: { 'dev.okteto.com/clone': 'uid-original' },
    annotations: { 'dev.okteto.com/dev-mode': options.mode ?? 'sync' },
    image: 'ghcr.io/neograiph/web-core/dev:node22-pnpm',
    created: options.created ?? '2026-11-25T09:00:00Z',
    conditions: options.cloneConditions,
    ready: options.cloneConditions ? 0 : 1,
    env: [
      { name: 'SYNESTRA_ENV', value: 'dev' },
      { name: 'OKTETO_NAMESPACE', value: 'web-corporate-dev' },
      { name: 'OKTETO_NAME', value: 'web-corporate-dev' },
      ...(options.user
        ? [{ name: 'OKTETO_USERNAME', value: options.user }]
        : []),
    ],
  });
  clone.spec!.template!.spec!.volumes = [
    {
      name: 'web-corporate-dev-okteto',
      persistentVolumeClaim: { claimName: 'web-corporate-dev-okteto' },
    },
  ];
  return [original, clone];
}

export function pod(
  name: string,
  overrides: {
    dev?: boolean;
    reason?: string;
    /** The waiting container's message (with `reason`). */
    message?: string;
    restarts?: number;
    ready?: boolean;
    phase?: string;
    conditions?: NonNullable<KubePod['status']>['conditions'];
    init?: { name: string; reason: string };
  } = {},
): KubePod {
  return {
    metadata: {
      name,
      namespace: 'web-corporate-dev',
      labels: {
        ...LABELS,
        ...(overrides.dev
          ? { 'interactive.dev.okteto.com': 'web-corporate-dev' }
          : {}),
      },
    },
    status: {
      phase: overrides.phase ?? 'Running',
      ...(overrides.conditions ? { conditions: overrides.conditions } : {}),
      ...(overrides.init
        ? {
            initContainerStatuses: [
              {
                name: overrides.init.name,
                ready: false,
                restartCount: 0,
                state: { waiting: { reason: overrides.init.reason } },
              },
            ],
          }
        : {}),
      containerStatuses: [
        {
          name: 'app',
          ready: overrides.ready ?? !overrides.reason,
          restartCount: overrides.restarts ?? 0,
          state: overrides.reason
            ? {
                waiting: {
                  reason: overrides.reason,
                  ...(overrides.message ? { message: overrides.message } : {}),
                },
              }
            : { running: { startedAt: '2026-11-25T09:01:00Z' } },
        },
      ],
    },
  };
}

/** A healthy, synced app without dev mode, everything readable; override any read. */
export function fetched(
  overrides: Partial<FetchedDevObjects> = {},
): FetchedDevObjects {
  return {
    entityRef: 'component:default/corporate',
    fetchedAt: NOW,
    target,
    conventionNamespace: 'web-corporate-dev',
    application: { ok: true, value: application() },
    deployments: { ok: true, value: [deployment()] },
    pods: { ok: true, value: [pod('web-corporate-dev-web-app-7d9c-abcde')] },
    repo: repo(),
    ...overrides,
  };
}

export { MANIFEST, repo, STIGNORE } from './testRepoFixtures';
