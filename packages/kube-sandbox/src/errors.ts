import type { JsonObject, KubeStatus } from './types';

/** An error that maps onto a Kubernetes `Status` response. */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: JsonObject;
  /** The Status' ListMeta (a 410 for an expired continue token carries one to go on with). */
  listMeta?: JsonObject;

  constructor(
    code: number,
    reason: string,
    message: string,
    details?: JsonObject,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): KubeStatus {
    const status = makeStatus(
      this.code,
      this.reason,
      this.message,
      this.details,
    );
    if (this.listMeta) status.metadata = { ...this.listMeta };
    return status;
  }
}

export function makeStatus(
  code: number,
  reason: string,
  message: string,
  details?: JsonObject,
): KubeStatus {
  const status: KubeStatus = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  // an internal error of the storage layer has no reason (StatusReasonUnknown, omitted)
  if (!reason) delete (status as Partial<KubeStatus>).reason;
  if (details) status.details = details;
  return status;
}

/** `deployments.apps` or `pods` — how the API server names a resource. */
export function qualifiedResource(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export function notFound(plural: string, group: string, name: string) {
  return new ApiError(
    404,
    'NotFound',
    `${qualifiedResource(plural, group)} "${name}" not found`,
    { name, group: group || undefined, kind: plural },
  );
}

export function alreadyExists(plural: string, group: string, name: string) {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(plural, group)} "${name}" already exists`,
    { name, group: group || undefined, kind: plural },
  );
}

export function conflict(plural: string, group: string, name: string) {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(
      plural,
      group,
    )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: group || undefined, kind: plural },
  );
}

export function badRequest(message: string) {
  return new ApiError(400, 'BadRequest', message);
}

export function invalid(kind: string, name: string, message: string) {
  return new ApiError(
    422,
    'Invalid',
    `${kind} "${name}" is invalid: ${message}`,
    { name, kind },
  );
}

/** A path of a known API group that names no resource (the API server's NotFound with empty details). */
export function resourceNotFound() {
  return new ApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

export function expired(requested: number, oldest: number) {
  return new ApiError(
    410,
    'Expired',
    `too old resource version: ${requested} (${oldest})`,
  );
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
