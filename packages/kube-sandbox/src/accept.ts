/** What the client asked for in its Accept header. */
export type AcceptKind = 'full' | 'metadata' | 'table' | 'discovery';

export interface AcceptChoice {
  kind: AcceptKind;
  /** For `discovery`: the apidiscovery version asked for. */
  discoveryVersion?: 'v2' | 'v2beta1';
}

interface MediaType {
  type: string;
  params: Record<string, string>;
}

function parseMediaTypes(header: string): MediaType[] {
  return header
    .split(',')
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => {
      const [type, ...rest] = part.split(';').map(s => s.trim());
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params };
    });
}

/**
 * Picks the first media type from the Accept header that the sandbox
 * serves. Protobuf and unknown types are skipped; no match → plain JSON.
 */
export function chooseAccept(header: string | undefined): AcceptChoice {
  for (const mt of parseMediaTypes(header ?? '')) {
    const jsonish =
      mt.type === 'application/json' ||
      mt.type === 'application/*' ||
      mt.type === '*/*';
    if (!jsonish) continue;
    const as = mt.params.as;
    if (!as) return { kind: 'full' };
    if (
      (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') &&
      mt.params.g === 'meta.k8s.io'
    ) {
      return { kind: 'metadata' };
    }
    if (as === 'Table' && mt.params.g === 'meta.k8s.io') {
      return { kind: 'table' };
    }
    if (
      as === 'APIGroupDiscoveryList' &&
      mt.params.g === 'apidiscovery.k8s.io' &&
      (mt.params.v === 'v2' || mt.params.v === 'v2beta1')
    ) {
      return { kind: 'discovery', discoveryVersion: mt.params.v };
    }
  }
  return { kind: 'full' };
}
