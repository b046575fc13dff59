import type { KubeObject } from '../types';
import { INSTANCE_LABEL, TRACKING_ANNOTATION, TrackingMethod } from './model';

/*
 * Resource tracking (argo-cd util/argo/resource_tracking.go) and
 * isSelfReferencedObj (controller/state.go).
 */

export interface AppInstanceValue {
  application: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export function groupOf(obj: KubeObject): string {
  const i = obj.apiVersion.indexOf('/');
  return i < 0 ? '' : obj.apiVersion.slice(0, i);
}

export function versionOf(obj: KubeObject): string {
  const i = obj.apiVersion.indexOf('/');
  return i < 0 ? obj.apiVersion : obj.apiVersion.slice(i + 1);
}

/** `<app>:<group>/<kind>:<namespace>/<name>` */
function trackingId(app: string, obj: KubeObject, ns: string): string {
  return `${app}:${groupOf(obj)}/${obj.kind}:${obj.metadata.namespace ?? ns}/${
    obj.metadata.name
  }`;
}

function parseTrackingId(
  v: string | undefined,
): AppInstanceValue | undefined {
  const m = /^([^:]+):([^/]*)\/([^:]+):([^/]*)\/(.+)$/.exec(v ?? '');
  if (!m) return undefined;
  return {
    application: m[1],
    group: m[2],
    kind: m[3],
    namespace: m[4],
    name: m[5],
  };
}

/** GetAppName: which Application the object says it belongs to. */
export function appNameOf(
  obj: KubeObject,
  method: TrackingMethod,
): string | undefined {
  if (method === 'label') return obj.metadata.labels?.[INSTANCE_LABEL];
  return parseTrackingId(obj.metadata.annotations?.[TRACKING_ANNOTATION])
    ?.application;
}

/** Every Application name an object's tracking could name (for dirty marking). */
export function trackedAppNames(obj: KubeObject | undefined): string[] {
  if (!obj) return [];
  const names = [
    obj.metadata.labels?.[INSTANCE_LABEL],
    appNameOf(obj, 'annotation'),
  ];
  return names.filter((n): n is string => Boolean(n));
}

function matches(obj: KubeObject, aiv: AppInstanceValue): boolean {
  return (
    (obj.metadata.namespace === aiv.namespace || !obj.metadata.namespace) &&
    obj.metadata.name === aiv.name &&
    groupOf(obj) === aiv.group &&
    obj.kind === aiv.kind
  );
}

/**
 * isSelfReferencedObj: under label tracking every tracked object is "self"
 * (the label says nothing else). Under annotation tracking, a tracking id
 * copied onto another object (Okteto's clone copies it from the original)
 * names a different object, so that object is not the app's own.
 */
export function isSelfReferenced(
  live: KubeObject | undefined,
  target: KubeObject | undefined,
  app: string,
  method: TrackingMethod,
  ns: string,
): boolean {
  if (!live || method === 'label') return true;
  if (target) {
    return matches(live, {
      application: app,
      group: groupOf(target),
      kind: target.kind,
      namespace: target.metadata.namespace ?? ns,
      name: target.metadata.name,
    });
  }
  const aiv = parseTrackingId(live.metadata.annotations?.[TRACKING_ANNOTATION]);
  return aiv ? matches(live, aiv) : true;
}

/** SetAppInstance: the tracking Argo CD writes on what it applies. */
export function setAppInstance(
  obj: KubeObject,
  app: string,
  method: TrackingMethod,
  ns: string,
): void {
  if (method === 'label' || method === 'annotation+label') {
    obj.metadata.labels = { ...obj.metadata.labels, [INSTANCE_LABEL]: app };
  }
  if (method !== 'label') {
    obj.metadata.annotations = {
      ...obj.metadata.annotations,
      [TRACKING_ANNOTATION]: trackingId(app, obj, ns),
    };
  }
}
