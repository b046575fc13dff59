import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { useEffect, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oktetoDevApiRef } from '../../api';
import {
  devStatusChannel,
  DevStatusSignal,
  isPushed,
  usePollWhileVisible,
  useQueuedRetry,
  useRefreshWhenVisible,
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
 * the backend pushes this entity's changes (`status.live.mode === 'watch'`), the card listens on
 * `okteto-dev:status:<entityRef>` and refetches on each signal, without polling. Otherwise it
 * refreshes on the configured interval while the tab is visible.
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
  }
  const status =
    value ??
    (lastGood.current?.entityRef === entityRef
      ? lastGood.current.status
      : undefined);

  const { lastSignal, isSignalsAvailable } = useSignal<DevStatusSignal>(
    devStatusChannel(entityRef),
  );
  const pushed = isSignalsAvailable && isPushed(status);
  const refreshWhenVisible = useRefreshWhenVisible(refresh);
  useEffect(() => {
    if (lastSignal) refreshWhenVisible();
  }, [lastSignal, refreshWhenVisible]);

  usePollWhileVisible(refresh, pushed ? 0 : intervalMs);

  return { status, error, loading, refresh, pushed };
}
