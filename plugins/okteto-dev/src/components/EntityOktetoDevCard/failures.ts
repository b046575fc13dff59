import {
  DEV_MESSAGE_TEMPLATES,
  DevMessage,
} from '@okteto-dev/plugin-okteto-dev-common';

// What a failed status request means, told apart here (part of the card) so that what each
// shows can load only when it is shown.

/**
 * The statements of a refused target, when `error` is the backend's 400 for one (its body carries
 * `error.refusals`); undefined for any other error.
 */
export function refusalsOf(error: unknown): DevMessage[] | undefined {
  const body = (error as { body?: { error?: { refusals?: unknown } } })?.body;
  const refusals = body?.error?.refusals;
  return Array.isArray(refusals) && refusals.length > 0
    ? (refusals as DevMessage[])
    : undefined;
}

/** The codes of the backend's answer for a dev target that more than one entity claims. */
const CLAIM_CODES = new Set<string>([
  'claimContested',
  'claimContestedBy',
  'claimContestedByAndHidden',
]);

/**
 * The statement of a failed request when it is the backend's 409 for a contested dev target
 * (`ConflictError` with a claim `DevMessage` in its body), else undefined.
 */
export function contestedClaimOf(error: unknown): DevMessage | undefined {
  const body = (error as { body?: { error?: Record<string, unknown> } })?.body
    ?.error;
  if (
    body?.name !== 'ConflictError' ||
    typeof body.code !== 'string' ||
    !CLAIM_CODES.has(body.code) ||
    !Object.prototype.hasOwnProperty.call(DEV_MESSAGE_TEMPLATES, body.code)
  ) {
    return undefined;
  }
  return {
    code: body.code as DevMessage['code'],
    params:
      body.params && typeof body.params === 'object'
        ? (body.params as DevMessage['params'])
        : {},
    message: String(body.message ?? ''),
  };
}

/** The backend's 403: the viewer may not read this entity's dev status. */
export const isDenied = (error: unknown) =>
  (error as { statusCode?: number })?.statusCode === 403;
