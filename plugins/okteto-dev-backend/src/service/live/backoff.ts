/**
 * Exponential backoff with full jitter: a random wait in [base/2, base] where base doubles with
 * each consecutive failure, up to `maxMs`. Many watches failing at once (an API server restart)
 * come back spread out instead of all together.
 */
export function backoffMs(
  failures: number,
  { initialMs = 1000, maxMs = 30_000, random = Math.random } = {},
): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base / 2 + (base / 2) * random());
}

/** Waits `ms` (an unref'd timer: it never holds the process), or less when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
  });
}
