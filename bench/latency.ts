// Bench: latency of a card view under 1, 10 and 100 concurrent viewers (closed loop, the load
// generator in its own process), okteto-dev vs Backstage's Kubernetes plugin in one backend with
// the real catalog and permission backends. Viewers are distinct users and revalidate like a
// browser (If-None-Match with the last ETag). Extra rows at 100 viewers take each saving away in
// turn: no revalidation, a new user on every request (nothing remembered per user), the setup of
// earlier runs (in-process catalog mock, no permission backend), and live mode. Then the same
// 1/10/100 cells against the real kube-apiserver (bench/realCluster.ts), whose round trip is the
// unit of its ratios.
import os from 'node:os';
import { BenchCluster } from './cluster';
import {
  benchClusters,
  BenchContext,
  fmt,
  LoadResult,
  LoadTarget,
  printTable,
  ratio,
  runLoad,
  say,
} from './lib';
import { profile, ProfileSummary } from './profile';
import { BenchBackend, startBenchBackend, views, viewersOf } from './setup';

const TTL_SECONDS = 5;
const APP = 'corporate';

const OURS = 'okteto-dev GET /status';
const SERVICES = 'k8s POST /services/:entity';
const WORKLOADS = 'k8s POST /resources/workloads/query';
const NO_304 = 'okteto-dev, no revalidation (every answer the full body)';
const FRESH =
  'okteto-dev, a new user on every request (no 304, no remembered authorization)';
const PROFILED = `${OURS}, under the CPU profiler`;
const OLD =
  'okteto-dev, setup of earlier runs (catalog mock, no permission backend, no revalidation)';
const LIVE = 'okteto-dev, live mode (watched: derived from memory)';

const verdict = (checks: boolean[]): boolean | 'partly' =>
  checks.every(Boolean) ? true : checks.some(Boolean) ? 'partly' : false;

interface Row {
  concurrency: number;
  endpoint: string;
  result: LoadResult;
  clusterRequests: number;
}

const non200 = (r: LoadResult) =>
  Object.entries(r.statuses)
    .filter(([s]) => s !== '200' && s !== '304')
    .reduce((a, [, n]) => a + n, 0);

interface CellOptions {
  revalidate?: boolean;
  freshUsers?: boolean;
  ms?: number;
  profile?: boolean;
}

/** Runs load cells and keeps their rows. */
function cells(durationMs: number) {
  const rows: Row[] = [];
  let profiled: ProfileSummary | undefined;
  const cell = async (
    backend: BenchBackend,
    concurrency: number,
    endpoint: string,
    targets: LoadTarget[],
    options: CellOptions = {},
  ) => {
    await backend.cluster.reset();
    const load = () =>
      runLoad({
        port: backend.port,
        targets,
        concurrency,
        durationMs: options.ms ?? durationMs,
        revalidate: options.revalidate,
        freshUsers: options.freshUsers,
      });
    let result: LoadResult;
    if (options.profile) {
      const run = await profile('latency-100', load);
      result = run.result;
      profiled = run.summary;
    } else {
      result = await load();
    }
    rows.push({
      concurrency,
      endpoint,
      result,
      clusterRequests: await backend.cluster.count(),
    });
    say(
      `  ${concurrency} viewers, ${endpoint}: p50 ${fmt(
        result.latency.p50,
      )} ms, ${fmt(result.rps)} req/s`,
    );
    return result;
  };
  return { rows, cell, profiled: () => profiled };
}

/** Warm-up (JIT, sockets, the catalog's and permission backend's first answers), then 1/10/100. */
async function mainCells(
  b: BenchBackend,
  cell: ReturnType<typeof cells>['cell'],
) {
  for (const view of [
    views.ours,
    views.theirsServices,
    views.theirsWorkloads,
  ]) {
    await runLoad({
      port: b.port,
      targets: viewersOf(view, APP, 10),
      concurrency: 10,
      durationMs: 1000,
    });
  }
  for (const concurrency of [1, 10, 100]) {
    await cell(b, concurrency, OURS, viewersOf(views.ours, APP, concurrency), {
      revalidate: true,
    });
    await cell(
      b,
      concurrency,
      SERVICES,
      viewersOf(views.theirsServices, APP, concurrency),
      { revalidate: true },
    );
    await cell(
      b,
      concurrency,
      WORKLOADS,
      viewersOf(views.theirsWorkloads, APP, concurrency),
      { revalidate: true },
    );
  }
}

