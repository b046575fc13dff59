import type { ResourceType } from './discovery';
import { EVENT_FIELD_LABELS, FieldGetter } from './events/fields';
import { EVENTS_V1_FIELD_LABELS } from './events/eventsV1';
import type { JsonObject, KubeObject } from './types';

/*
 * The field labels each resource may be selected by, and how the API server
 * refuses the others:
 * - kinds with a field label conversion function (kubernetes
 *   pkg/apis/core/v1/conversion.go: Pod, Namespace, Secret, Service, Event;
 *   apiextensions-apiserver pkg/apiserver/conversion/converter.go for custom
 *   resources): `field label not supported: X`;
 * - every other kind (runtime.DefaultMetaV1FieldSelectorConversion):
 *   `"X" is not a known field selector: only "metadata.name", "metadata.namespace"`.
 * Values come from each registry's GetAttrs (pkg/registry/core/pod/strategy.go
 * ToSelectableFields, …).
 */

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const at = (o: KubeObject, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (cur, key) =>
      cur && typeof cur === 'object' ? (cur as JsonObject)[key] : undefined,
    o,
  );

const META: Record<string, FieldGetter> = {
  'metadata.name': o => o.metadata.name,
  'metadata.namespace': o => o.metadata.namespace ?? '',
};

const POD: Record<string, FieldGetter> = {
  ...META,
  'spec.nodeName': o => str(at(o, 'spec', 'nodeName')),
  // old v1 clients: converted to spec.nodeName
  'spec.host': o => str(at(o, 'spec', 'nodeName')),
  'spec.restartPolicy': o => str(at(o, 'spec', 'restartPolicy')),
  'spec.schedulerName': o => str(at(o, 'spec', 'schedulerName')),
  'spec.serviceAccountName': o => str(at(o, 'spec', 'serviceAccountName')),
  'spec.hostNetwork': o =>
    String(at(o, 'spec', 'hostNetwork') === true ? 'true' : 'false'),
  'status.phase': o => str(at(o, 'status', 'phase')),
  'status.podIP': o => {
    const ips = at(o, 'status', 'podIPs');
    return Array.isArray(ips) && ips.length
      ? str((ips[0] as JsonObject).ip)
      : '';
  },
  // accepted by the conversion, not among the selectable fields: matches as empty
  'status.podIPs': () => '',
  'status.nominatedNodeName': o => str(at(o, 'status', 'nominatedNodeName')),
};

const CONVERTED: Record<string, Record<string, FieldGetter>> = {
  '/Pod': POD,
  '/Namespace': {
    'metadata.name': o => o.metadata.name,
    'status.phase': o => str(at(o, 'status', 'phase')),
  },
  '/Secret': { ...META, type: o => str(o.type) },
  '/Service': {
    ...META,
    'spec.clusterIP': o => str(at(o, 'spec', 'clusterIP')),
    'spec.type': o => str(at(o, 'spec', 'type')),
  },
  '/Event': EVENT_FIELD_LABELS,
  'events.k8s.io/Event': EVENTS_V1_FIELD_LABELS,
};

/** Custom resources: only metadata (the CRDs served here declare no selectableFields). */
const CUSTOM_GROUPS = new Set(['argoproj.io']);

/** How a type reads a field label, or the 400 message for one it does not support. */
export function fieldLabel(
  t: ResourceType,
  label: string,
): { get: FieldGetter } | { error: string } {
  const converted =
    CONVERTED[`${t.group}/${t.kind}`] ??
    (CUSTOM_GROUPS.has(t.group) ? META : undefined);
  if (converted) {
    return Object.prototype.hasOwnProperty.call(converted, label)
      ? { get: converted[label] }
      : { error: `field label not supported: ${label}` };
  }
  return Object.prototype.hasOwnProperty.call(META, label)
    ? { get: META[label] }
    : {
        error: `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      };
}
