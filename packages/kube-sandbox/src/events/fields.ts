import type { JsonObject, KubeObject } from '../types';

/*
 * The field labels the API server lets a client select Events by
 * (kubernetes pkg/registry/core/event/strategy.go ToSelectableFields);
 * anything else is a 400 "field label not supported".
 */

export type FieldGetter = (obj: KubeObject) => string;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const involved = (o: KubeObject, key: string) =>
  str(((o.involvedObject ?? {}) as JsonObject)[key]);

export const EVENT_FIELD_LABELS: Record<string, FieldGetter> = {
  'metadata.name': o => o.metadata.name,
  'metadata.namespace': o => o.metadata.namespace ?? '',
  'involvedObject.kind': o => involved(o, 'kind'),
  'involvedObject.namespace': o => involved(o, 'namespace'),
  'involvedObject.name': o => involved(o, 'name'),
  'involvedObject.uid': o => involved(o, 'uid'),
  'involvedObject.apiVersion': o => involved(o, 'apiVersion'),
  'involvedObject.resourceVersion': o => involved(o, 'resourceVersion'),
  'involvedObject.fieldPath': o => involved(o, 'fieldPath'),
  reason: o => str(o.reason),
  reportingComponent: o => str(o.reportingComponent),
  // source.component, or the reporting controller of an events.k8s.io Event
  source: o =>
    str(((o.source ?? {}) as JsonObject).component) ||
    str(o.reportingComponent),
  type: o => str(o.type),
};
