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

/** Waits until `name` is watched; its opaque signal channel, as its status hands it out. */
const watching = (backend: LiveBackend, name: string) =>
  eventually(
    async () => {
      const { live } = await backend.status(name);
      return live?.mode === 'watch' && live.channel;
    },
    { what: `${name} to be watched` },
  );

describe('signals', () => {
  let sandbox: Sandbox;
  let signals: ReturnType<typeof recordingSignals>;
  let backend: LiveBackend;
  let replicas = 1;
  let corporate: string;
  let saas: string;

  beforeAll(async () => {
    ({ sandbox, signals, backend } = await setUp());
    corporate = await watching(backend, 'corporate');
    saas = await watching(backend, 'saas');
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
    const before = signals.of(saas).length;
    replicas += 1;
    sandbox.store.patch('deployments', 'web-saas-dev', 'web-saas-dev-web-app', {
      spec: { replicas },
    });
    await eventually(() => signals.of(saas).length > before, {
      what: 'the barrier signal',
    });
  }

  it('channels are opaque: nothing in them names the entity, and each entity has its own', async () => {
    for (const channel of [corporate, saas]) {
      expect(channel).toMatch(/^okteto-dev:status:[A-Za-z0-9_-]{32}$/);
      expect(channel.toLowerCase()).not.toContain('corporate');
      expect(channel.toLowerCase()).not.toContain('saas');
    }
    expect(corporate).not.toBe(saas);
    // the same channel on every answer, also through the batch endpoint
    expect((await backend.status('corporate')).live?.channel).toBe(corporate);
  });

  it('one signal per change, on the entity channel, without status data', async () => {
    const before = signals.of(corporate).length;
    await oktetoUp(sandbox.store, {
      devName: 'web-corporate-dev',
      namespace: 'web-corporate-dev',
      workload: 'web-corporate-dev-web-app',
      user: 'alice',
    });
    await eventually(() => signals.of(corporate).length > before, {
      what: 'the signal of corporate',
    });
    await barrier();
    const mine = signals.of(corporate).slice(before);
    expect(mine).toHaveLength(1);
    // and on the previous period's channel (for holders who have not renewed yet): as opaque
    const twin = signals.published.filter(
      s => s !== mine[0] && s.message.changedAt === mine[0].message.changedAt,
    );
    expect(twin.map(s => s.channel)).toEqual([
      expect.stringMatching(/^okteto-dev:status:[A-Za-z0-9_-]{32}$/),
    ]);
    expect(twin[0].channel).not.toBe(corporate);
    // a broadcast, but only on the opaque channel, and it names neither entity nor status
    expect(mine[0]).toEqual({
      recipients: { type: 'broadcast' },
      channel: corporate,
      message: { changedAt: expect.any(String) },
    });
    expect((await backend.status('corporate')).okteto.state).toBe('on');
  });

  it('no signal for a change the card does not show', async () => {
    const before = signals.of(corporate).length;
    sandbox.store.patch(
      'deployments',
      'web-corporate-dev',
      'web-corporate-dev-web-app',
      {
        metadata: { annotations: { 'example.com/touched': 'yes' } },
      },
    );
    await barrier();
    expect(signals.of(corporate)).toHaveLength(before);
  });
});

describe('abandonment is a function of time', () => {
  it('fires without a cluster change', async () => {
    const { sandbox, signals, backend } = await setUp({
      abandonedAfterHours: 3 / 3600,
      live: { resyncSeconds: 0.5 },
    });
    try {
      const corporate = await watching(backend, 'corporate');
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
            .of(corporate)
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
