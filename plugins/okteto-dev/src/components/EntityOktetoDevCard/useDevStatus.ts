import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oktetoDevApiRef } from '../../api';
import { contestedClaimOf } from './failures';
import {
  channelOf,
  renewAtOf,
  usePollWhileVisible,
  useQueuedRetry,
  useRefreshWhenVisible,
  useRenewal,
  useStatusSignal,
} from '../../live';

/** Default of `oktetoDev.refreshIntervalSeconds`. */
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 30;

/** The configured polling interval in milliseconds (0: no polling). */
export function useRefreshIntervalMs(): number {
  const config = useApi(configApiRef);
  const seconds =
    config.getOptionalNumber('oktetoDev.refreshIntervalSeconds') ??
    DEFAULT_REFRESH_INTERVAL_SECONDS;
  return seconds * 1000;
}

/** State of the card's status request. */
export interface DevStatusState {
  /** The latest answer; kept while a refresh runs and when a refresh fails. */
  status?: DevStatus;
  error?: Error;
  loading: boolean;
  refresh: () => void;
  /** True while updates are pushed (signals), false while the card polls. */
  pushed: boolean;
}

/**
 * Loads the dev status of an entity and keeps it current. When the app has the signals plugin and
 * the backend pushes this entity's changes (`status.live.mode === 'watch'`, with the entity's
 * opaque channel in `status.live.channel`), the card listens on that channel and refetches on
 * each signal, without polling. Otherwise it refreshes on the configured interval while the tab is
 * visible.
 *
 * The signals API of this Backstage release says whether it exists, not whether its WebSocket is
 * connected (it reconnects by itself); the backend's `live` says whether a signal would come.
 */
export function useDevStatus(entityRef: string): DevStatusState {
  const api = useApi(oktetoDevApiRef);
  const intervalMs = useRefreshIntervalMs();

  const { value, error, loading, retry } = useAsyncRetry(
    () => api.getStatus(entityRef),
    [api, entityRef],
  );
  const refresh = useQueuedRetry(retry, loading);

  // useAsyncRetry drops the value when a call fails; the card keeps showing the last answer for
  // this entity and reports the failed refresh next to it.
  const lastGood = useRef<{ entityRef: string; status: DevStatus }>();
  if (value) {
    lastGood.current = { entityRef, status: value };
  } else if (contestedClaimOf(error)) {
    // another entity claims the same dev target: the previous answer is not shown any more, and
    // without its channel the card polls until the target has one claimant again
    lastGood.current = undefined;
  }
  const status =
    value ??
    (lastGood.current?.entityRef === entityRef
      ? lastGood.current.status
      : undefined);

  const channel = channelOf(status);
  const refreshWhenVisible = useRefreshWhenVisible(refresh);
  const isSignalsAvailable = useStatusSignal(channel, refreshWhenVisible);
  const pushed = isSignalsAvailable && channel !== undefined;
  // the channel rotates: fetch the status (and so the next channel) after it does
  useRenewal(pushed ? renewAtOf(status) : undefined, refreshWhenVisible);

  usePollWhileVisible(refresh, pushed ? 0 : intervalMs);

  return { status, error, loading, refresh, pushed };
}
