import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { DevTargetRequest } from '../fetch/fetchDevObjects';

/** How an answer was read (the `live` field of `DevStatus`). */
export type DevLiveInfo = NonNullable<DevStatus['live']>;

/** What `DevStatusService` asks of live mode. */
export interface LiveStatusSource {
  /** Makes entities known (their namespaces get watched); cheap for known ones. */
  register(requests: DevTargetRequest[]): void;
  /** `watch` when every read of the entity is answered from memory right now. */
  modeOf(request: DevTargetRequest): DevLiveInfo;
  /** Fresh statuses from memory: no cluster read, repository files from the TTL cache. */
  derive(requests: DevTargetRequest[]): Promise<DevStatus[]>;
}

/** Observes freshly derived statuses (the notifier). */
export interface StatusObserver {
  observe(status: DevStatus): Promise<void>;
}
