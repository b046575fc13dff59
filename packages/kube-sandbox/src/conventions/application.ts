import type { JsonObject, KubeObject } from '../types';
import { WEB_CORE } from './names';

/*
 * A web-core Application (deploy/argocd/apps/dev/<app>.yaml) and the status
 * Argo CD left after its first automated sync of `revision` at `time`. The
 * Argo CD simulation recomputes sync/health/resources when it takes over.
 */

export interface ApplicationInput {
  app: string;
  name: string;
  namespace: string;
  revision: string;
  time: string;
  selfHeal: boolean;
  /** `undefined`: web-core's default `[CreateNamespace=true]`. */
  syncOptions?: string[];
  ignoreReplicas: boolean;
  trackingMethod?: 'label' | 'annotation';
  applicationSet?: { name: string; uid: string };
  /** The objects of the first sync (for syncResult.resources). */
  synced: KubeObject[];
  images: string[];
}

function syncedResource(o: KubeObject): JsonObject {
  const [group, version] = o.apiVersion.includes('/')
    ? o.apiVersion.split('/')
    : ['', o.apiVersion];
  const type = `${o.kind.toLowerCase()}${group ? `.${group}` : ''}`;
  return {
    group,
    version,
    kind: o.kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
    status: 'Synced',
    message: `${type}/${o.metadata.name} created`,
    hookPhase: 'Running',
    syncPhase: 'Sync',
  };
}

export function webCoreApplication(a: ApplicationInput): KubeObject {
  const source = {
    repoURL: WEB_CORE.repoURL,
    targetRevision: WEB_CORE.targetRevision,
    path: WEB_CORE.chartPath,
    helm: {
      valueFiles: [
        `../../env/release-dev/${a.app}.yaml`,
        `../../env/dev/${a.app}.yaml`,
      ],
    },
  };
  const destination = {
    server: WEB_CORE.destinationServer,
    namespace: a.namespace,
  };
  const syncOptions = [
    ...(a.syncOptions ?? ['CreateNamespace=true']),
    ...(a.ignoreReplicas ? ['RespectIgnoreDifferences=true'] : []),
  ];
  const syncPolicy: JsonObject = {
    automated: { prune: true, selfHeal: a.selfHeal },
  };
  if (syncOptions.length) syncPolicy.syncOptions = syncOptions;
  const spec: JsonObject = {
    project: WEB_CORE.project,
    source,
    destination,
    syncPolicy,
  };
  if (a.ignoreReplicas) {
    spec.ignoreDifferences = [
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
    ];
  }
  const metadata: KubeObject['metadata'] = {
    name: a.name,
    namespace: WEB_CORE.argoNamespace,
    labels: {
      'app.kubernetes.io/part-of': 'web-core',
      'synestra.io/env': 'dev',
    },
    finalizers: ['resources-finalizer.argocd.argoproj.io'],
  };
  if (a.trackingMethod === 'label') {
    metadata.annotations = { 'sandbox.okteto-dev/tracking-method': 'label' };
  }
  if (a.applicationSet) {
    metadata.ownerReferences = [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        name: a.applicationSet.name,
        uid: a.applicationSet.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
  }
  const operation = {
    sync: {
      revision: a.revision,
      prune: true,
      ...(syncOptions.length ? { syncOptions } : {}),
      source,
    },
    initiatedBy: { automated: true },
    retry: { limit: 5 },
  };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata,
    spec,
    status: {
      sync: {
        status: 'Synced',
        revision: a.revision,
        comparedTo: { source, destination },
      },
      health: { status: 'Healthy', lastTransitionTime: a.time },
      operationState: {
        operation,
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: a.time,
        finishedAt: a.time,
        syncResult: {
          resources: a.synced.map(syncedResource),
          revision: a.revision,
          source,
        },
      },
      reconciledAt: a.time,
      history: [
        {
          revision: a.revision,
          deployedAt: a.time,
          id: 0,
          source,
          deployStartedAt: a.time,
          initiatedBy: { automated: true },
        },
      ],
      resources: a.synced.map(o => {
        const [group, version] = o.apiVersion.includes('/')
          ? o.apiVersion.split('/')
          : ['', o.apiVersion];
        return {
          ...(group ? { group } : {}),
          version,
          kind: o.kind,
          namespace: o.metadata.namespace,
          name: o.metadata.name,
          status: 'Synced',
        };
      }),
      summary: { images: a.images },
      sourceType: 'Helm',
      resourceHealthSource: 'appTree',
      controllerNamespace: WEB_CORE.argoNamespace,
    },
  };
}

/** The ApplicationSet that generates an app (owner of its Application). */
export function webCoreApplicationSet(uid: string): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: {
      name: WEB_CORE.applicationSet,
      namespace: WEB_CORE.argoNamespace,
      uid,
      labels: { 'app.kubernetes.io/part-of': 'web-core' },
    },
    spec: {
      goTemplate: true,
      generators: [{ list: { elements: [{ app: 'landings' }] } }],
      template: {
        metadata: { name: 'web-{{.app}}-dev' },
        spec: {
          project: WEB_CORE.project,
          source: {
            repoURL: WEB_CORE.repoURL,
            targetRevision: WEB_CORE.targetRevision,
            path: WEB_CORE.chartPath,
            helm: {
              valueFiles: [
                '../../env/release-dev/{{.app}}.yaml',
                '../../env/dev/{{.app}}.yaml',
              ],
            },
          },
          destination: {
            server: WEB_CORE.destinationServer,
            namespace: 'web-{{.app}}-dev',
          },
          syncPolicy: {
            automated: { prune: true, selfHeal: false },
            syncOptions: ['CreateNamespace=true'],
          },
        },
      },
    },
  };
}
