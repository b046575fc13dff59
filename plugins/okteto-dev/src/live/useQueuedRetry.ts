import { useCallback, useEffect, useRef } from 'react';

/**
 * Wraps `retry` of react-use's `useAsyncRetry`, which does nothing while a call is under way: a
 * refresh asked for meanwhile (a signal about a change the running call may have missed) runs
 * once that call is done.
 */
export function useQueuedRetry(retry: () => void, loading: boolean) {
  const queued = useRef(false);
  const loadingRef = useRef(loading);
  loadingRef.current = loading;

  useEffect(() => {
    if (!loading && queued.current) {
      queued.current = false;
      retry();
    }
  }, [loading, retry]);

  return useCallback(() => {
    if (loadingRef.current) {
      queued.current = true;
    } else {
      retry();
    }
  }, [retry]);
}
