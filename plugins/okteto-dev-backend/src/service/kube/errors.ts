import {
  DevError,
  DevErrorType,
  DevMissingPermission,
} from '@okteto-dev/plugin-okteto-dev-common';
import { UNREACHABLE_CODES, UNTRUSTED_CERT_CODES } from '../netErrors';

interface ErrorLike {
  name?: string;
  code?: unknown;
  type?: string;
  message?: string;
  body?: unknown;
  cause?: unknown;
}

interface KubeStatus {
  message?: unknown;
  details?: { group?: unknown; kind?: unknown; name?: unknown };
}

function parseStatus(body: unknown): KubeStatus | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' ? (value as KubeStatus) : undefined;
}

function statusMessage(status: KubeStatus | undefined): string | undefined {
  return typeof status?.message === 'string' ? status.message : undefined;
}

/**
 * The refusal as kube-apiserver words it (`forbiddenMessage` in
 * `staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go`):
 * `User "<u>" cannot <verb> resource "<resource[/sub]>" in API group "<group>"` followed by
 * `in the namespace "<ns>"` or `at the cluster scope`, and `: <reason>` when the authorizer gave one.
 */
const FORBIDDEN_MESSAGE =
  /cannot ([a-z]+) resource "([^"]+)" in API group "([^"]*)"(?: in the namespace "([^"]+)"| at the cluster scope)(?:: (.*))?$/s;
/** The same for a non-resource URL: `User "<u>" cannot get path "/version"`. */
const FORBIDDEN_PATH =
  /cannot ([a-z]+) path "(\/[-a-z0-9/._]{0,200})"(?:: (.*))?$/s;

/** What a name from the server may look like here: RBAC names, nothing to escape. */
const SAFE = /^[a-z0-9]([-a-z0-9./]{0,251}[a-z0-9])?$/;
const safe = (value: unknown): value is string =>
  typeof value === 'string' && SAFE.test(value);

/**
 * The permission a 403 names: from the Status the API server sent when it is one of its own
 * refusals, else the attributes of the request that was refused (what a Role must grant either
 * way). The user it names is never kept.
 */
function missingPermission(
  status: KubeStatus | undefined,
  request: DevMissingPermission | undefined,
): { permission?: DevMissingPermission; reason?: string } {
  const message = statusMessage(status);
  const path = message?.match(FORBIDDEN_PATH);
  if (path && safe(path[1])) {
    return {
      permission: { verb: path[1], resource: path[2], group: '' },
      ...(path[3]?.trim() ? { reason: path[3].trim().slice(0, 200) } : {}),
    };
  }
  const match = message?.match(FORBIDDEN_MESSAGE);
  if (match) {
    const [, verb, resource, group, namespace, reason] = match;
    if (
      safe(verb) &&
      safe(resource) &&
      (group === '' || safe(group)) &&
      (namespace === undefined || safe(namespace))
    ) {
      const name = status?.details?.name;
      return {
        permission: {
          verb,
          resource,
          group,
          ...(namespace ? { namespace } : {}),
          ...(safe(name) ? { name } : {}),
        },
        ...(reason?.trim() ? { reason: reason.trim().slice(0, 200) } : {}),
      };
    }
  }
  return request ? { permission: { ...request } } : {};
}

/** `list deployments.apps in namespace "web-x-dev"`, as a Role rule would grant it. */
export function describePermission(p: DevMissingPermission): string {
  if (p.resource.startsWith('/')) return `${p.verb} path ${p.resource}`;
  const what = p.group ? `${p.resource}.${p.group}` : p.resource;
  const named = p.name ? ` "${p.name}"` : '';
  const where = p.namespace
    ? `in namespace "${p.namespace}"`
    : 'across all namespaces (cluster scope)';
  return `${p.verb} ${what}${named} ${where}`;
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
  request?: DevMissingPermission,
): DevError {
  const e = (error ?? {}) as ErrorLike;
  const base = { resource, cluster };
  if (typeof e.code === 'number' && e.code >= 100 && e.code < 600) {
    const type = typeForStatus(e.code);
    const status = parseStatus(e.body);
    if (type === 'forbidden') {
      // built from the parsed fields: the refused identity stays out of the message
      const { permission, reason } = missingPermission(status, request);
      const what = permission
        ? `missing permission: ${describePermission(permission)}${
            reason ? ` (${reason})` : ''
          }`
        : 'the service account may not read it';
      return {
        ...base,
        type,
        statusCode: e.code,
        message: `${resource}: HTTP ${e.code}, ${what}`,
        ...(permission ? { permission } : {}),
      };
    }
    const detail = statusMessage(status);
    const fallback = {
      unauthorized: 'the cluster rejected the credentials',
      forbidden: '',
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
  if (code && (UNREACHABLE_CODES.has(code) || UNTRUSTED_CERT_CODES.has(code))) {
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
