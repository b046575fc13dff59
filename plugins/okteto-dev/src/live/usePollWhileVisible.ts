import { useEffect, useRef } from 'react';

/**
 * Calls `callback` every `intervalMs` while the browser tab is visible. Polling stops while the
 * tab is hidden; when it becomes visible again the callback runs at once, then on the interval.
 * An interval of 0 or less disables polling.
 */
export function usePollWhileVisible(callback: () => void, intervalMs: number) {
  const callbackRef = useRef(callback);
  callbackRef.current = callback;

  useEffect(() => {
    if (!(intervalMs > 0)) {
      return undefined;
    }
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      if (timer === undefined) {
        timer = setInterval(() => callbackRef.current(), intervalMs);
      }
    };
    const stop = () => {
      if (timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') {
        stop();
      } else if (timer === undefined) {
        callbackRef.current();
        start();
      }
    };
    if (document.visibilityState !== 'hidden') {
      start();
    }
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [intervalMs]);
}