function printLatency(label: string, rows: Row[], note: string) {
  printTable({
    title: `Latency through HTTP on the ${label}, one entity (${APP}), closed loop, viewers = distinct users (ms)`,
    headers: [
      'viewers',
      'endpoint',
      'p50',
      'p95',
      'p99',
      'req/s',
      '304s',
      'non-2xx/304',
      'KiB per answer',
      'cluster requests',
    ],
    rows: rows.map(r => [
      r.concurrency,
      r.endpoint,
      fmt(r.result.latency.p50),
      fmt(r.result.latency.p95),
      fmt(r.result.latency.p99),
      fmt(r.result.rps),
      r.result.statuses['304'] ?? 0,
      non200(r.result),
      fmt(r.result.bytes / Math.max(1, r.result.requests) / 1024, 2),
      r.clusterRequests,
    ]),
    note,
  });
}

/** p50/p99 ratios of ours to theirs at 1, 10 and 100 viewers, printed. */
function ratiosOf(label: string, rows: Row[]) {
  const get = (c: number, e: string) =>
    rows.find(r => r.concurrency === c && r.endpoint === e)!.result;
  const ratios = [1, 10, 100].map(c => {
    const o = get(c, OURS).latency;
    const w = get(c, WORKLOADS).latency;
    const s = get(c, SERVICES).latency;
    return {
      concurrency: c,
      vsServices: { p50: ratio(o.p50, s.p50), p99: ratio(o.p99, s.p99) },
      vsWorkloads: { p50: ratio(o.p50, w.p50), p99: ratio(o.p99, w.p99) },
    };
  });
  printTable({
    title: `Latency ratios ours / theirs on the ${label} (below 1 = ours faster)`,
    headers: [
      'viewers',
      'p50 vs /services',
      'p99 vs /services',
      'p50 vs workloads',
      'p99 vs workloads',
      'speed-up p50 vs workloads',
    ],
    rows: ratios.map(r => [
      r.concurrency,
      fmt(r.vsServices.p50, 3),
      fmt(r.vsServices.p99, 3),
      fmt(r.vsWorkloads.p50, 3),
      fmt(r.vsWorkloads.p99, 3),
      `${fmt(1 / r.vsWorkloads.p50)}×`,
    ]),
  });
  return { get, ratios };
}

function resultsOf(rows: Row[]) {
  return rows.map(r => ({
    concurrency: r.concurrency,
    endpoint: r.endpoint,
    ...r.result.latency,
    rps: r.result.rps,
    requests: r.result.requests,
    statuses: r.result.statuses,
    bytes: r.result.bytes,
    clusterRequests: r.clusterRequests,
  }));
}

export async function latency(ctx: BenchContext): Promise<void> {
  const results: Record<string, unknown> = {
    latencyMs: ctx.args.latencyMs,
    ttlSeconds: TTL_SECONDS,
  };
  for (const { kind, cluster } of await benchClusters(ctx)) {
    results[kind] =
      kind === 'sandbox'
        ? await onSandbox(ctx)
        : await onRealServer(ctx, cluster!);
  }
  ctx.results.latency = results;
}

