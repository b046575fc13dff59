import { ApiError } from './errors';

/*
 * Accept negotiation as kube-apiserver does it
 * (k8s.io/apiserver/pkg/endpoints/handlers/negotiation/negotiate.go, Accept
 * parsing as github.com/munnerz/goautoneg): clauses in quality order, the
 * first one the endpoint can satisfy wins, and none → 406 NotAcceptable.
 * The sandbox serializes JSON and YAML (resources, not watches); protobuf and
 * CBOR clauses are not satisfiable here (a real server would serve them).
 */

/** What the client asked for in its Accept header. */
export type AcceptKind = 'full' | 'metadata' | 'table' | 'discovery';

export interface AcceptChoice {
  kind: AcceptKind;
  /** For `metadata`: the kind asked for (`…List` only suits lists). */
  metadataAs?: 'PartialObjectMetadata' | 'PartialObjectMetadataList';
  /** For `discovery`: the apidiscovery version asked for. */
  discoveryVersion?: 'v2' | 'v2beta1';
  /** For `table`: meta.k8s.io/v1 or v1beta1. */
  tableVersion?: 'v1' | 'v1beta1';
  /** The serialization: JSON, or YAML (`application/yaml`, resources only). */
  format?: 'json' | 'yaml';
}

/**
 * Which conversions (`as=`, `g=`, `v=`) an endpoint allows: `resource`
 * (Table, PartialObjectMetadata[List]), `discovery` (/api, /apis:
 * APIGroupDiscoveryList), `plain` (other discovery documents: none).
 */
export type EndpointKind = 'resource' | 'discovery' | 'plain';

interface Clause {
  type: string;
  subType: string;
  q: number;
  params: Record<string, string>;
}

/** goautoneg.ParseAccept: unparsable ranges are dropped, then sorted by q. */
function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const raw of header.split(',')) {
    const [range, ...rest] = raw.trim().split(';');
    const sp = range.split('/');
    const type = sp[0].trim().toLowerCase();
    let subType: string;
    if (sp.length === 1 && type === '*') subType = '*';
    else if (sp.length === 2) subType = sp[1].trim().toLowerCase();
    else continue;
    const clause: Clause = { type, subType, q: 1, params: {} };
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const key = p.slice(0, eq).trim();
      const value = p.slice(eq + 1).trim();
      if (key === 'q') clause.q = Number.parseFloat(value) || 0;
      else clause.params[key] = value;
    }
    clauses.push(clause);
  }
  const specific = (c: Clause) =>
    (c.type !== '*' ? 2 : 0) + (c.subType !== '*' ? 1 : 0);
  return clauses
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.q - a.c.q || specific(b.c) - specific(a.c) || a.i - b.i)
    .map(x => x.c);
}

/** 2 exact, 1 `application/*`, 0 `*\/*`, -1 no match (for application/json or yaml). */
function specificity(c: Clause, yaml: boolean): number {
  if (c.type === 'application' && c.subType === 'json') return 2;
  if (yaml && c.type === 'application' && c.subType === 'yaml') return 2;
  if (c.type === 'application' && c.subType === '*') return 1;
  if (c.type === '*' && c.subType === '*') return 0;
  return -1;
}

function transform(
  params: Record<string, string>,
  endpoint: EndpointKind,
): AcceptChoice | undefined {
  if (params.stream && params.stream !== 'watch') return undefined;
  if (params.sv) return undefined;
  const { as, g, v } = params;
  if (as === undefined && g === undefined && v === undefined) {
    return { kind: 'full' };
  }
  if (endpoint === 'resource' && g === 'meta.k8s.io') {
    if (v !== 'v1' && v !== 'v1beta1') return undefined;
    if (as === 'Table') return { kind: 'table', tableVersion: v };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
      return { kind: 'metadata', metadataAs: as };
    }
  }
  if (
    endpoint === 'discovery' &&
    g === 'apidiscovery.k8s.io' &&
    as === 'APIGroupDiscoveryList' &&
    (v === 'v2' || v === 'v2beta1')
  ) {
    return { kind: 'discovery', discoveryVersion: v };
  }
  return undefined;
}

/** The choice for this endpoint, or undefined when nothing is acceptable. */
export function negotiate(
  header: string | undefined,
  endpoint: EndpointKind,
): AcceptChoice | undefined {
  if (!header) return { kind: 'full', format: 'json' };
  const yaml = endpoint === 'resource';
  // the quality values order the clauses; a q=0 clause is not a refusal (negotiate.go
  // NegotiateMediaTypeOptions serves it like any other, as the real server does)
  const clauses = parseAccept(header);
  for (const c of clauses) {
    if (specificity(c, yaml) < 0) continue;
    const choice = transform(c.params, endpoint);
    if (choice) {
      return { ...choice, format: c.subType === 'yaml' ? 'yaml' : 'json' };
    }
  }
  return undefined;
}

/** Best effort for request records: what the client wanted, ignoring 406. */
export function chooseAccept(header: string | undefined): AcceptChoice {
  return (
    negotiate(header, 'resource') ??
    negotiate(header, 'discovery') ?? { kind: 'full' }
  );
}

/** What the API server's routes for built-in resources produce (restful `Produces`). */
const ROUTE_MEDIA_TYPES = [
  'application/json',
  'application/yaml',
  'application/vnd.kubernetes.protobuf',
];

/**
 * go-restful's route match on Accept (jsr311.go detectRoute): some clause's type, parameters
 * aside, is one the route produces (or a wildcard). When none is, the router answers 406 before
 * any handler runs.
 */
export function routeAccepts(header: string | undefined): boolean {
  if (!header || !header.trim()) return true;
  return header.split(',').some(raw => {
    const type = raw.split(';')[0].trim().toLowerCase();
    // only `*/*` is a wildcard to the router (`application/*` is not)
    if (type === '*/*' || type === '') return true;
    return ROUTE_MEDIA_TYPES.includes(type);
  });
}

/**
 * The 406s of a resource request: the router's (`406: Not Acceptable` and the route's media
 * types, go-restful jsr311.go) when no clause names a type it produces, else the handler's
 * negotiation error (negotiation/errors.go errNotAcceptable) with the serializers' types:
 * JSON, YAML and protobuf (named as the real server names them, custom resources included; the
 * sandbox does not write protobuf). The router's check does not apply to custom resources.
 */
export function notAcceptable(
  message?: string,
  options: { header?: string; custom?: boolean; collection?: boolean } = {},
): ApiError {
  if (message) return new ApiError(406, 'NotAcceptable', message);
  if (!options.custom && !routeAccepts(options.header)) {
    // a collection's route (list, watch) also produces the watch stream types
    const available = options.collection
      ? [
          ...ROUTE_MEDIA_TYPES,
          'application/json;stream=watch',
          'application/vnd.kubernetes.protobuf;stream=watch',
        ]
      : ROUTE_MEDIA_TYPES;
    return new ApiError(
      406,
      'NotAcceptable',
      `406: Not Acceptable\n\nAvailable representations: ${available.join(
        ', ',
      )}`,
      {},
    );
  }
  return new ApiError(
    406,
    'NotAcceptable',
    `only the following media types are accepted: ${ROUTE_MEDIA_TYPES.join(
      ', ',
    )}`,
  );
}

/** The 406 for a watch whose Accept names no streaming serializer (errNotAcceptable). */
export function watchNotAcceptable(): ApiError {
  return new ApiError(
    406,
    'NotAcceptable',
    'only the following media types are accepted: application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch',
  );
}
