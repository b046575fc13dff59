/**
 * Node's error codes for a server that could not be reached (DNS, TCP, a socket closed under
 * undici) and for a certificate that is not trusted: one list for the Kubernetes and the Argo CD
 * clients, which turn them into `unreachable` errors as data.
 */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/** Node's TLS verification failures: the server answered with a certificate we do not trust. */
export const UNTRUSTED_CERT_CODES: ReadonlySet<string> = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