async function onSandbox(ctx: BenchContext) {
  const { quick, latencyMs } = ctx.args;
  const durationMs = (quick ? 5 : 30) * 1000;
  const extraMs = (quick ? 5 : 15) * 1000;
  const b = await startBenchBackend({
    latencyMs,
    oktetoDev: { cache: { ttlSeconds: TTL_SECONDS } },
  });
  const { rows, cell, profiled } = cells(durationMs);
  try {
    const rtt = (await b.cluster.roundTrip()).p50;
    say(
      `latency on the sandbox: one round trip ${fmt(
        rtt,
      )} ms; 1, 10 and 100 viewers, ${durationMs / 1000} s per cell`,
    );
    await mainCells(b, cell);
    // each saving taken away, at 100 viewers
    await cell(b, 100, NO_304, viewersOf(views.ours, APP, 100), {
      ms: extraMs,
    });
    await cell(b, 100, FRESH, [views.ours(APP, '{user}')], {
      freshUsers: true,
      ms: extraMs,
    });
    // where the CPU goes, in a cell of its own (the profiler slows what it watches)
    await cell(b, 100, PROFILED, viewersOf(views.ours, APP, 100), {
      revalidate: true,
      profile: true,
      ms: extraMs,
    });
    await b.stop();
    for (const [endpoint, options] of [
      [OLD, { catalog: 'mock' as const, kubernetes: false }],
      [LIVE, { kubernetes: false, oktetoDev: { live: { enabled: true } } }],
    ] as const) {
      const other = await startBenchBackend({
        latencyMs,
        ...options,
        oktetoDev: {
          cache: { ttlSeconds: TTL_SECONDS },
          ...('oktetoDev' in options ? options.oktetoDev : {}),
        },
      });
      try {
        if (endpoint === LIVE) {
          const deadline = Date.now() + 60_000;
          while (
            (await other.send(views.ours(APP))).body?.live?.mode !== 'watch'
          ) {
            if (Date.now() > deadline)
              throw new Error('live mode did not watch');
            await new Promise(r => setTimeout(r, 100));
          }
        }
        await runLoad({
          port: other.port,
          targets: viewersOf(views.ours, APP, 100),
          concurrency: 100,
          durationMs: 2000,
        });
        await cell(other, 100, endpoint, viewersOf(views.ours, APP, 100), {
          revalidate: endpoint === LIVE,
          ms: extraMs,
        });
      } finally {
        await other.stop();
      }
    }

    printLatency(
      'sandbox',
      rows,
      `Our sandbox requests are the cache (${TTL_SECONDS} s TTL) refreshing, whatever the number of viewers. The Kubernetes plugin's views are POSTs, which Express never answers with a 304. Live mode's sandbox requests are its LISTs and watches.`,
    );
    const { get, ratios } = ratiosOf('sandbox', rows);
    const summary = profiled();
    if (summary) {
      printTable({
        title: `Where the bench process's CPU went at 100 viewers (${OURS}; the backend and the sandbox, not the load generator)`,
        headers: ['package or folder', 'self time', 'share'],
        rows: summary.byPackage
          .slice(0, 12)
          .map(p => [p.name, `${fmt(p.ms)} ms`, `${fmt(p.share * 100)} %`]),
        note: `Top functions: ${summary.byFunction
          .slice(0, 8)
          .map(f => `${f.name} ${fmt(f.share * 100)} %`)
          .join('; ')}. Raw profile: ${summary.file}.`,
      });
    }

    const p50At = (c: number) => get(c, OURS).latency.p50;
    const hundred = get(100, OURS);
    ctx.goals.push(
      {
        goal: 'p50 ≤ 1.5 × one sandbox round trip at 1, 10 and 100 viewers',
        met: verdict([1, 10, 100].map(c => p50At(c) <= 1.5 * rtt)),
        measured: `round trip ${fmt(rtt)} ms; p50 ${[1, 10, 100]
          .map(c => fmt(p50At(c)))
          .join(' / ')} ms (= ${[1, 10, 100]
          .map(c => fmt(p50At(c) / rtt, 2))
          .join(' / ')} ×); at 100 without revalidation ${fmt(
          get(100, NO_304).latency.p50 / rtt,
          2,
        )} ×, a new user per request ${fmt(
          get(100, FRESH).latency.p50 / rtt,
          2,
        )} ×, live mode ${fmt(get(100, LIVE).latency.p50 / rtt, 2)} ×`,
        why: `at 100 closed-loop viewers the p50 is CPU queueing (Little's law: 100 ÷ ${fmt(
          hundred.rps,
        )} answers/s); a warm view is the stored bytes (or a 304) after a remembered authorization, no cache round trip, no serialisation`,
      },
      {
        goal: '≥ 3× faster p50 than the Kubernetes plugin workload query (same entity)',
        met: verdict(ratios.map(r => r.vsWorkloads.p50 <= 1 / 3)),
        measured: ratios
          .map(r => `${fmt(1 / r.vsWorkloads.p50)}× at ${r.concurrency}`)
          .join(', '),
        why: `theirs issues 14 LISTs per view and caches nothing server-side; ours answers from memory. All share ${
          os.cpus().length
        } cores with the load generator and the sandbox`,
      },
    );
    ctx.summary.push(
      `Latency (sandbox): p50 ${[1, 10, 100]
        .map(c => fmt(p50At(c)))
        .join('/')} ms at 1/10/100 viewers (round trip ${fmt(rtt)} ms), ${ratios
        .map(r => `${fmt(1 / r.vsWorkloads.p50)}×`)
        .join('/')} faster than the Kubernetes plugin's workload query.`,
    );
    const p = profiled();
    return {
      durationMs,
      roundTripMs: rtt,
      rows: resultsOf(rows),
      ratios,
      ...(p
        ? {
            profile: {
              byPackage: p.byPackage.slice(0, 20),
              byFunction: p.byFunction.slice(0, 30),
            },
          }
        : {}),
    };
  } finally {
    await b.stop().catch(() => undefined);
  }
}

