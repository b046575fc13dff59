import { DevError, DevErrorType } from '@okteto-dev/plugin-okteto-dev-common';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

interface ErrorLike {
  name?: string;
  code?: unknown;
  type?: string;
  message?: string;
  body?: unknown;
  cause?: unknown;
}

function statusMessage(body: unknown): string | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value && typeof value === 'object' && 'message' in value) {
    const message = (value as { message?: unknown }).message;
    return typeof message === 'string' ? message : undefined;
  }
  return undefined;
}

function typeForStatus(code: number): DevErrorType {
  if (code === 401) return 'unauthorized';
  if (code === 403) return 'forbidden';
  if (code === 404) return 'not-installed';
  if (code === 408 || code === 504) return 'timeout';
  if (code >= 500) return 'bad-response';
  return 'unknown';
}

/**
 * A cluster error as data: its type, a message without secrets, and what was being read.
 * The message is built here from known fields, so no token or stack trace can leak through it.
 */
export function toDevError(
  error: unknown,
  resource: string,
  cluster: string,
): DevError {
  const e = (error ?? {}) as ErrorLike;
  const base = { resource, cluster };
  if (typeof e.code === 'number' && e.code >= 100 && e.code < 600) {
    const type = typeForStatus(e.code);
    const detail = statusMessage(e.body);
    const fallback = {
      unauthorized: 'the cluster rejected the credentials',
      forbidden: 'the service account may not read it',
      'not-installed':
        'the API is not served by this cluster (is Argo CD installed?)',
      timeout: 'the cluster timed out',
      'bad-response': 'the cluster answered with an error',
      unknown: 'the cluster answered with an unexpected status',
      unreachable: '',
      unusable: '',
    }[type];
    return {
      ...base,
      type,
      statusCode: e.code,
      message: `${resource}: HTTP ${e.code}, ${detail ?? fallback}`,
    };
  }
  if (e.name === 'ClusterCredentialError') {
    // the auth strategy gave no credential (credentials.ts): nothing was sent
    return {
      ...base,
      type: 'unauthorized',
      message: `${resource}: ${e.message ?? 'no credential'}`,
    };
  }
  const cause = (e.cause ?? {}) as ErrorLike;
  const code = [e.code, cause.code].find(
    (c): c is string => typeof c === 'string',
  );
  if (
    e.name === 'AbortError' ||
    e.name === 'TimeoutError' ||
    e.type === 'aborted' ||
    code === 'ETIMEDOUT'
  ) {
    return {
      ...base,
      type: 'timeout',
      message: `${resource}: no answer from cluster ${cluster} in time`,
    };
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return {
      ...base,
      type: 'unreachable',
      message: `${resource}: cluster ${cluster} is unreachable (${code})`,
    };
  }
  if (
    e.name === 'FetchError' ||
    /socket hang up|ECONNRESET|fetch failed/i.test(e.message ?? '')
  ) {
    return {
      ...base,
      type: 'unreachable',
      message: `${resource}: cluster ${cluster} is unreachable (connection closed)`,
    };
  }
  if (
    e.name === 'SyntaxError' ||
    /JSON|Unexpected token|Unexpected end/i.test(e.message ?? '')
  ) {
    return {
      ...base,
      type: 'bad-response',
      message: `${resource}: the cluster sent a response that is not valid JSON`,
    };
  }
  const first = (e.message ?? '').split('\n')[0].slice(0, 200);
  return {
    ...base,
    type: 'unknown',
    message: `${resource}: the read failed (${e.name ?? 'Error'}${
      first ? `: ${first}` : ''
    })`,
  };
}
