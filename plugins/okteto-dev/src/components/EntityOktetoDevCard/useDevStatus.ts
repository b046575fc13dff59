import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oktetoDevApiRef } from '../../api';
import { usePollWhileVisible } from './usePollWhileVisible';

/** Default of `oktetoDev.refreshIntervalSeconds`. */
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 30;

/** State of the card's status request. */
export interface DevStatusState {
  /** The latest answer; kept while a refresh runs and when a refresh fails. */
  status?: DevStatus;
  error?: Error;
  loading: boolean;
  refresh: () => void;
}

/**
 * Loads the dev status of an entity and refreshes it on the configured interval while the tab
 * is visible.
 */
export function useDevStatus(entityRef: string): DevStatusState {
  const api = useApi(oktetoDevApiRef);
  const config = useApi(configApiRef);
  const intervalSeconds =
    config.getOptionalNumber('oktetoDev.refreshIntervalSeconds') ??
    DEFAULT_REFRESH_INTERVAL_SECONDS;

  const { value, error, loading, retry } = useAsyncRetry(
    () => api.getStatus(entityRef),
    [api, entityRef],
  );

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

  usePollWhileVisible(retry, intervalSeconds * 1000);

  return { status, error, loading, refresh: retry };
}
