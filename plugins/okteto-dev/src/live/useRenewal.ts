import { useEffect, useRef } from 'react';

/** The longest delay `setTimeout` takes. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Calls `renew` once, a little after `renewAt` (the moment the backend rotates the signal
 * channel handed out with a status): at a random point within `spreadMs` of it, so that the cards
 * open in every browser do not all refetch at the same second. The old channel keeps working for a
 * whole rotation after `renewAt`, so nothing is missed meanwhile. Nothing without `renewAt`.
 */
export function useRenewal(
  renewAt: string | undefined,
  renew: () => void,
  spreadMs = 10 * 60_000,
) {
  const renewRef = useRef(renew);
  renewRef.current = renew;
  useEffect(() => {
    const at = renewAt ? Date.parse(renewAt) : NaN;
    if (!Number.isFinite(at)) return undefined;
    const wait = Math.max(0, at - Date.now()) + Math.random() * spreadMs;
    const timer = setTimeout(
      () => renewRef.current(),
      Math.min(wait, MAX_DELAY_MS),
    );
    return () => clearTimeout(timer);
  }, [renewAt, spreadMs]);
}
