import {
  eventually,
  oktetoUp,
  Sandbox,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import {
  LiveBackend,
  recordingSignals,
  startLiveBackend,
} from '../../__testUtils__/liveBackend';

jest.setTimeout(60_000);

const CORPORATE = 'component:default/corporate';
const SAAS = 'component:default/saas';

/** Starts a sandbox and a live backend with recorded signals. */
async function setUp(oktetoDev: Record<string, unknown> = {}) {
  const sandbox = await startSandbox({ scenario: 'web-core' });
  const signals = recordingSignals();
  const backend = await startLiveBackend({
    sandbox,
    oktetoDev: {
      ...oktetoDev,
      live: { debounceMs: 200, ...(oktetoDev.live as object) },
    },
    features: [signals.factory],
  });
  return { sandbox, signals, backend };
}

const watching = (backend: LiveBackend, name: string) =>
  eventually(async () => (await backend.status(name)).live?.mode === 'watch', {
    what: `${name} to be watched`,
  });

describe('signals', () => {
  let sandbox: Sandbox;
  let signals: ReturnType<typeof recordingSignals>;
  let backend: LiveBackend;
  let replicas = 1;

  beforeAll(async () => {
    ({ sandbox, signals, backend } = await setUp());
    await watching(backend, 'corporate');
    await watching(backend, 'saas');
  });
  afterAll(async () => {
    await backend?.stop();
    await sandbox?.close();
  });

  /**
   * A change of another entity, and its signal: flushes run one at a time, so once it is out,
   * everything changed before it has been handled.
   */
  async function barrier() {
    const before = signals.of(SAAS).length;
    replicas += 1;
    sandbox.store.patch('deployments', 'web-saas-dev', 'web-saas-dev-web-app', {
      spec: { replicas },
    });
    await eventually(() => signals.of(SAAS).length > before, {
      what: 'the barrier signal',
    });
  }

  it('one signal per change, on the entity channel, without status data', async () => {
    const before = signals.of(CORPORATE).length;
    await oktetoUp(sandbox.store, {
      devName: 'web-corporate-dev',
      namespace: 'web-corporate-dev',
      workload: 'web-corporate-dev-web-app',
      user: 'alice',
    });
    await eventually(() => signals.of(CORPORATE).length > before, {
      what: 'the signal of corporate',
    });
    await barrier();
    const mine = signals.of(CORPORATE).slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual({
      recipients: { type: 'broadcast' },
      channel: `okteto-dev:status:${CORPORATE}`,
      message: { entityRef: CORPORATE, changedAt: expect.any(String) },
    });
    expect((await backend.status('corporate')).okteto.state).toBe('on');
  });

  it('no signal for a change the card does not show', async () => {
    const before = signals.of(CORPORATE).length;
    sandbox.store.patch(
      'deployments',
      'web-corporate-dev',
      'web-corporate-dev-web-app',
      {
        metadata: { annotations: { 'example.com/touched': 'yes' } },
      },
    );
    await barrier();
    expect(signals.of(CORPORATE)).toHaveLength(before);
  });
});

describe('abandonment is a function of time', () => {
  it('fires without a cluster change', async () => {
    const { sandbox, signals, backend } = await setUp({
      abandonedAfterHours: 3 / 3600,
      live: { resyncSeconds: 0.5 },
    });
    try {
      await watching(backend, 'corporate');
      await oktetoUp(sandbox.store, {
        devName: 'web-corporate-dev',
        namespace: 'web-corporate-dev',
        workload: 'web-corporate-dev-web-app',
      });
      const on = await eventually(async () => {
        const s = await backend.status('corporate');
        return s.okteto.state === 'on' && s;
      });
      expect(on.okteto).toMatchObject({ abandoned: false });
      const since =
        on.okteto.state === 'on' ? Date.parse(on.okteto.since!) : NaN;
      sandbox.counters.reset();
      // a signal from the first derivation that sees the session older than 3 s
      await eventually(
        () =>
          signals
            .of(CORPORATE)
            .some(s => Date.parse(String(s.message.changedAt)) >= since + 3000),
        { what: 'the abandoned signal' },
      );
      expect((await backend.status('corporate')).okteto).toMatchObject({
        state: 'on',
        abandoned: true,
      });
      expect(sandbox.requests.filter(r => r.verb !== 'watch')).toEqual([]);
    } finally {
      await backend.stop();
      await sandbox.close();
    }
  });
});
