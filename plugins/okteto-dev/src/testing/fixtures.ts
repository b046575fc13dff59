import { ResponseError } from '@backstage/errors';
import {
  DEV_MESSAGE_TEMPLATES,
  devMessage,
  DevClustersResponse,
  DevEventsResponse,
  DevMessage,
  DevStatus,
  DevStatusBatchResponse,
  fillMessage,
} from '@okteto-dev/plugin-okteto-dev-common';
import type { SignalApi } from '@backstage/plugin-signals-react';
import { OktetoDevApi } from '../api';
import { makeStatus } from './builders';

export * from './builders';
export { fixtures } from './scenarios';
export { makeFleet, statusFor, fleetEntity } from './fleet';
export { crashEvents } from './events';

/** What the fake answers; change it between calls to simulate a refresh. */
export interface FakeAnswer {
  /** The answer of `getStatus`, for any entity (default: a healthy status). */
  status?: DevStatus;
  /** Makes `getStatus` fail. */
  error?: Error;
  /** Per-entity answers, for the batch and the single status; others are not found. */
  statuses?: Record<string, DevStatus>;
  /** Entities the caller may not read: failures in the batch, 403 alone. */
  denied?: string[];
  /** The answer of `getEvents`, or its failure. */
  events?: DevEventsResponse | Error;
}

/** A `ResponseError` as the backend sends it (`{ error: { name, message } }`). */
export async function responseError(
  statusCode: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name, message } }), {
      status: statusCode,
      statusText: name,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

/**
 * The backend's 400 for a refused target, as Backstage's error middleware sends it (the serialised
 * error with its `refusals`, the request and the response).
 */
export async function refusalError(
  refusals: DevMessage[],
): Promise<ResponseError> {
  const body = {
    error: {
      name: 'InputError',
      message: refusals.map(r => r.message).join(' '),
      refusals,
    },
    request: { method: 'GET', url: '/api/okteto-dev/v1/status' },
    response: { statusCode: 400 },
  };
  return ResponseError.fromResponse(
    new Response(JSON.stringify(body), {
      status: 400,
      statusText: 'Bad Request',
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

/**
 * The backend's 409 for a dev target that another catalog entity claims too: the statement as a
 * `DevMessage` in the error body (`code`, `params`, `message`), naming `others` when the caller may
 * see them.
 */
export async function contestedClaimError(
  others: string[] = [],
  hidden = others.length === 0,
): Promise<ResponseError> {
  const target = {
    workload: 'web-corporate-dev-web-app',
    namespace: 'web-corporate-dev',
    application: 'argo/web-corporate-dev',
  };
  let code:
    | 'claimContested'
    | 'claimContestedBy'
    | 'claimContestedByAndHidden' = 'claimContested';
  if (others.length > 0) {
    code = hidden ? 'claimContestedByAndHidden' : 'claimContestedBy';
  }
  const params =
    others.length === 0 ? target : { ...target, entities: others.join(', ') };
  const message = fillMessage(DEV_MESSAGE_TEMPLATES[code], params);
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message, code, params },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/**
 * Failed answers of `GET /v1/status`, by name, as the backend sends them: a refused target (400),
 * a contested claim (409, the other entities hidden, or one named and one hidden), no permission
 * to read the status (403).
 */
export const errorScenarios: Record<string, () => Promise<Error>> = {
  refused: () =>
    refusalError([
      devMessage('targetNamespaceRefused', {
        value: 'kube-system',
        source: 'okteto-dev/namespace',
        allowed: 'web-corporate-dev, web-*-dev',
      }),
      devMessage('targetWorkloadRefused', {
        value: 'coredns',
        source: 'okteto-dev/workload',
        allowed: 'web-corporate-dev-web-app',
      }),
    ]),
  contested: () => contestedClaimError(),
  contestedBy: () =>
    contestedClaimError(['component:default/corporate-legacy'], true),
  statusDenied: () =>
    responseError(
      403,
      'NotAllowedError',
      'Permission okteto-dev.status.read is denied for component:default/corporate',
    ),
};

/**
 * A typed fake of the API: `getStatus` answers with `answer.status` or fails with `answer.error`;
 * change `answer` between calls to simulate a refresh. Every call is recorded.
 */
export class FakeOktetoDevApi implements OktetoDevApi {
  /** Entity refs of the `getStatus` calls. */
  readonly calls: string[] = [];
  /** Entity refs of each `getStatuses` call. */
  readonly batchCalls: string[][] = [];
  /** Entity refs of the `getEvents` calls. */
  readonly eventCalls: string[] = [];

  constructor(public answer: FakeAnswer) {}

  private statusOf(entityRef: string): DevStatus | undefined {
    const { statuses, status, denied } = this.answer;
    if (denied?.includes(entityRef)) return undefined;
    if (statuses) return statuses[entityRef];
    return status ?? makeStatus();
  }

  async getStatus(entityRef: string): Promise<DevStatus> {
    this.calls.push(entityRef);
    if (this.answer.error) {
      throw this.answer.error;
    }
    const status = this.statusOf(entityRef);
    if (!status) {
      throw await responseError(
        403,
        'NotAllowedError',
        `Permission okteto-dev.status.read is denied for ${entityRef}`,
      );
    }
    return status;
  }

  async getStatuses(entityRefs: string[]): Promise<DevStatusBatchResponse> {
    this.batchCalls.push(entityRefs);
    if (this.answer.error) {
      throw this.answer.error;
    }
    const items: DevStatus[] = [];
    const failures: NonNullable<DevStatusBatchResponse['failures']> = [];
    for (const entityRef of entityRefs) {
      const status = this.statusOf(entityRef);
      if (status) {
        items.push(status);
      } else {
        failures.push({
          entityRef,
          error: {
            name: 'NotAllowedError',
            message: `Permission okteto-dev.status.read is denied for ${entityRef}`,
          },
        });
      }
    }
    return { items, failures };
  }

  async getEvents(entityRef: string): Promise<DevEventsResponse> {
    this.eventCalls.push(entityRef);
    const { events } = this.answer;
    if (events instanceof Error) {
      throw events;
    }
    return (
      events ?? {
        entityRef,
        fetchedAt: new Date().toISOString(),
        items: [],
      }
    );
  }

  async getClusters(): Promise<DevClustersResponse> {
    return {
      items: [
        { name: 'default', authProvider: 'serviceAccount', reachable: true },
      ],
    };
  }
}

/**
 * A fake of the signals plugin's `SignalApi`: records subscriptions and delivers what `publish`
 * sends to the channel's subscribers.
 */
export class FakeSignalApi implements SignalApi {
  private readonly subscribers = new Map<string, Set<(message: any) => void>>();

  subscribe(channel: string, onMessage: (message: any) => void) {
    const set = this.subscribers.get(channel) ?? new Set();
    set.add(onMessage);
    this.subscribers.set(channel, set);
    return {
      unsubscribe: () => {
        set.delete(onMessage);
      },
    };
  }

  /** The channels someone listens on. */
  channels(): string[] {
    return [...this.subscribers.entries()]
      .filter(([, set]) => set.size > 0)
      .map(([channel]) => channel);
  }

  /** Sends `message` to the subscribers of `channel`, as the backend's publish would. */
  publish(channel: string, message: Record<string, string>) {
    for (const onMessage of this.subscribers.get(channel) ?? []) {
      onMessage(message);
    }
  }
}
