// Bench 6: live mode. Watch-fed status against polling mode, in the same process and against the
// same kube-sandbox: cluster reads per card view, time from a cluster change to the signal,
// watches per cluster, and the backend's RSS with 2,000 watched entities (in a child process each,
// so that the sandbox's own memory is not counted).
import { SignalPayload } from '@backstage/plugin-signals-node';
import {
  generateWebCoreApps,
  oktetoDown,
  oktetoUp,
  Sandbox,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import {
  LiveBackend,
  recordingSignals,
  startLiveBackend,
} from '@okteto-dev/plugin-okteto-dev-backend/src/__testUtils__/liveBackend';
import { fork } from 'node:child_process';
import path from 'node:path';
import {
  BenchContext,
  fmt,
  percentiles,
  printTable,
  ratio,
  ROOT,
  say,
  sleep,
} from './lib';
import { SIX_APPS } from './setup';
import type { WorkerReport, WorkerRequest } from './liveWorker';

const TTL_SECONDS = 2;
const DEV = {
  devName: 'web-corporate-dev',
  namespace: 'web-corporate-dev',
  workload: 'web-corporate-dev-web-app',
};

/** Watches the sandbox holds open right now. */
const openWatches = (sandbox: Sandbox) =>
  sandbox.requests.filter(r => r.verb === 'watch' && r.status === 0);

async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('live bench: timed out');
    await sleep(20);
  }
}

/** Cluster reads of six card views, within the cache TTL and after it expired. */
async function readsPerView(
  sandbox: Sandbox,
  backend: LiveBackend,
  live: boolean,
) {
  const viewSix = () => Promise.all(SIX_APPS.map(a => backend.status(a)));
  if (live)
    await until(async () =>
      (await viewSix()).every(s => s.live?.mode === 'watch'),
    );
  else await viewSix();
  // by position in the request log, not by reset: the open watches must stay in it
  const count = async () => {
    const from = sandbox.requests.length;
    await viewSix();
    const reads = sandbox.requests.slice(from).filter(r => r.verb !== 'watch');
    return reads.length / SIX_APPS.length;
  };
  const warm = await count();
  await sleep(TTL_SECONDS * 1000 + 300);
  const expired = await count();
  return { warm, expired };
}

/** Time from okteto up / down on the sandbox to the signal of corporate, in ms. */
async function changeToSignal(
  sandbox: Sandbox,
  signalled: () => number,
  rounds: number,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const change of [
      () => oktetoUp(sandbox.store, { ...DEV, user: `bench-${i}` }),
      () => oktetoDown(sandbox.store, DEV),
    ]) {
      const before = signalled();
      const started = performance.now();
      await change();
      await until(() => signalled() > before, 10_000);
      samples.push(performance.now() - started);
      // let the dust settle (pods, Argo CD), so each sample is one change
      await sleep(400);
    }
  }
  return samples;
}

