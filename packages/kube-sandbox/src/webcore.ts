import { createHash } from 'node:crypto';
import {
  buildPod,
  buildReplicaSet,
  podName,
  POD_STATE_ANNOTATION,
  PodState,
} from './controller';
import type { KubeObject } from './types';

/** Conventions of NeoGrAIph/web-core (Argo CD + Helm chart `web-app`). */
export const WEB_CORE = {
  argoNamespace: 'argo',
  project: 'synestra-web',
  repoURL: 'https://github.com/NeoGrAIph/web-core.git',
  targetRevision: 'main',
  chartPath: 'deploy/charts/web-app',
  destinationServer: 'https://kubernetes.default.svc',
  registry: 'ghcr.io/neograiph/web-core',
  devImage: 'ghcr.io/neograiph/web-core/dev:node22-pnpm',
} as const;

export interface WebCoreAppSpec {
  /** App key, e.g. `corporate` (used for images and values files). */
  app: string;
  /** Name stem: namespace/Application/instance = `web-<slug>-dev` (default: app). */
  slug?: string;
  selfHeal?: boolean;
  sync?: 'Synced' | 'OutOfSync' | 'Unknown';
  health?: 'Healthy' | 'Degraded' | 'Progressing' | 'Missing';
  healthMessage?: string;
  podState?: PodState;
  /** Emit the Argo CD Application (default true). */
  application?: boolean;
  /** Emit the `web-<slug>-dev-env` Secret (default true). */
  envSecret?: boolean;
  replicas?: number;
  /** Fixed timestamps in Application status (default 2025-06-02T09:…Z). */
  time?: string;
}