async function onRealServer(ctx: BenchContext, cluster: BenchCluster) {
  const { quick, latencyMs } = ctx.args;
  const durationMs = (quick ? 5 : 30) * 1000;
  const b = await startBenchBackend({
    latencyMs,
    cluster,
    oktetoDev: { cache: { ttlSeconds: TTL_SECONDS } },
  });
  const { label } = cluster;
  const { rows, cell } = cells(durationMs);
  try {
    const rtt = (await b.cluster.roundTrip()).p50;
    say(
      `latency on the ${label}: one round trip ${fmt(
        rtt,
      )} ms; 1, 10 and 100 viewers, ${durationMs / 1000} s per cell`,
    );
    await mainCells(b, cell);
    printLatency(
      label,
      rows,
      `Cluster requests: what the API server's audit log recorded for the two plugins' service accounts during the cell (our cache, ${TTL_SECONDS} s TTL, refreshing; every Kubernetes plugin view's LISTs). A non-2xx answer of the Kubernetes plugin is its own error (it answers 200 with per-request errors while the API server refuses or throttles).`,
    );
    const { get, ratios } = ratiosOf(label, rows);
    const p50At = (c: number) => get(c, OURS).latency.p50;
    ctx.goals.push(
      {
        goal: `p50 ≤ 1.5 × one round trip at 1, 10 and 100 viewers — ${label}`,
        met: verdict([1, 10, 100].map(c => p50At(c) <= 1.5 * rtt)),
        measured: `round trip ${fmt(rtt, 2)} ms; p50 ${[1, 10, 100]
          .map(c => fmt(p50At(c)))
          .join(' / ')} ms (= ${[1, 10, 100]
          .map(c => fmt(p50At(c) / rtt, 2))
          .join(' / ')} ×)`,
        why: `the round trip here is a LIST on loopback (no network, no added latency); at 100 closed-loop viewers our p50 is queueing for the 2 cores the backend shares with the load generator and the API server (Little's law: 100 ÷ ${fmt(
          get(100, OURS).rps,
        )} answers/s), not the cluster`,
      },
      {
        goal: `≥ 3× faster p50 than the Kubernetes plugin workload query (same entity) — ${label}`,
        met: verdict(ratios.map(r => r.vsWorkloads.p50 <= 1 / 3)),
        measured: ratios
          .map(r => `${fmt(1 / r.vsWorkloads.p50)}× at ${r.concurrency}`)
          .join(', '),
        why: `theirs sends 14 LISTs per view to the API server and caches nothing server-side; ours answers from memory`,
      },
    );
    ctx.summary.push(
      `Latency (${label}): p50 ${[1, 10, 100]
        .map(c => fmt(p50At(c)))
        .join('/')} ms at 1/10/100 viewers (round trip ${fmt(
        rtt,
        2,
      )} ms), ${ratios
        .map(r => `${fmt(1 / r.vsWorkloads.p50)}×`)
        .join('/')} faster than the Kubernetes plugin's workload query.`,
    );
    return {
      cluster: label,
      durationMs,
      roundTripMs: rtt,
      rows: resultsOf(rows),
      ratios,
    };
  } finally {
    await b.stop().catch(() => undefined);
  }
}