/** One backend in a child process against `sandbox`; its report, then it is stopped. */
function childBackend(
  sandbox: Sandbox,
  mode: WorkerRequest['mode'],
  apps: number,
) {
  return new Promise<WorkerReport & { openWatches: number }>(
    (resolve, reject) => {
      const child = fork(path.join(__dirname, 'liveWorker.ts'), [], {
        execArgv: [
          '--expose-gc',
          '--require',
          path.join(
            ROOT,
            'node_modules/@backstage/cli/config/nodeTransform.cjs',
          ),
        ],
        env: { ...process.env, LOG_LEVEL: 'error' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      // the TypeScript transform talks over IPC too ({ type: 'watch', path }): wait for the report
      const onMessage = (message: WorkerReport | { type: string }) => {
        if (!('mode' in message)) return;
        child.off('message', onMessage);
        const watches = openWatches(sandbox).length;
        child.send('stop');
        child.once('exit', () => resolve({ ...message, openWatches: watches }));
      };
      child.on('message', onMessage);
      child.once('error', reject);
      child.once(
        'exit',
        code => code && reject(new Error(`live worker exited with ${code}`)),
      );
      child.send({ mode, url: sandbox.url, token: sandbox.token!, apps });
    },
  );
}

export async function live(ctx: BenchContext): Promise<void> {
  const { quick, latencyMs } = ctx.args;
  const rounds = quick ? 5 : 20;
  const apps = 2000;

  // --- web-core: reads per view (polling, then live), change-to-signal, watches
  const sandbox = await startSandbox({ scenario: 'web-core', latencyMs });
  let polling: { warm: number; expired: number };
  let watching: { warm: number; expired: number };
  let samples: number[];
  let webCoreWatches: number;
  try {
    const pollingBackend = await startLiveBackend({
      sandbox,
      oktetoDev: {
        cache: { ttlSeconds: TTL_SECONDS },
        live: { enabled: false },
      },
    });
    try {
      polling = await readsPerView(sandbox, pollingBackend, false);
    } finally {
      await pollingBackend.stop();
    }
    const published: number[] = [];
    // corporate's channel is opaque: known once its status has handed it out
    let corporateChannel: string | undefined;
    const signals = recordingSignals((s: SignalPayload) => {
      if (corporateChannel !== undefined && s.channel === corporateChannel)
        published.push(performance.now());
    });
    const liveBackend = await startLiveBackend({
      sandbox,
      oktetoDev: {
        cache: { ttlSeconds: TTL_SECONDS },
        live: { debounceMs: 300 },
      },
      features: [signals.factory],
    });
    try {
      watching = await readsPerView(sandbox, liveBackend, true);
      corporateChannel = (await liveBackend.status('corporate')).live?.channel;
      if (!corporateChannel) throw new Error('corporate has no signal channel');
      webCoreWatches = openWatches(sandbox).length;
      samples = await changeToSignal(sandbox, () => published.length, rounds);
    } finally {
      await liveBackend.stop();
    }
  } finally {
    await sandbox.close();
  }
  const latency = percentiles(samples);

  // --- 2,000 generated apps: RSS of the backend alone, polling vs live
  const t = Date.now();
  const big = await startSandbox({
    scenario: generateWebCoreApps(apps),
    latencyMs,
  });
  say(
    `live: sandbox with ${apps} apps started in ${fmt(
      (Date.now() - t) / 1000,
    )} s`,
  );
  let pollingChild: WorkerReport & { openWatches: number };
  let liveChild: WorkerReport & { openWatches: number };
  try {
    pollingChild = await childBackend(big, 'polling', apps);
    liveChild = await childBackend(big, 'watch', apps);
  } finally {
    await big.close();
  }

  printTable({
    title: 'Live mode vs polling mode (same sandbox, same process)',
    headers: ['measure', 'polling mode', 'live mode', 'live / polling'],
    rows: [
      [
        'cluster reads per card view, within the cache TTL',
        fmt(polling.warm, 2),
        fmt(watching.warm, 2),
        fmt(ratio(watching.warm, polling.warm), 2),
      ],
      [
        `cluster reads per card view, cache (${TTL_SECONDS} s) expired`,
        fmt(polling.expired, 2),
        fmt(watching.expired, 2),
        fmt(ratio(watching.expired, polling.expired), 2),
      ],
      [
        'open watches, web-core (11 dev namespaces watched, 1 forbidden)',
        0,
        webCoreWatches,
        '—',
      ],
      [
        `open watches, ${apps} apps (beyond maxNamespacesPerCluster)`,
        pollingChild.openWatches,
        liveChild.openWatches,
        '—',
      ],
      [
        `backend RSS with ${apps} entities viewed (MiB)`,
        fmt(pollingChild.rssMiB),
        fmt(liveChild.rssMiB),
        fmt(ratio(liveChild.rssMiB, pollingChild.rssMiB), 2),
      ],
      [
        `backend RSS growth from start to ${apps} entities viewed (MiB)`,
        fmt(pollingChild.rssMiB - pollingChild.idleRssMiB),
        fmt(liveChild.rssMiB - liveChild.idleRssMiB),
        fmt(
          ratio(
            liveChild.rssMiB - liveChild.idleRssMiB,
            pollingChild.rssMiB - pollingChild.idleRssMiB,
          ),
          2,
        ),
      ],
      [
        `backend heap with ${apps} entities viewed (MiB)`,
        fmt(pollingChild.heapMiB),
        fmt(liveChild.heapMiB),
        fmt(ratio(liveChild.heapMiB, pollingChild.heapMiB), 2),
      ],
      [
        `start until all ${apps} answered${' '}(live: and watched), s`,
        fmt(pollingChild.readyMs / 1000),
        fmt(liveChild.readyMs / 1000),
        fmt(ratio(liveChild.readyMs, pollingChild.readyMs), 2),
      ],
    ],
  });
  printTable({
    title: `Cluster change (okteto up / down on the sandbox) to signal, ${samples.length} changes (ms)`,
    headers: ['p50', 'p95', 'max', 'debounce'],
    rows: [
      [
        fmt(latency.p50),
        fmt(latency.p95),
        fmt(latency.max),
        '300 ms (default)',
      ],
    ],
    note: 'Polling mode has no push: the card sees a change at its next refresh (oktetoDev.refreshIntervalSeconds, 30 s by default) once the cache (15 s) has expired.',
  });

  ctx.goals.push(
    {
      goal: '0 cluster reads per card view once watched (live mode)',
      met: watching.warm === 0 && watching.expired === 0,
      measured: `${fmt(
        watching.expired,
        2,
      )} per view after the cache expired (polling mode: ${fmt(
        polling.expired,
        2,
      )})`,
      why: 'views derive from the watched objects in memory; only watch requests stay open',
    },
    {
      goal: 'cluster change to signal p95 ≤ 1 s',
      met: latency.p95 <= 1000,
      measured: `p50 ${fmt(latency.p50)} ms, p95 ${fmt(latency.p95)} ms over ${
        samples.length
      } changes`,
      why: 'the watch event arrives at once; the 300 ms debounce waits for okteto to finish writing, then one derivation from memory',
    },
    {
      goal: `a constant number of watches per cluster for ${apps} entities`,
      met: liveChild.openWatches <= 3,
      measured: `${liveChild.openWatches} open watches (web-core, per namespace: ${webCoreWatches})`,
      why: 'in the cluster-wide mode (oktetoDev.rbac.clusterWide), beyond maxNamespacesPerCluster (50) each kind is watched once across all namespaces: Applications, Deployments, Pods (never Secrets)',
    },
    {
      goal: `backend RSS with ${apps} watched entities ≤ 1.5 × polling mode`,
      met:
        liveChild.rssMiB <= 1.5 * pollingChild.rssMiB &&
        liveChild.watched === apps,
      measured: `${fmt(liveChild.rssMiB)} MiB vs ${fmt(
        pollingChild.rssMiB,
      )} MiB (${liveChild.watched} of ${apps} watched)`,
      why: 'only the fields the derivation reads are kept; no Secret is watched',
    },
  );
  ctx.summary.push(
    `Live: ${fmt(watching.expired, 2)} cluster reads per view (polling ${fmt(
      polling.expired,
      2,
    )}); change to signal p50 ${fmt(latency.p50)} ms, p95 ${fmt(
      latency.p95,
    )} ms; ${liveChild.openWatches} watches for ${apps} entities; RSS ${fmt(
      liveChild.rssMiB,
    )} vs ${fmt(pollingChild.rssMiB)} MiB.`,
  );
  ctx.results.live = {
    latencyMs,
    ttlSeconds: TTL_SECONDS,
    readsPerView: { polling, live: watching },
    changeToSignalMs: latency,
    watches: {
      webCore: webCoreWatches,
      [`apps${apps}`]: liveChild.openWatches,
    },
    children: { polling: pollingChild, live: liveChild },
  };
}
