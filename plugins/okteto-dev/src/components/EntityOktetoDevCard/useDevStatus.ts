import { useApi } from '@backstage/core-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oktetoDevApiRef } from '../../api';
import { useQueuedRetry } from '../../live';
import { contestedClaimOf } from './failures';

/** State of the card's status request. */
export interface DevStatusState {
  /** The latest answer; kept while a refresh runs and when a refresh fails. */
  status?: DevStatus;
  error?: Error;
  loading: boolean;
  /** Fetches again; asked for while a request runs, once that one is done. */
  refresh: () => void;
}

/**
 * Loads the dev status of an entity. What keeps it current (signals, the channel's renewal,
 * polling) is `LiveUpdates`, which calls `refresh`.
 */
export function useDevStatus(entityRef: string): DevStatusState {
  const api = useApi(oktetoDevApiRef);

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

  return { status, error, loading, refresh };
}
