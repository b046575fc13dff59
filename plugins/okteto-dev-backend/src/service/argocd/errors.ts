import { DevError, DevErrorType } from '@okteto-dev/plugin-okteto-dev-common';
import { UNREACHABLE_CODES, UNTRUSTED_CERT_CODES } from '../netErrors';

/** An answer of Argo CD's API that is not a 2xx: its status and grpc-gateway's error body. */
export class ArgoApiHttpError extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`HTTP ${status}`);
    this.name = 'ArgoApiHttpError';
  }
}

/**
 * Argo CD's own words from a grpc-gateway error body (`{"error","code","message"}`), without the
 * identity its RBAC errors append (`sub: <account>, iat: <time>`, util/rbac/rbac.go EnforceErr).
 */
export function argoMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    const text = parsed.message ?? parsed.error;
    if (typeof text !== 'string' || !text) return undefined;
    return text
      .replace(/,? ?\bsub: [^,]*/g, '')
      .replace(/,? ?\biat: [^,]*/g, '')
      .slice(0, 200);
  } catch {
    return undefined;
  }
}

/** What was read, through which instance: the start of every message. */
export function argoSubject(resource: string, instance: string): string {
  return `${resource} through the API of Argo CD instance '${instance}'`;
}

/**
 * A failed request to Argo CD's API as data. The message is made here from known fields: never
 * the token, the URL or a stack; the instance is named the way the backend's redaction hides from
 * callers without `okteto-dev.clusters.read` (`instance '<name>'`). 403s say what Argo CD's RBAC
 * refused, since the token's own RBAC is what decides (server/application/application.go,
 * getAppEnforceRBAC).
 */
export function toArgoApiError(
  error: unknown,
  resource: string,
  instance: string,
  forbidden?: string,
): DevError {
  const subject = argoSubject(resource, instance);
  const base = { resource };
  if (error instanceof ArgoApiHttpError) {
    const said = argoMessage(error.body);
    const { status } = error;
    let type: DevErrorType = 'unknown';
    let text = `Argo CD answered HTTP ${status}${said ? `: ${said}` : ''}`;
    if (status === 401) {
      type = 'unauthorized';
      text = `Argo CD rejected the credential (HTTP 401${
        said ? `: ${said}` : ''
      }): the token is missing, expired or revoked, or the username and password are wrong`;
    } else if (status === 403) {
      type = 'forbidden';
      text = `HTTP 403, ${
        forbidden ??
        "Argo CD's RBAC does not let the token read it (policy 'applications, get')"
      }`;
    } else if (status === 404) {
      type = 'not-installed';
      text = `HTTP 404, this is not Argo CD's API (is the url Argo CD's server?)`;
    } else if (status === 408 || status === 504) {
      type = 'timeout';
    } else if (status >= 500) {
      type = 'bad-response';
    }
    return {
      ...base,
      type,
      statusCode: status,
      message: `${subject}: ${text}`,
    };
  }
  const e = (error ?? {}) as {
    name?: string;
    code?: unknown;
    message?: string;
    cause?: { code?: unknown };
  };
  const code = [e.code, e.cause?.code].find(
    (c): c is string => typeof c === 'string',
  );
  if (
    e.name === 'TimeoutError' ||
    e.name === 'AbortError' ||
    code === 'ETIMEDOUT'
  ) {
    return {
      ...base,
      type: 'timeout',
      message: `${subject}: no answer in time`,
    };
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return {
      ...base,
      type: 'unreachable',
      message: `${subject}: the server is unreachable (${code})`,
    };
  }
  if (code && UNTRUSTED_CERT_CODES.has(code)) {
    return {
      ...base,
      type: 'unreachable',
      message: `${subject}: its TLS certificate is not trusted (${code}); set caData or caFile`,
    };
  }
  if (e.name === 'SyntaxError') {
    return {
      ...base,
      type: 'bad-response',
      message: `${subject}: the answer is not Argo CD's JSON`,
    };
  }
  return {
    ...base,
    type: 'unknown',
    message: `${subject}: the read failed (${e.name ?? 'Error'}${
      code ? ` ${code}` : ''
    })`,
  };
}
