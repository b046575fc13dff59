import type http from 'node:http';
import { AcceptChoice, notAcceptable } from '../accept';
import { apiVersionOf, ResourceType } from '../discovery';
import { renderTable } from '../table';
import type { JsonObject, KubeObject } from '../types';
import { send } from './http';

/* Response bodies in the form the Accept header asked for (handlers/response.go). */

export function metadataOnly(obj: KubeObject): JsonObject {
  return {
    apiVersion: 'meta.k8s.io/v1',
    kind: 'PartialObjectMetadata',
    metadata: obj.metadata,
  };
}

/** Go type name in kube-apiserver's messages (`*v1.Secret`). */
function goType(t: ResourceType, list: boolean): string {
  const builtin = t.group === '' || t.group === 'apps';
  if (!builtin) return `*unstructured.Unstructured${list ? 'List' : ''}`;
  return `*v1.${t.kind}${list ? 'List' : ''}`;
}

/** The 406 for a metadata conversion that does not suit the response. */
export function checkMetadataShape(
  accept: AcceptChoice,
  t: ResourceType,
  list: boolean,
): void {
  if (accept.kind !== 'metadata') return;
  if (list && accept.metadataAs === 'PartialObjectMetadata') {
    throw notAcceptable(
      `you requested PartialObjectMetadata, but the requested object is a list (${goType(
        t,
        true,
      )})`,
    );
  }
  if (!list && accept.metadataAs === 'PartialObjectMetadataList') {
    throw notAcceptable(
      `you requested PartialObjectMetadataList, but the requested object is not a list (${goType(
        t,
        false,
      )})`,
    );
  }
}

/** One object as a response body (watch events and single-object verbs). */
export function presentObject(
  o: KubeObject,
  accept: AcceptChoice,
  t: ResourceType,
  tableRows: boolean,
): JsonObject {
  if (accept.kind === 'metadata') return metadataOnly(o);
  if (accept.kind === 'table' && tableRows) {
    return renderTable(t, [o], o.metadata.resourceVersion ?? '');
  }
  return o;
}

export function sendList(
  res: http.ServerResponse,
  t: ResourceType,
  items: KubeObject[],
  accept: AcceptChoice,
  resourceVersion: string,
): void {
  const metadata = { resourceVersion };
  if (accept.kind === 'metadata') {
    send(res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata,
      // kube-apiserver appends to a nil slice (apiserver pkg/endpoints/handlers/response.go
      // asPartialObjectMetadataList): an empty list is `"items": null`
      items: items.length ? items.map(metadataOnly) : null,
    });
    return;
  }
  if (accept.kind === 'table') {
    send(res, 200, renderTable(t, items, resourceVersion));
    return;
  }
  // Like the real API server: built-in list items carry no apiVersion/kind,
  // custom resources do.
  const builtin = t.group === '' || t.group === 'apps';
  send(res, 200, {
    kind: `${t.kind}List`,
    apiVersion: apiVersionOf(t),
    metadata,
    items: builtin
      ? items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest)
      : items,
  });
}
