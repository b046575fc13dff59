import { ApiError, badRequest } from '../errors';
import { FieldError, invalidObject } from '../validation';

/*
 * The query of a list or watch as kube-apiserver reads it:
 * k8s.io/apimachinery/pkg/apis/meta/internalversion/validation/validation.go
 * (ValidateListOptions), internalversion/defaults.go (SetListOptionsDefaults:
 * a watch from "" or "0" sends initial events), the versioner's parse of a
 * resourceVersion (k8s.io/apiserver/pkg/storage/api_object_versioner.go) and
 * the continue token (k8s.io/apiserver/pkg/storage/continue.go).
 */

export interface ListOptions {
  resourceVersion?: string;
  resourceVersionMatch?: string;
  limit: number;
  continue?: string;
  sendInitialEvents?: boolean;
  allowWatchBookmarks: boolean;
  timeoutSeconds: number;
}

function bool(q: URLSearchParams, key: string): boolean | undefined {
  const v = q.get(key);
  if (v === null) return undefined;
  return v === 'true' || v === '1';
}

/** The query's options, validated (422 ListOptions) and defaulted as the API server does. */
export function parseListOptions(
  q: URLSearchParams,
  watch: boolean,
): ListOptions {
  const opts: ListOptions = {
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') || undefined,
    limit: Number(q.get('limit') ?? '0') || 0,
    continue: q.get('continue') || undefined,
    sendInitialEvents: bool(q, 'sendInitialEvents'),
    allowWatchBookmarks: bool(q, 'allowWatchBookmarks') === true,
    timeoutSeconds: Number(q.get('timeoutSeconds') ?? '0') || 0,
  };
  if (opts.resourceVersion === '') opts.resourceVersion = undefined;
  const errs: FieldError[] = [];
  const forbid = (field: string, detail: string) =>
    errs.push({ field, type: 'FieldValueForbidden', detail });
  const match = opts.resourceVersionMatch;
  if (watch) {
    if (opts.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      forbid(
        'resourceVersionMatch',
        'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      );
    }
    if (match) {
      if (opts.sendInitialEvents === undefined) {
        forbid(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
        );
      }
      if (match !== 'NotOlderThan') {
        errs.push({
          field: 'resourceVersionMatch',
          type: 'FieldValueNotSupported',
          value: match,
          detail: 'supported values: "NotOlderThan"',
        });
      }
      if (opts.continue) {
        forbid(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden when continue is provided',
        );
      }
    }
  } else {
    if (match) {
      if (opts.resourceVersion === undefined) {
        forbid(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden unless resourceVersion is provided',
        );
      }
      if (opts.continue) {
        forbid(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden when continue is provided',
        );
      }
      if (match !== 'Exact' && match !== 'NotOlderThan') {
        errs.push({
          field: 'resourceVersionMatch',
          type: 'FieldValueNotSupported',
          value: match,
          detail: 'supported values: "Exact", "NotOlderThan", ""',
        });
      }
      if (match === 'Exact' && opts.resourceVersion === '0') {
        forbid(
          'resourceVersionMatch',
          'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
        );
      }
    }
    if (opts.sendInitialEvents !== undefined) {
      forbid('sendInitialEvents', 'sendInitialEvents is forbidden for list');
    }
  }
  if (errs.length) throw invalidObject('ListOptions', 'meta.k8s.io', '', errs);
  // SetListOptionsDefaults (the WatchList feature is on in 1.34+)
  if (
    watch &&
    opts.sendInitialEvents === undefined &&
    !match &&
    (opts.resourceVersion === undefined || opts.resourceVersion === '0')
  ) {
    opts.sendInitialEvents = true;
    opts.resourceVersionMatch = 'NotOlderThan';
  }
  return opts;
}

/**
 * A resourceVersion for a get or a watch: the versioner's error reaches the client unwrapped,
 * a 500 without a reason (what the real server answers).
 */
export function parseResourceVersionRaw(rv: string): number {
  try {
    return parseResourceVersion(rv);
  } catch (e) {
    throw new ApiError(
      500,
      '',
      (e as Error).message.replace(/^invalid resource version: /, ''),
    );
  }
}

/** A resourceVersion of a list as the storage parses it (400 when it is no unsigned integer). */
export function parseResourceVersion(rv: string): number {
  if (!/^\d+$/.test(rv)) {
    throw badRequest(
      `invalid resource version: resourceVersion: Invalid value: ${JSON.stringify(
        rv,
      )}: strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`,
    );
  }
  const n = Number(rv);
  if (!Number.isSafeInteger(n)) {
    throw badRequest(
      `invalid resource version: resourceVersion: Invalid value: ${JSON.stringify(
        rv,
      )}: strconv.ParseUint: parsing ${JSON.stringify(rv)}: value out of range`,
    );
  }
  return n;
}

/** storage.NewTooLargeResourceVersionError: 504 with a retry after one second. */
export function tooLargeResourceVersion(wanted: number, current: number) {
  return new ApiError(
    504,
    'Timeout',
    `Timeout: Too large resource version: ${wanted}, current: ${current}`,
    {
      causes: [
        {
          reason: 'ResourceVersionTooLarge',
          message: 'Too large resource version',
        },
      ],
      retryAfterSeconds: 1,
    },
  );
}

/** A continue token: where the next page starts, and the revision the list is read at. */
export interface ContinueToken {
  /** -1: continue at the latest revision (after a compaction). */
  rv: number;
  /** The key (`namespace/name` or `/name`) the next page starts after. */
  after: string;
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(
    JSON.stringify({
      v: 'meta.k8s.io/v1',
      rv: token.rv,
      start: `${token.after}\u0000`,
    }),
    'utf8',
  ).toString('base64url');
}

/** Go's quoteChar (encoding/json/scanner.go), for the first character it could not read. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) {
    return `'\\x${code.toString(16).padStart(2, '0')}'`;
  }
  if (code >= 0x80) return `'\\u${code.toString(16).padStart(4, '0')}'`;
  return `'${c}'`;
}

/** storage.DecodeContinue, with its errors as the 400 the API server gives. */
export function decodeContinue(value: string): ContinueToken {
  const invalid = (detail: string) =>
    badRequest(`invalid continue token: ${detail}`);
  const bad = /[^A-Za-z0-9_-]/.exec(value);
  if (bad || value.length % 4 === 1) {
    const at = bad ? bad.index : value.length - 1;
    throw invalid(
      `continue key is not valid: illegal base64 data at input byte ${at}`,
    );
  }
  const text = Buffer.from(value, 'base64url').toString('latin1');
  let parsed: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch {
    const first = text.trimStart()[0];
    throw invalid(
      first === undefined
        ? 'continue key is not valid: unexpected end of JSON input'
        : `continue key is not valid: invalid character ${quoteChar(
            first,
          )} looking for beginning of value`,
    );
  }
  if (parsed.v !== 'meta.k8s.io/v1') {
    throw invalid(
      `continue key is not valid: server does not recognize this encoded version ${String(
        parsed.v ?? '',
      )}`,
    );
  }
  const rv = typeof parsed.rv === 'number' ? parsed.rv : 0;
  if (rv === 0) {
    throw invalid(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  const start = typeof parsed.start === 'string' ? parsed.start : '';
  if (!start) {
    throw invalid(
      'continue key is not valid: encoded start key empty (version meta.k8s.io/v1)',
    );
  }
  return { rv, after: start.endsWith('\u0000') ? start.slice(0, -1) : start };
}
