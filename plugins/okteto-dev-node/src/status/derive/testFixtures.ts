import {
  DEFAULT_DEV_CONVENTIONS,
  resolveDevTarget,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  ArgoApplicationObject,
  FetchedDevObjects,
  KubeDeployment,
  KubePod,
} from './types';

/** Builders of the objects the web-core chart and Okteto leave in a cluster, for pure tests. */
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

const LABELS = {
  'app.kubernetes.io/name': 'web-app',
  'app.kubernetes.io/instance': 'web-corporate-dev',
};

export function application(
  overrides: {
    sync?: string;
    health?: string;
    selfHeal?: boolean;
    destination?: string;
  } = {},
): ArgoApplicationObject {
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
        automated: { prune: true, selfHeal: overrides.selfHeal ?? false },
      },
    },
    status: {
      sync: {
        status: overrides.sync ?? 'Synced',
        revision: 'e35fb36ba6616dedc4b81b1559667a83a00d3b57',
      },
      health: { status: overrides.health ?? 'Healthy' },
      operationState: {
        phase: 'Succeeded',
        finishedAt: '2026-11-25T10:00:00Z',
      },
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
  } = {},
): KubeDeployment {
  const replicas = overrides.replicas ?? 1;
  return {
    metadata: {
      name: overrides.name ?? 'web-corporate-dev-web-app',
      namespace: 'web-corporate-dev',
      uid: overrides.name ? `uid-${overrides.name}` : 'uid-original',
      creationTimestamp: overrides.created ?? '2026-11-01T00:00:00Z',
      labels: { ...LABELS, ...overrides.labels },
      annotations: overrides.annotations,
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
    status: { replicas, readyReplicas: overrides.ready ?? replicas },
  };
}

/** The original and its clone as `okteto up` leaves them. */
export function devModeOn(
  options: { user?: string; mode?: string; originalReplicas?: number } = {},
): KubeDeployment[] {
  const original = deployment({
    replicas: options.originalReplicas ?? 0,
    labels: { 'dev.okteto.com': 'true' },
    annotations: {
      'dev.okteto.com/replicas': '1',
      'dev.okteto.com/dev-mode': options.mode ?? 'sync',
    },
  });
  const clone = deployment({
    name: 'web-corporate-dev-web-app-okteto',
    labels: { 'dev.okteto.com/clone': 'uid-original' },
    annotations: { 'dev.okteto.com/dev-mode': options.mode ?? 'sync' },
    image: 'ghcr.io/neograiph/web-core/dev:node22-pnpm',
    created: '2026-11-25T09:00:00Z',
    env: [
      { name: 'SYNESTRA_ENV', value: 'dev' },
      { name: 'OKTETO_NAMESPACE', value: 'web-corporate-dev' },
      { name: 'OKTETO_NAME', value: 'web-corporate-dev' },
      ...(options.user
        ? [{ name: 'OKTETO_USERNAME', value: options.user }]
        : []),
    ],
  });
  return [original, clone];
}

export function pod(
  name: string,
  overrides: {
    dev?: boolean;
    reason?: string;
    restarts?: number;
    ready?: boolean;
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
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          ready: overrides.ready ?? !overrides.reason,
          restartCount: overrides.restarts ?? 0,
          ...(overrides.reason
            ? { state: { waiting: { reason: overrides.reason } } }
            : {}),
        },
      ],
    },
  };
}

export const MANIFEST = `name: web-core
dev:
  web-corporate-dev:
    selector:
      app.kubernetes.io/name: web-app
      app.kubernetes.io/instance: web-corporate-dev
    container: app
    workdir: /app/apps/corporate
    command: sh -lc 'pnpm install --frozen-lockfile; pnpm exec next dev'
    sync:
      - ..:/app
`;

export const STIGNORE =
  '**/node_modules/**\n**/.next/**\n**/.turbo/**\n**/dist/**\n**/coverage/**\n**/.git/**\n';

/** A healthy, synced app without dev mode, everything readable; override any read. */
export function fetched(
  overrides: Partial<FetchedDevObjects> = {},
): FetchedDevObjects {
  return {
    entityRef: 'component:default/corporate',
    fetchedAt: '2026-11-25T10:05:00.000Z',
    target,
    conventionNamespace: 'web-corporate-dev',
    application: { ok: true, value: application() },
    deployments: { ok: true, value: [deployment()] },
    secretNames: { ok: true, value: ['web-corporate-dev-env'] },
    manifest: {
      ok: true,
      value: { path: '.okteto/okteto.yml', content: MANIFEST },
    },
    stignore: { ok: true, value: { path: '.stignore', content: STIGNORE } },
    ...overrides,
  };
}