function sha40(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

export function webCoreNames(app: string, slug = app) {
  const ns = `web-${slug}-dev`;
  return {
    namespace: ns,
    application: ns,
    instance: ns,
    deployment: `${ns}-web-app`,
    service: `${ns}-web-app`,
    envSecret: `${ns}-env`,
  };
}

/** Namespace, Application (in `argo`), Deployment, Service and Secret of one app. */
export function webCoreAppObjects(spec: WebCoreAppSpec): KubeObject[] {
  const n = webCoreNames(spec.app, spec.slug);
  const revision = sha40(`web-core/${spec.app}`);
  const image = `${WEB_CORE.registry}/${spec.app}:${revision.slice(0, 7)}`;
  const time = spec.time ?? '2025-06-02T09:30:00Z';
  const labels = {
    'app.kubernetes.io/name': 'web-app',
    'app.kubernetes.io/instance': n.instance,
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/part-of': 'web-core',
    'helm.sh/chart': 'web-app-0.1.0',
  };
  const selector = {
    'app.kubernetes.io/name': 'web-app',
    'app.kubernetes.io/instance': n.instance,
  };
  const tracking = (group: string, kind: string, name: string) =>
    `${n.application}:${group}/${kind}:${n.namespace}/${name}`;
  const podAnnotations = spec.podState
    ? { [POD_STATE_ANNOTATION]: spec.podState }
    : undefined;
  const health = spec.health ?? 'Healthy';
  const healthObj: Record<string, string> = { status: health };
  if (spec.healthMessage) healthObj.message = spec.healthMessage;
  const source = {
    repoURL: WEB_CORE.repoURL,
    targetRevision: WEB_CORE.targetRevision,
    path: WEB_CORE.chartPath,
    helm: {
      valueFiles: [
        `../../env/release-dev/${spec.app}.yaml`,
        `../../env/dev/${spec.app}.yaml`,
      ],
    },
  };
  const destination = {
    server: WEB_CORE.destinationServer,
    namespace: n.namespace,
  };
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: n.namespace,
        labels: {
          'app.kubernetes.io/part-of': 'web-core',
          'synestra.io/env': 'dev',
        },
      },
    },
  ];
  if (spec.application !== false) {
    objects.push({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: n.application,
        namespace: WEB_CORE.argoNamespace,
        labels: {
          'app.kubernetes.io/part-of': 'web-core',
          'synestra.io/env': 'dev',
        },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: WEB_CORE.project,
        source,
        destination,
        syncPolicy: {
          automated: { prune: true, selfHeal: spec.selfHeal ?? false },
          syncOptions: ['CreateNamespace=true'],
        },
      },
      status: {
        sync: {
          status: spec.sync ?? 'Synced',
          revision,
          comparedTo: { source, destination },
        },
        health: healthObj,
        operationState: {
          operation: { sync: { revision }, initiatedBy: { automated: true } },
          phase: 'Succeeded',
          message: 'successfully synced (all tasks run)',
          startedAt: time,
          finishedAt: time,
          syncResult: { revision, source },
        },
        reconciledAt: time,
        history: [
          {
            id: 1,
            revision,
            deployStartedAt: time,
            deployedAt: time,
            source,
          },
        ],
        resources: [
          {
            version: 'v1',
            kind: 'Service',
            namespace: n.namespace,
            name: n.service,
            status: 'Synced',
            health: { status: 'Healthy' },
          },
          {
            group: 'apps',
            version: 'v1',
            kind: 'Deployment',
            namespace: n.namespace,
            name: n.deployment,
            status: 'Synced',
            health: healthObj,
          },
        ],
        summary: { images: [image] },
        sourceType: 'Helm',
      },
    });
  }
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: n.deployment,
      namespace: n.namespace,
      labels,
      annotations: {
        'argocd.argoproj.io/tracking-id': tracking(
          'apps',
          'Deployment',
          n.deployment,
        ),
      },
    },
    spec: {
      replicas: spec.replicas ?? 1,
      revisionHistoryLimit: 3,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: selector },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      template: {
        metadata: podAnnotations
          ? { labels: selector, annotations: podAnnotations }
          : { labels: selector },
        spec: {
          containers: [
            {
              name: 'app',
              image,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: 3000, protocol: 'TCP' }],
              env: [
                { name: 'SYNESTRA_ENV', value: 'dev' },
                {
                  name: 'NEXT_PUBLIC_SERVER_URL',
                  value: `https://${spec.slug ?? spec.app}.dev.synestra.io`,
                },
              ],
              envFrom: [{ secretRef: { name: n.envSecret } }],
              readinessProbe: {
                httpGet: { path: '/', port: 'http' },
                periodSeconds: 10,
              },
              resources: {
                requests: { cpu: '100m', memory: '256Mi' },
                limits: { memory: '1Gi' },
              },
            },
          ],
        },
      },
    },
  });
  objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: n.service,
      namespace: n.namespace,
      labels,
      annotations: {
        'argocd.argoproj.io/tracking-id': tracking('', 'Service', n.service),
      },
    },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [
        { name: 'http', port: 3000, targetPort: 'http', protocol: 'TCP' },
      ],
    },
  });
  if (spec.envSecret !== false) {
    const slug = spec.slug ?? spec.app;
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: n.envSecret,
        namespace: n.namespace,
        labels: { 'app.kubernetes.io/instance': n.instance },
      },
      type: 'Opaque',
      data: {
        DATABASE_URI: b64(
          `postgres://${slug}:sandbox-not-a-secret@postgres.${n.namespace}.svc:5432/${slug}`,
        ),
        PAYLOAD_SECRET: b64(`sandbox-payload-secret-${slug}`),
      },
    });
  }
  return objects;
}

export interface GenerateOptions {
  /** Also emit a ReplicaSet and Pods per app (default true). */
  withPods?: boolean;
}

/**
 * Objects for `n` healthy web-core style apps (`app-0001`…): the `argo`
 * namespace once, then per app a Namespace, Application, Deployment,
 * Service, Secret, ReplicaSet and Pod — named as the controller would.
 */
export function generateWebCoreApps(
  n: number,
  options: GenerateOptions = {},
): KubeObject[] {
  const out: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: WEB_CORE.argoNamespace },
    },
  ];
  for (let i = 1; i <= n; i++) {
    const app = `app-${String(i).padStart(4, '0')}`;
    const objects = webCoreAppObjects({ app });
    out.push(...objects);
    if (options.withPods === false) continue;
    const deployment = objects.find(o => o.kind === 'Deployment')!;
    deployment.metadata.uid = sha40(`uid/deploy/${app}`).replace(
      /^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/,
      '$1-$2-$3-$4-$5',
    );
    const rs = buildReplicaSet(deployment);
    rs.metadata.uid = sha40(`uid/rs/${app}`).replace(
      /^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/,
      '$1-$2-$3-$4-$5',
    );
    rs.status = {
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    };
    out.push(rs, buildPod(rs, podName(rs.metadata.name, 0)));
  }
  return out;
}
