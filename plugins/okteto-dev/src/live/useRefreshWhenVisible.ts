import { useEffect, useRef } from 'react';

/**
 * Returns a function that refreshes now while the tab is visible, or once when it becomes
 * visible again: a change pushed to a hidden tab costs one request when somebody looks, not one
 * per change.
 */
export function useRefreshWhenVisible(refresh: () => void): () => void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const missed = useRef(false);
  const request = useRef(() => {
    if (document.visibilityState === 'hidden') {
      missed.current = true;
    } else {
      refreshRef.current();
    }
  });

  useEffect(() => {
    const onVisibilityChange = () => {
      if (document.visibilityState !== 'hidden' && missed.current) {
        missed.current = false;
        refreshRef.current();
      }
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () =>
      document.removeEventListener('visibilitychange', onVisibilityChange);
  }, []);

  return request.current;
}
