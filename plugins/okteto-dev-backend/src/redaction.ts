import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DevEventsResponse,
  DevMessage,
  DevStatus,
  oktetoDevClustersReadPermission,
} from '@okteto-dev/plugin-okteto-dev-common';
import { principalKey } from './authorize';
import { DevAnswer, SerializedAnswer } from './service/answers/DevAnswer';
import { Redactor } from './service/answers/redact';
import { DevLiveInfo } from './service/live/types';

/** {@link ResponseRedaction} for one request's caller. */
export class CallerRedaction {
  constructor(
    private readonly redactor: Redactor,
    private readonly allowed: () => Promise<boolean>,
  ) {}

  /** The bytes of an answer for this caller. */
  async answer(
    answer: DevAnswer,
    live?: DevLiveInfo,
  ): Promise<SerializedAnswer> {
    const full = answer.serialized(live);
    const hidden = answer.redacted(this.redactor, live);
    if (hidden === full) return full;
    return (await this.allowed()) ? full : hidden;
  }

  /** A JSON value for this caller (`keep`: top-level keys left as they are). */
  async value<T>(value: T, keep: string[] = []): Promise<T> {
    const hidden = this.redactor.value(value, keep);
    if (hidden === value) return value;
    return (await this.allowed()) ? value : hidden;
  }

  /** A status object for this caller (its `target` stays: where the entity's dev environment is). */
  status(status: DevStatus): Promise<DevStatus> {
    return this.value(status, ['target']);
  }

  events(response: DevEventsResponse): Promise<DevEventsResponse> {
    return this.value(response);
  }

  /** A text (an error message, a failure of a batch) for this caller. */
  async text(text: string): Promise<string> {
    const hidden = this.redactor.text(text);
    if (hidden === text) return text;
    return (await this.allowed()) ? text : hidden;
  }

  /**
   * An error's name, message and (a refused target's) statements for this caller. A refused
   * target's message is its statements joined, so it is made again from the redacted statements.
   */
  async failure(error: Error): Promise<{
    name: string;
    message: string;
    refusals?: DevMessage[];
  }> {
    const { refusals } = error as { refusals?: DevMessage[] };
    if (!refusals) {
      return { name: error.name, message: await this.text(error.message) };
    }
    const shown = await this.value(refusals);
    let message = error.message;
    refusals.forEach((refusal, i) => {
      message = message.replace(refusal.message, shown[i].message);
    });
    return {
      name: error.name,
      message: await this.text(message),
      refusals: shown,
    };
  }

  /**
   * An error for this caller: the same error when it names nothing to hide, else a new one of the
   * same name (so the same HTTP status) with the redacted message (and statements) and no stack or
   * cause.
   */
  async error(error: unknown): Promise<unknown> {
    if (!(error instanceof Error)) return error;
    const shown = await this.failure(error);
    if (shown.message === error.message) return error;
    const redacted: Error & { refusals?: DevMessage[] } = new Error(
      shown.message,
    );
    redacted.name = error.name;
    redacted.stack = `${error.name}: ${shown.message}`;
    // a refused target's statements travel with the 400 (the card renders them)
    if (shown.refusals) redacted.refusals = shown.refusals;
    return redacted;
  }
}

/**
 * Answers as each caller may see them. Answers are shared between callers (the cache, the
 * serialised copies and their ETags), so what names configured clusters, Argo CD instances or the
 * identities okteto-dev reads with — errors, `(configured: …)` lists, Kubernetes RBAC denials —
 * is hidden here, at response time, from callers without `okteto-dev.clusters.read`. The
 * permission is only asked when an answer has something to hide, and remembered per caller for
 * `ttlMs` (as `oktetoDev.authorization.cacheSeconds`).
 */
export class ResponseRedaction {
  private readonly decisions = new Map<
    string,
    { allowed: boolean; expiresAt: number }
  >();

  constructor(
    readonly redactor: Redactor,
    private readonly permissions: PermissionsService,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the caller may see cluster names and identities (`okteto-dev.clusters.read`). */
  async mayReadClusters(credentials: BackstageCredentials): Promise<boolean> {
    const key = this.ttlMs > 0 ? principalKey(credentials) : undefined;
    const kept = key ? this.decisions.get(key) : undefined;
    if (kept && kept.expiresAt > this.now()) return kept.allowed;
    const [decision] = await this.permissions.authorize(
      [{ permission: oktetoDevClustersReadPermission }],
      { credentials },
    );
    const allowed = decision.result === AuthorizeResult.ALLOW;
    if (key) {
      if (this.decisions.size >= 10_000) {
        this.decisions.delete(this.decisions.keys().next().value!);
      }
      this.decisions.set(key, { allowed, expiresAt: this.now() + this.ttlMs });
    }
    return allowed;
  }

  /** One permission question per request at most, and none when nothing needs hiding. */
  forCaller(credentials: BackstageCredentials): CallerRedaction {
    let allowed: Promise<boolean> | undefined;
    return new CallerRedaction(this.redactor, () => {
      allowed ??= this.mayReadClusters(credentials);
      return allowed;
    });
  }
}
