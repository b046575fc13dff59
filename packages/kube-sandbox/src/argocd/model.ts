import type { JsonObject, KubeObject } from '../types';

/* The Application fields the simulation reads and writes (argo-cd pkg/apis/application/v1alpha1/types.go). */

/** Argo CD's tracking annotation (default tracking method since 3.0). */
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
/** The label of label tracking (argocd-cm application.instanceLabelKey). */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
/** Argo CD's own "refresh now" annotation (normal | hard). */
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

/**
 * Sandbox knob on an Application: `label`, `annotation` (default) or
 * `annotation+label` — the setting argocd-cm's
 * `application.resourceTrackingMethod` holds for a whole Argo CD.
 */
export const TRACKING_METHOD_ANNOTATION = 'sandbox.okteto-dev/tracking-method';
/** Sandbox request on an Application: a new commit (`<sha>` or `true`). */
export const NEW_COMMIT_ANNOTATION = 'sandbox.okteto-dev/new-commit';
/** Sandbox request on an Application: a sync attempt that fails (`<message>`). */
export const FAIL_SYNC_ANNOTATION = 'sandbox.okteto-dev/fail-sync';

export type TrackingMethod = 'annotation' | 'label' | 'annotation+label';

export interface ApplicationSource extends JsonObject {
  repoURL: string;
  targetRevision?: string;
  path?: string;
  chart?: string;
  ref?: string;
}

export interface IgnoreDifference {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

export interface ApplicationSpec {
  project?: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination?: { server?: string; name?: string; namespace?: string };
  syncPolicy?: {
    automated?: {
      enabled?: boolean;
      prune?: boolean;
      selfHeal?: boolean;
      allowEmpty?: boolean;
    };
    syncOptions?: string[];
    retry?: JsonObject;
  };
  ignoreDifferences?: IgnoreDifference[];
  revisionHistoryLimit?: number;
}

export interface Application extends KubeObject {
  spec: ApplicationSpec;
  status?: JsonObject;
}

export type SyncCode = 'Synced' | 'OutOfSync' | 'Unknown';

/** One entry of status.resources[] (ResourceStatus). */
export interface ResourceStatus extends JsonObject {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: SyncCode;
  requiresPruning?: boolean;
  /** A hook's object still live after its sync (no sync status). */
  hook?: boolean;
}

export function asApplication(o: KubeObject): Application {
  return { ...o, spec: (o.spec ?? {}) as ApplicationSpec } as Application;
}

/** `spec.sources` when set (then `spec.source` is ignored), else `spec.source`. */
export function hasMultipleSources(app: Application): boolean {
  return (app.spec.sources?.length ?? 0) > 0;
}

export function sourcesOf(app: Application): ApplicationSource[] {
  if (hasMultipleSources(app)) return app.spec.sources!;
  return app.spec.source ? [app.spec.source] : [];
}

export function automatedPolicy(app: Application) {
  const a = app.spec.syncPolicy?.automated;
  if (!a || a.enabled === false) return undefined;
  return a;
}

export function hasSyncOption(app: Application, option: string): boolean {
  return (app.spec.syncPolicy?.syncOptions ?? []).includes(option);
}

export function trackingMethodOf(app: Application): TrackingMethod {
  const v = app.metadata.annotations?.[TRACKING_METHOD_ANNOTATION];
  return v === 'label' || v === 'annotation+label' ? v : 'annotation';
}

export function statusOf(app: Application): JsonObject {
  return (app.status ?? {}) as JsonObject;
}

export function destinationNamespace(app: Application): string | undefined {
  return app.spec.destination?.namespace;
}
