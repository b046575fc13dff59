import type { KubeObject } from '../types';
import { EVENT_FIELD_LABELS, FieldGetter } from './fields';

/*
 * events.k8s.io/v1 Event: the same objects as core/v1 Events, in other
 * field names (kubernetes pkg/apis/events/v1 conversion): regarding ←
 * involvedObject, note ← message, reportingController ←
 * reportingComponent, deprecatedSource/FirstTimestamp/LastTimestamp/Count
 * ← source/firstTimestamp/lastTimestamp/count.
 */

const EVENTS_V1 = 'events.k8s.io/v1';

/** [core/v1 field, events.k8s.io/v1 field] */
const RENAMED: Array<[string, string]> = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['reportingComponent', 'reportingController'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
];
const KEPT = [
  'eventTime',
  'series',
  'related',
  'action',
  'reason',
  'type',
  'reportingInstance',
];

function convert(
  o: KubeObject,
  apiVersion: string,
  pairs: Array<[string, string]>,
): KubeObject {
  const out: KubeObject = { apiVersion, kind: 'Event', metadata: o.metadata };
  for (const k of KEPT) if (o[k] !== undefined) out[k] = o[k];
  for (const [from, to] of pairs) if (o[from] !== undefined) out[to] = o[from];
  return out;
}

/** A stored core/v1 Event as events.k8s.io/v1 serves it. */
export function toEventsV1(o: KubeObject): KubeObject {
  const out = convert(o, EVENTS_V1, RENAMED);
  if (out.eventTime === undefined) out.eventTime = null;
  return out;
}

/** An events.k8s.io/v1 Event written by a client, stored as core/v1. */
export function fromEventsV1(o: KubeObject): KubeObject {
  return convert(
    o,
    'v1',
    RENAMED.map(([a, b]) => [b, a]),
  );
}

/** events.k8s.io/v1 field labels (AddFieldLabelConversionsForEvent), read from the stored core Event. */
export const EVENTS_V1_FIELD_LABELS: Record<string, FieldGetter> = {
  'metadata.name': EVENT_FIELD_LABELS['metadata.name'],
  'metadata.namespace': EVENT_FIELD_LABELS['metadata.namespace'],
  reason: EVENT_FIELD_LABELS.reason,
  type: EVENT_FIELD_LABELS.type,
  reportingController: EVENT_FIELD_LABELS.reportingComponent,
  ...Object.fromEntries(
    [
      'kind',
      'namespace',
      'name',
      'uid',
      'apiVersion',
      'resourceVersion',
      'fieldPath',
    ].map(k => [`regarding.${k}`, EVENT_FIELD_LABELS[`involvedObject.${k}`]]),
  ),
};
