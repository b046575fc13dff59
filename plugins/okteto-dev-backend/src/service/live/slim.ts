import {
  ArgoApplicationObject,
  ArgoSource,
  KubeCondition,
  KubeContainer,
  KubeContainerStatus,
  KubeMeta,
  KubePod,
  KubeSecretKeyRef,
  KubeWorkload,
  WorkloadKind,
} from '../derive/types';

/**
 * Projections of watched objects onto what the derivation reads (`derive/types.ts`), so the live
 * store keeps a bounded, known set of fields: no managedFields, of a pod's spec only which Secrets
 * its containers take, and nothing of any Secret (Secrets are never read).
 * Each function takes the object as the API server sent it and builds a new one field by field.
 */

/** Annotations that only cost memory: the whole object again, as last applied by kubectl. */
const DROPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
]);

/** An annotation value longer than this is not one the derivation reads (it reads short flags). */
const MAX_ANNOTATION_LENGTH = 4096;

type Raw = Record<string, any>;

function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

function strings(
  map: unknown,
  keep: (key: string, value: string) => boolean = () => true,
): Record<string, string> | undefined {
  if (!map || typeof map !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map as Raw)) {
    if (typeof value === 'string' && keep(key, value)) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The metadata the derivation reads; `annotations: false` drops them all (Pods). */
export function slimMeta(raw: Raw, annotations = true): KubeMeta {
  const m: Raw = raw?.metadata ?? {};
  return defined({
    name: String(m.name ?? ''),
    namespace: m.namespace,
    uid: m.uid,
    creationTimestamp: m.creationTimestamp,
    deletionTimestamp: m.deletionTimestamp,
    labels: strings(m.labels),
    annotations: annotations
      ? strings(
          m.annotations,
          (key, value) =>
            !DROPPED_ANNOTATIONS.has(key) &&
            value.length <= MAX_ANNOTATION_LENGTH,
        )
      : undefined,
    ownerReferences: Array.isArray(m.ownerReferences)
      ? m.ownerReferences.map((o: Raw) =>
          defined({
            apiVersion: o.apiVersion,
            kind: String(o.kind ?? ''),
            name: String(o.name ?? ''),
            controller: o.controller,
          }),
        )
      : undefined,
  });
}

function slimConditions(list: unknown): KubeCondition[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((c: Raw) =>
    defined({
      type: String(c.type ?? ''),
      status: String(c.status ?? ''),
      reason: c.reason,
      message: c.message,
    }),
  );
}

function slimSecretKeyRef(ref: Raw | undefined): KubeSecretKeyRef | undefined {
  return typeof ref?.name === 'string'
    ? defined({ name: ref.name, key: ref.key, optional: ref.optional })
    : undefined;
}

function slimValueFrom(e: Raw) {
  const ref = slimSecretKeyRef(e.valueFrom?.secretKeyRef);
  return ref ? { secretKeyRef: ref } : undefined;
}

function slimContainer(c: Raw): KubeContainer {
  return defined({
    name: String(c.name ?? ''),
    image: c.image,
    env: Array.isArray(c.env)
      ? c.env.map((e: Raw) =>
          defined({
            name: String(e.name),
            value: e.value,
            valueFrom: slimValueFrom(e),
          }),
        )
      : undefined,
    envFrom: Array.isArray(c.envFrom)
      ? c.envFrom.map((e: Raw) =>
          defined({
            secretRef: e.secretRef
              ? defined({
                  name: e.secretRef.name,
                  optional: e.secretRef.optional,
                })
              : undefined,
          }),
        )
      : undefined,
  });
}

/** A pod's container as the Secret check reads it: its name and the Secrets it takes, no values. */
function slimPodContainer(c: Raw): KubeContainer {
  const full = slimContainer(c);
  const env = full.env
    ?.filter(e => e.valueFrom?.secretKeyRef)
    .map(e => ({ name: e.name, valueFrom: e.valueFrom }));
  return defined({
    name: full.name,
    env: env && env.length > 0 ? env : undefined,
    envFrom: full.envFrom,
  });
}

/** A Deployment or a StatefulSet as the derivation reads it. */
export function slimWorkload(raw: Raw, kind: WorkloadKind): KubeWorkload {
  const spec: Raw | undefined = raw.spec;
  const template: Raw | undefined = spec?.template;
  const podSpec: Raw | undefined = template?.spec;
  return defined({
    kind,
    metadata: slimMeta(raw),
    spec: spec
      ? defined({
          replicas: spec.replicas,
          selector: spec.selector
            ? defined({ matchLabels: strings(spec.selector.matchLabels) })
            : undefined,
          template: template
            ? defined({
                metadata: template.metadata
                  ? defined({ labels: strings(template.metadata.labels) })
                  : undefined,
                spec: podSpec
                  ? defined({
                      containers: Array.isArray(podSpec.containers)
                        ? podSpec.containers.map(slimContainer)
                        : undefined,
                      volumes: Array.isArray(podSpec.volumes)
                        ? podSpec.volumes.map((v: Raw) =>
                            defined({
                              name: String(v.name ?? ''),
                              persistentVolumeClaim: v.persistentVolumeClaim
                                ? {
                                    claimName:
                                      v.persistentVolumeClaim.claimName,
                                  }
                                : undefined,
                            }),
                          )
                        : undefined,
                    })
                  : undefined,
              })
            : undefined,
        })
      : undefined,
    status: raw.status
      ? defined({
          replicas: raw.status.replicas,
          readyReplicas: raw.status.readyReplicas,
          conditions: slimConditions(raw.status.conditions),
        })
      : undefined,
  });
}

function slimContainerStatus(s: Raw): KubeContainerStatus {
  const state: Raw = s.state ?? {};
  const last: Raw | undefined = s.lastState?.terminated;
  return defined({
    name: String(s.name ?? ''),
    ready: s.ready,
    restartCount: s.restartCount,
    state: defined({
      waiting: state.waiting
        ? defined({
            reason: state.waiting.reason,
            message: state.waiting.message,
          })
        : undefined,
      running: state.running
        ? defined({ startedAt: state.running.startedAt })
        : undefined,
      terminated: state.terminated
        ? defined({
            reason: state.terminated.reason,
            exitCode: state.terminated.exitCode,
          })
        : undefined,
    }),
    lastState: last
      ? {
          terminated: defined({
            reason: last.reason,
            exitCode: last.exitCode,
            finishedAt: last.finishedAt,
          }),
        }
      : undefined,
  });
}

/** A Deployment as the derivation reads it. */
export function slimDeployment(raw: Raw): KubeWorkload {
  return slimWorkload(raw, 'Deployment');
}

/**
 * A Pod as the derivation reads it: metadata without annotations, which Secrets its containers
 * take (no env values), and its status.
 */
export function slimPod(raw: Raw): KubePod {
  const status: Raw | undefined = raw.status;
  const list = (value: unknown) =>
    Array.isArray(value) ? value.map(slimContainerStatus) : undefined;
  const containers: unknown = raw.spec?.containers;
  return defined({
    metadata: slimMeta(raw, false),
    spec: Array.isArray(containers)
      ? { containers: containers.map(slimPodContainer) }
      : undefined,
    status: status
      ? defined({
          phase: status.phase,
          reason: status.reason,
          conditions: slimConditions(status.conditions),
          initContainerStatuses: list(status.initContainerStatuses),
          containerStatuses: list(status.containerStatuses),
        })
      : undefined,
  });
}

function slimSource(s: Raw): ArgoSource {
  return defined({
    repoURL: s.repoURL,
    path: s.path,
    chart: s.chart,
    ref: s.ref,
    targetRevision: s.targetRevision,
    helm: Array.isArray(s.helm?.valueFiles)
      ? {
          valueFiles: s.helm.valueFiles.filter(
            (f: unknown) => typeof f === 'string',
          ),
        }
      : undefined,
  });
}

function initiatedBy(i: Raw | undefined) {
  return i
    ? defined({ username: i.username, automated: i.automated })
    : undefined;
}

/** An Argo CD Application as the derivation reads it. */
export function slimApplication(raw: Raw): ArgoApplicationObject {
  const spec: Raw | undefined = raw.spec;
  const st: Raw | undefined = raw.status;
  const op: Raw | undefined = st?.operationState;
  const automated: Raw | undefined = spec?.syncPolicy?.automated;
  return defined({
    metadata: slimMeta(raw),
    spec: spec
      ? defined({
          project: spec.project,
          source: spec.source ? slimSource(spec.source) : undefined,
          sources: Array.isArray(spec.sources)
            ? spec.sources.map(slimSource)
            : undefined,
          destination: spec.destination
            ? defined({
                server: spec.destination.server,
                name: spec.destination.name,
                namespace: spec.destination.namespace,
              })
            : undefined,
          syncPolicy: spec.syncPolicy
            ? defined({
                automated: automated
                  ? defined({
                      enabled: automated.enabled,
                      prune: automated.prune,
                      selfHeal: automated.selfHeal,
                    })
                  : undefined,
                syncOptions: Array.isArray(spec.syncPolicy.syncOptions)
                  ? spec.syncPolicy.syncOptions.map(String)
                  : undefined,
              })
            : undefined,
          ignoreDifferences: Array.isArray(spec.ignoreDifferences)
            ? spec.ignoreDifferences.map((d: Raw) =>
                defined({
                  group: d.group,
                  kind: d.kind,
                  name: d.name,
                  namespace: d.namespace,
                  jsonPointers: d.jsonPointers,
                  jqPathExpressions: d.jqPathExpressions,
                }),
              )
            : undefined,
        })
      : undefined,
    status: st
      ? defined({
          sync: st.sync
            ? defined({
                status: st.sync.status,
                revision: st.sync.revision,
                revisions: st.sync.revisions,
              })
            : undefined,
          health: st.health
            ? defined({ status: st.health.status, message: st.health.message })
            : undefined,
          operationState: op
            ? defined({
                phase: op.phase,
                message: op.message,
                startedAt: op.startedAt,
                finishedAt: op.finishedAt,
                operation: op.operation?.initiatedBy
                  ? { initiatedBy: initiatedBy(op.operation.initiatedBy) }
                  : undefined,
                syncResult: op.syncResult
                  ? defined({
                      revision: op.syncResult.revision,
                      revisions: op.syncResult.revisions,
                    })
                  : undefined,
              })
            : undefined,
          history: Array.isArray(st.history)
            ? st.history.map((h: Raw) =>
                defined({
                  id: h.id,
                  revision: h.revision,
                  revisions: h.revisions,
                  deployedAt: h.deployedAt,
                  initiatedBy: initiatedBy(h.initiatedBy),
                }),
              )
            : undefined,
          resources: Array.isArray(st.resources)
            ? st.resources.map((r: Raw) =>
                defined({
                  group: r.group,
                  version: r.version,
                  kind: r.kind,
                  namespace: r.namespace,
                  name: r.name,
                  status: r.status,
                  requiresPruning: r.requiresPruning,
                }),
              )
            : undefined,
          conditions: Array.isArray(st.conditions)
            ? st.conditions.map((c: Raw) =>
                defined({ type: c.type, message: c.message }),
              )
            : undefined,
          reconciledAt: st.reconciledAt,
          summary: Array.isArray(st.summary?.externalURLs)
            ? { externalURLs: st.summary.externalURLs.map(String) }
            : undefined,
        })
      : undefined,
  });
}
