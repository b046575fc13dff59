import { ApiError } from './errors';

/*
 * Accept negotiation as kube-apiserver does it
 * (k8s.io/apiserver/pkg/endpoints/handlers/negotiation/negotiate.go, Accept
 * parsing as github.com/munnerz/goautoneg): clauses in quality order, the
 * first one the endpoint can satisfy wins, and none → 406 NotAcceptable.
 * The sandbox serializes JSON only, so protobuf/YAML/CBOR clauses are not
 * satisfiable here (a real server would serve them).
 */

/** What the client asked for in its Accept header. */
export type AcceptKind = 'full' | 'metadata' | 'table' | 'discovery';

export interface AcceptChoice {
  kind: AcceptKind;
  /** For `metadata`: the kind asked for (`…List` only suits lists). */
  metadataAs?: 'PartialObjectMetadata' | 'PartialObjectMetadataList';
  /** For `discovery`: the apidiscovery version asked for. */
  discoveryVersion?: 'v2' | 'v2beta1';
}

/**
 * Which conversions (`as=`, `g=`, `v=`) an endpoint allows: `resource`
 * (Table, PartialObjectMetadata[List]), `discovery` (/api, /apis:
 * APIGroupDiscoveryList), `plain` (other discovery documents: none).
 */
export type EndpointKind = 'resource' | 'discovery' | 'plain';

export const SERVED_MEDIA_TYPES = ['application/json'];

interface Clause {
  type: string;
  subType: string;
  q: number;
  params: Record<string, string>;
}

/** goautoneg.ParseAccept: unparsable ranges are dropped, then sorted by q. */
export function parseAccept(header: string): Clause[] {
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

/** 2 exact, 1 `application/*`, 0 `*\/*`, -1 no match (for application/json). */
function specificity(c: Clause): number {
  if (c.type === 'application' && c.subType === 'json') return 2;
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
    if (as === 'Table') return { kind: 'table' };
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
  if (!header) return { kind: 'full' };
  const clauses = parseAccept(header);
  let best = -1;
  let rejected = false;
  for (const c of clauses) {
    const s = specificity(c);
    if (s > best) {
      best = s;
      rejected = c.q <= 0;
    }
  }
  if (rejected) return undefined;
  for (const c of clauses) {
    if (c.q <= 0 || specificity(c) < 0) continue;
    const choice = transform(c.params, endpoint);
    if (choice) return choice;
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

/** kube-apiserver's 406 (negotiation/errors.go errNotAcceptable). */
export function notAcceptable(
  message = `only the following media types are accepted: ${SERVED_MEDIA_TYPES.join(
    ', ',
  )}`,
): ApiError {
  return new ApiError(406, 'NotAcceptable', message);
}
