import type http from 'node:http';
import { AcceptChoice, notAcceptable } from '../accept';
import { apiVersionOf, ResourceType } from '../discovery';
import { renderTable } from '../table';
import type { JsonObject, KubeObject } from '../types';
import { send } from './http';

/* Response bodies in the form the Accept header asked for (handlers/response.go). */

export function metadataOnly(
  obj: KubeObject,
  version: 'v1' | 'v1beta1' = 'v1',
): JsonObject {
  return {
    apiVersion: `meta.k8s.io/${version}`,
    kind: 'PartialObjectMetadata',
    metadata: obj.metadata,
  };
}

const isBuiltin = (t: ResourceType) =>
  t.group === '' || t.group === 'apps' || t.group === 'events.k8s.io';

/** The internal Go type kube-apiserver names in its messages (`*core.Secret`, `*apps.DeploymentList`). */
function goType(t: ResourceType, list: boolean): string {
  if (!isBuiltin(t)) return `*unstructured.Unstructured${list ? 'List' : ''}`;
  const pkg = t.group === 'apps' ? 'apps' : 'core';
  return `*${pkg}.${t.kind}${list ? 'List' : ''}`;
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
    return renderTable(
      t,
      [o],
      o.metadata.resourceVersion ?? '',
      accept.tableVersion,
    );
  }
  return o;
}

/** ListMeta of a page: resourceVersion, and continue / remainingItemCount when there is more. */
export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export function sendList(
  res: http.ServerResponse,
  t: ResourceType,
  items: KubeObject[],
  accept: AcceptChoice,
  meta: ListMeta,
): void {
  const format = accept.format ?? 'json';
  // unstructured lists (custom resources) always carry `continue`, empty at the end
  const metadata: JsonObject = isBuiltin(t)
    ? { ...meta }
    : { continue: '', ...meta };
  if (accept.kind === 'metadata') {
    send(
      res,
      200,
      {
        kind: 'PartialObjectMetadataList',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { ...meta },
        // a nil slice in Go: an empty PartialObjectMetadataList says `items: null`
        items: items.length ? items.map(o => metadataOnly(o)) : null,
      },
      format,
    );
    return;
  }
  if (accept.kind === 'table') {
    const { resourceVersion, ...rest } = meta;
    send(
      res,
      200,
      renderTable(t, items, resourceVersion, accept.tableVersion, rest),
      format,
    );
    return;
  }
  // Like the real API server: built-in list items carry no apiVersion/kind,
  // custom resources do.
  send(
    res,
    200,
    {
      kind: `${t.kind}List`,
      apiVersion: apiVersionOf(t),
      metadata,
      items: isBuiltin(t)
        ? items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest)
        : items,
    },
    format,
  );
}
