import { backoffMs, sleep } from './backoff';

describe('backoff', () => {
  it('doubles per failure up to the cap, with jitter in the upper half', () => {
    const low = () => 0;
    const high = () => 1;
    expect(backoffMs(1, { random: low })).toBe(500);
    expect(backoffMs(1, { random: high })).toBe(1000);
    expect(backoffMs(3, { random: high })).toBe(4000);
    expect(backoffMs(20, { random: high })).toBe(30_000);
    expect(backoffMs(20, { random: low })).toBe(15_000);
  });

  it('sleeps until aborted, whichever comes first', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
