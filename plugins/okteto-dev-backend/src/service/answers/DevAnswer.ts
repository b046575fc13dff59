import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { createHash } from 'node:crypto';
import { DevLiveInfo } from '../live/types';
import { Redactor } from './redact';

/** An answer's bytes and their entity tag. */
export interface SerializedAnswer {
  body: Buffer;
  /** A strong ETag (quoted): the same bytes, the same tag. */
  etag: string;
}

/** The ETag of some bytes: the first 120 bits of their SHA-1, base64url, quoted. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1')
    .update(body)
    .digest('base64url')
    .slice(0, 20)}"`;
}

/**
 * One entity's status as it is stored and sent: serialised once (when it is stored, or when it
 * arrives from the shared cache as JSON text), its bytes and ETag kept with it, so a view costs no
 * `JSON.stringify` and a browser that has it gets a 304. The object is parsed from the text only
 * when someone needs the object (the actions, a stale merge), once.
 *
 * Answers are shared between requests: nothing may change the object {@link DevAnswer.status}
 * returns.
 */
export class DevAnswer {
  private parsed: DevStatus | undefined;
  private bytes: SerializedAnswer | undefined;
  /** The same answer with a `live` field, by that field's JSON (polling reasons are few). */
  private readonly withLive = new Map<string, SerializedAnswer>();
  /** The redacted copy (see {@link DevAnswer.redacted}), for one version of the names. */
  private hidden:
    | { version: string; answer: DevAnswer | undefined }
    | undefined;

  private constructor(
    readonly entityRef: string,
    readonly json: string,
    /** How many errors the status has: those answers may be replaced by the last good one. */
    readonly errorCount: number,
    status?: DevStatus,
  ) {
    this.parsed = status;
  }

  static fromStatus(status: DevStatus): DevAnswer {
    return new DevAnswer(
      status.entityRef,
      JSON.stringify(status),
      status.errors.length,
      status,
    );
  }

  static fromJson(entityRef: string, json: string, errorCount: number) {
    return new DevAnswer(entityRef, json, errorCount);
  }

  get status(): DevStatus {
    this.parsed ??= JSON.parse(this.json) as DevStatus;
    return this.parsed;
  }

  /**
   * The bytes to send. With `live` (live mode's answer of how it was read), the field is appended
   * to the stored JSON text (a status never has one of its own), not serialised again.
   */
  serialized(live?: DevLiveInfo): SerializedAnswer {
    if (!live) {
      if (!this.bytes) {
        const body = Buffer.from(this.json);
        this.bytes = { body, etag: etagOf(body) };
      }
      return this.bytes;
    }
    const field = JSON.stringify(live);
    let kept = this.withLive.get(field);
    if (!kept) {
      const body = Buffer.from(`${this.json.slice(0, -1)},"live":${field}}`);
      kept = { body, etag: etagOf(body) };
      if (this.withLive.size >= 4) this.withLive.clear();
      this.withLive.set(field, kept);
    }
    return kept;
  }

  /**
   * The answer as a caller without `okteto-dev.clusters.read` gets it (no configured cluster name,
   * no identity: see {@link Redactor}), serialised like {@link DevAnswer.serialized}. The very same
   * bytes when nothing needed hiding, so the caller can tell: most answers have nothing to hide.
   * Redacted once per answer and version of the names, however many callers it is sent to.
   */
  redacted(redactor: Redactor, live?: DevLiveInfo): SerializedAnswer {
    const { version } = redactor;
    if (this.hidden?.version !== version) {
      const json = redactor.statusJson(this.json);
      this.hidden = {
        version,
        answer:
          json === this.json
            ? undefined
            : new DevAnswer(this.entityRef, json, this.errorCount),
      };
    }
    const liveShown = live ? redactor.value(live) : undefined;
    if (!this.hidden.answer && liveShown === live) return this.serialized(live);
    return (this.hidden.answer ?? this).serialized(liveShown);
  }

  /** The status object with its `live` field, as `getStatus` callers get it. */
  statusWith(live?: DevLiveInfo): DevStatus {
    return live ? { ...this.status, live } : this.status;
  }
}
