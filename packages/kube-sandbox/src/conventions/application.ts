import type { JsonObject, KubeObject } from '../types';
import { AppConventions, fill, fillAll } from './types';

/*
 * An app's dev Application and the status Argo CD left after its first
 * automated sync of `revision` at `time`. The Argo CD simulation
 * recomputes sync/health/resources when it takes over.
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

export function argoApplication(
  c: AppConventions,
  a: ApplicationInput,
): KubeObject {
  const vars = { app: a.app, slug: a.app, namespace: a.namespace };
  const source = {
    repoURL: c.argo.repoURL,
    targetRevision: c.argo.targetRevision,
    path: fill(c.argo.path, vars),
    helm: { valueFiles: c.argo.valueFiles.map(f => fill(f, vars)) },
  };
  const destination = {
    server: c.argo.destinationServer,
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
    project: c.argo.project,
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
    namespace: c.argo.namespace,
    labels: fillAll(c.argo.labels, vars),
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
      controllerNamespace: c.argo.namespace,
    },
  };
}

/**
 * The ApplicationSet that generates apps (owner of their Applications): a
 * list generator and the conventions as its Go template.
 */
export function argoApplicationSet(
  c: AppConventions,
  uid: string,
  apps: string[],
): KubeObject {
  const t = { app: '{{.app}}', slug: '{{.app}}' };
  const namespace = fill(c.names.namespace, t);
  const name = fill(c.names.application, { ...t, namespace });
  const vars = { ...t, namespace, application: name };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: {
      name: c.argo.applicationSet,
      namespace: c.argo.namespace,
      uid,
      labels: fillAll(c.commonLabels, vars),
    },
    spec: {
      goTemplate: true,
      generators: [{ list: { elements: apps.map(app => ({ app })) } }],
      template: {
        metadata: { name },
        spec: {
          project: c.argo.project,
          source: {
            repoURL: c.argo.repoURL,
            targetRevision: c.argo.targetRevision,
            path: fill(c.argo.path, vars),
            helm: { valueFiles: c.argo.valueFiles.map(f => fill(f, vars)) },
          },
          destination: {
            server: c.argo.destinationServer,
            namespace,
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
