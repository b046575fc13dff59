// Bench 1: cluster cost and latency of a card view, okteto-dev vs Backstage's Kubernetes plugin,
// both in ONE in-process backend against the same kube-sandbox (web-core scenario, fixed latency).
import os from 'node:os';
import {
  BenchContext,
  fmt,
  LoadResult,
  percentiles,
  printTable,
  ratio,
  runLoad,
  say,
  sleep,
} from './lib';
import { SIX_APPS, startBenchBackend, views } from './setup';

/** Our cache TTL in this bench: long enough for "warm", short enough to wait out for "cold". */
export const TTL_SECONDS = 5;

const verdict = (checks: boolean[]): boolean | 'partly' =>
  checks.every(Boolean) ? true : checks.some(Boolean) ? 'partly' : false;

export async function clusterCost(ctx: BenchContext): Promise<void> {
  const { quick, latencyMs } = ctx.args;
  const durationMs = (quick ? 5 : 30) * 1000;
  say(
    `cluster cost: sandbox latency ${latencyMs} ms, okteto-dev cache TTL ${TTL_SECONDS} s`,
  );
  const b = await startBenchBackend({
    latencyMs,
    oktetoDev: { cache: { ttlSeconds: TTL_SECONDS } },
  });
  const { sandbox } = b;
  const counters = sandbox.counters;
  try {
    // One sandbox round trip: a namespaced LIST of Deployments, keep-alive, sequential.
    const rtts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const res = await fetch(
        `${sandbox.url}/apis/apps/v1/namespaces/web-corporate-dev/deployments`,
        { headers: { authorization: `Bearer ${sandbox.token}` } },
      );
      await res.text();
      rtts.push(performance.now() - t);
    }
    const rtt = percentiles(rtts.slice(2)).p50;
    say(`one sandbox round trip (p50 of 18): ${fmt(rtt)} ms`);

    const cost = async (fn: () => Promise<unknown>) => {
      counters.reset();
      const t = performance.now();
      await fn();
      const ms = performance.now() - t;
      const n = counters.total;
      const refused = counters.count(r => r.status === 403);
      const paths = counters.requests.map(
        r =>
          `${r.verb} ${r.path}${
            r.query.labelSelector
              ? `?labelSelector=${r.query.labelSelector}`
              : ''
          }${
            r.query.fieldSelector
              ? `?fieldSelector=${r.query.fieldSelector}`
              : ''
          }`,
      );
      counters.reset();
      return { n, ms, paths, refused };
    };
    const expectOk = async (target: ReturnType<typeof views.ours>) => {
      const r = await b.send(target);
      if (r.status !== 200) {
        throw new Error(
          `${target.method} ${target.path} answered ${
            r.status
          }: ${JSON.stringify(r.body).slice(0, 300)}`,
        );
      }
      return r;
    };
    const all = (n: number, target: ReturnType<typeof views.ours>) =>
      Promise.all(Array.from({ length: n }, () => expectOk(target)));
    const waitTtl = () => sleep(TTL_SECONDS * 1000 + 300);

    // --- ours
    const oursFirst = await cost(() => expectOk(views.ours('corporate')));
    const oursWarm = await cost(() => expectOk(views.ours('corporate')));
    await waitTtl();
    const oursCold = await cost(() => expectOk(views.ours('corporate')));
    await waitTtl();
    const oursSixCold = await cost(() =>
      Promise.all(SIX_APPS.map(a => expectOk(views.ours(a)))),
    );
    const oursSixWarm = await cost(() =>
      Promise.all(SIX_APPS.map(a => expectOk(views.ours(a)))),
    );
    await waitTtl();
    const oursBatchCold = await cost(() => expectOk(views.oursBatch(SIX_APPS)));
    await waitTtl();
    const ours100 = await cost(() => all(100, views.ours('corporate')));
    // Cold single-view latency, a few samples (each after the TTL ran out).
    const oursColdMs = [oursCold.ms];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      await waitTtl();
      oursColdMs.push((await cost(() => expectOk(views.ours('corporate')))).ms);
    }

    // --- theirs (no server-side cache: every view is cold)
    const svcFirst = await cost(() =>
      expectOk(views.theirsServices('corporate')),
    );
    const svcSecond = await cost(() =>
      expectOk(views.theirsServices('corporate')),
    );
    const wlFirst = await cost(() =>
      expectOk(views.theirsWorkloads('corporate')),
    );
    const wlSecond = await cost(() =>
      expectOk(views.theirsWorkloads('corporate')),
    );
    const svcSix = await cost(() =>
      Promise.all(SIX_APPS.map(a => expectOk(views.theirsServices(a)))),
    );
    const wlSix = await cost(() =>
      Promise.all(SIX_APPS.map(a => expectOk(views.theirsWorkloads(a)))),
    );
    const svc100 = await cost(() =>
      all(100, views.theirsServices('corporate')),
    );
    const wl100 = await cost(() =>
      all(100, views.theirsWorkloads('corporate')),
    );
    const svcMs: number[] = [];
    const wlMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      svcMs.push(
        (await cost(() => expectOk(views.theirsServices('corporate')))).ms,
      );
      wlMs.push(
        (await cost(() => expectOk(views.theirsWorkloads('corporate')))).ms,
      );
    }

    const costRows: Array<[string, number, number | string, number | string]> =
      [
        [
          'one entity, first view after start',
          oursFirst.n,
          svcFirst.n,
          wlFirst.n,
        ],
        [
          'one entity, cold (our cache expired)',
          oursCold.n,
          svcSecond.n,
          wlSecond.n,
        ],
        [
          `one entity, warm (2nd view within ${TTL_SECONDS} s)`,
          oursWarm.n,
          svcSecond.n,
          wlSecond.n,
        ],
        ['six apps, six card views, cold', oursSixCold.n, svcSix.n, wlSix.n],
        ['six apps, six card views, warm', oursSixWarm.n, svcSix.n, wlSix.n],
        [
          `six apps, one batch request (ours), cold${
            oursBatchCold.refused
              ? ` (${oursBatchCold.refused} of them refused cluster-wide LISTs)`
              : ''
          }`,
          oursBatchCold.n,
          '—',
          '—',
        ],
        [
          '100 concurrent viewers of one entity, cold',
          ours100.n,
          svc100.n,
          wl100.n,
        ],
      ];
    printTable({
      title: 'Sandbox requests per card view (lower is better)',
      headers: [
        'view',
        'okteto-dev GET /status',
        'k8s POST /services/:entity',
        'k8s POST /resources/workloads/query',
        'ours / theirs (services)',
      ],
      rows: costRows.map(([label, o, s, w]) => [
        label,
        o,
        s,
        w,
        typeof s === 'number' ? fmt(ratio(o, s), 2) : '—',
      ]),
      note: `${
        oursBatchCold.refused
          ? `The web-core token has namespaced RBAC only (a namespace is forbidden), so the sandbox refuses cluster-wide LISTs with 403 and the batch falls back to one LIST per namespace: ${oursBatchCold.paths.join(
              ', ',
            )}.\n`
          : ''
      }okteto-dev cold view reads: ${oursCold.paths.join(
        ', ',
      )}\nKubernetes plugin view reads: ${
        svcSecond.paths.length
      } LISTs (${svcSecond.paths
        .map(p =>
          p
            .split(' ')[1]
            .split('?')[0]
            .replace(/\/namespaces\/[^/]+/, ''),
        )
        .join(', ')})`,
    });

    const single = {
      rttMs: rtt,
      oursCold: percentiles(oursColdMs),
      theirsServices: percentiles(svcMs),
      theirsWorkloads: percentiles(wlMs),
    };
    printTable({
      title: 'One cold card view, sequential (ms)',
      headers: ['request', 'p50 ms', 'samples', '÷ one sandbox round trip'],
      rows: [
        [
          'one sandbox round trip (namespaced LIST)',
          fmt(rtt),
          rtts.length - 2,
          '1.0',
        ],
        [
          'okteto-dev GET /status, cache expired',
          fmt(single.oursCold.p50),
          single.oursCold.n,
          fmt(single.oursCold.p50 / rtt, 2),
        ],
        [
          'k8s POST /services/:entity',
          fmt(single.theirsServices.p50),
          single.theirsServices.n,
          fmt(single.theirsServices.p50 / rtt, 2),
        ],
        [
          'k8s POST /resources/workloads/query',
          fmt(single.theirsWorkloads.p50),
          single.theirsWorkloads.n,
          fmt(single.theirsWorkloads.p50 / rtt, 2),
        ],
      ],
    });

    // --- latency under concurrent viewers
    say(
      `latency: 1, 10 and 100 concurrent viewers, ${
        durationMs / 1000
      } s each, three endpoints`,
    );
    await runLoad({
      port: b.port,
      targets: [views.ours('corporate')],
      concurrency: 1,
      durationMs: 1000,
    });
    await runLoad({
      port: b.port,
      targets: [views.theirsWorkloads('corporate')],
      concurrency: 1,
      durationMs: 1000,
    });
    type Row = {
      concurrency: number;
      endpoint: string;
      result: LoadResult;
      sandboxRequests: number;
    };
    const rows: Row[] = [];
    for (const concurrency of [1, 10, 100]) {
      for (const [endpoint, target] of [
        ['okteto-dev GET /status', views.ours('corporate')],
        ['k8s POST /services/:entity', views.theirsServices('corporate')],
        [
          'k8s POST /resources/workloads/query',
          views.theirsWorkloads('corporate'),
        ],
      ] as const) {
        counters.reset();
        const result = await runLoad({
          port: b.port,
          targets: [target],
          concurrency,
          durationMs,
        });
        rows.push({
          concurrency,
          endpoint,
          result,
          sandboxRequests: counters.total,
        });
        counters.reset();
        say(
          `  ${concurrency} viewers, ${endpoint}: p50 ${fmt(
            result.latency.p50,
          )} ms, ${fmt(result.rps)} req/s`,
        );
      }
    }
    const non200 = (r: LoadResult) =>
      Object.entries(r.statuses)
        .filter(([s]) => s !== '200')
        .reduce((a, [, n]) => a + n, 0);
    printTable({
      title: `Latency through HTTP, ${
        durationMs / 1000
      } s per cell, one entity (ms)`,
      headers: [
        'viewers',
        'endpoint',
        'p50',
        'p95',
        'p99',
        'req/s',
        'non-200',
        'sandbox requests',
        'sandbox req per answer',
      ],
      rows: rows.map(r => [
        r.concurrency,
        r.endpoint,
        fmt(r.result.latency.p50),
        fmt(r.result.latency.p95),
        fmt(r.result.latency.p99),
        fmt(r.result.rps),
        non200(r.result),
        r.sandboxRequests,
        fmt(r.sandboxRequests / Math.max(1, r.result.requests), 3),
      ]),
    });
    const ratios = [1, 10, 100].map(c => {
      const get = (e: string) =>
        rows.find(r => r.concurrency === c && r.endpoint === e)!.result.latency;
      const o = get('okteto-dev GET /status');
      const s = get('k8s POST /services/:entity');
      const w = get('k8s POST /resources/workloads/query');
      return {
        concurrency: c,
        vsServices: {
          p50: ratio(o.p50, s.p50),
          p95: ratio(o.p95, s.p95),
          p99: ratio(o.p99, s.p99),
        },
        vsWorkloads: {
          p50: ratio(o.p50, w.p50),
          p95: ratio(o.p95, w.p95),
          p99: ratio(o.p99, w.p99),
        },
      };
    });
    printTable({
      title: 'Latency ratios ours / theirs (below 1 = ours faster)',
      headers: [
        'viewers',
        'p50 vs /services',
        'p95 vs /services',
        'p99 vs /services',
        'p50 vs workloads',
        'p95 vs workloads',
        'p99 vs workloads',
        'speed-up p50 vs workloads',
      ],
      rows: ratios.map(r => [
        r.concurrency,
        fmt(r.vsServices.p50, 3),
        fmt(r.vsServices.p95, 3),
        fmt(r.vsServices.p99, 3),
        fmt(r.vsWorkloads.p50, 3),
        fmt(r.vsWorkloads.p95, 3),
        fmt(r.vsWorkloads.p99, 3),
        `${fmt(1 / r.vsWorkloads.p50)}×`,
      ]),
    });

    // --- goals
    const p50At = (c: number) =>
      rows.find(
        r => r.concurrency === c && r.endpoint === 'okteto-dev GET /status',
      )!.result.latency.p50;
    ctx.goals.push(
      {
        goal: '≤ 3 cluster reads per cold card view',
        met: oursCold.n <= 3,
        measured: `${oursCold.n} (first view after start: ${oursFirst.n}; Kubernetes plugin: ${svcSecond.n})`,
        why: `one LIST each of Applications (field selector on the name), Deployments and Secret metadata; Pods only when the workload needs explaining`,
      },
      {
        goal: '≤ 3 cluster reads in total for 100 concurrent viewers of one entity',
        met: ours100.n <= 3,
        measured: `${ours100.n} (Kubernetes plugin: ${svc100.n})`,
        why: 'concurrent requests for one entity share one in-flight fetch, then the cache answers',
      },
      {
        goal: 'p50 ≤ 1.5 × one sandbox round trip',
        met: verdict([1, 10, 100].map(c => p50At(c) <= 1.5 * rtt)),
        measured: `round trip ${fmt(rtt)} ms; p50 ${fmt(p50At(1))} / ${fmt(
          p50At(10),
        )} / ${fmt(p50At(100))} ms at 1 / 10 / 100 viewers (= ${fmt(
          p50At(1) / rtt,
          2,
        )} / ${fmt(p50At(10) / rtt, 2)} / ${fmt(
          p50At(100) / rtt,
          2,
        )} ×); a cold view alone is ${fmt(single.oursCold.p50 / rtt, 2)} ×`,
        why: `most views are answered from the ${TTL_SECONDS} s cache; a cold view needs about two dependent round trips (the LISTs, then Pods or repository files), so the cold path alone would not meet it; at 100 closed-loop viewers the p50 is set by CPU (Little's law: 100 viewers ÷ ${fmt(
          rows.find(
            r =>
              r.concurrency === 100 && r.endpoint === 'okteto-dev GET /status',
          )!.result.rps,
        )} answers/s), not by the cluster`,
      },
      {
        goal: '≥ 3× faster p50 than the Kubernetes plugin workload query (same entity)',
        met: verdict(ratios.map(r => r.vsWorkloads.p50 <= 1 / 3)),
        measured: ratios
          .map(r => `${fmt(1 / r.vsWorkloads.p50)}× at ${r.concurrency}`)
          .join(', '),
        why: `theirs issues ${
          svcSecond.n
        } LISTs per view and caches nothing server-side; ours answers from the cache and coalesces. At 100 closed-loop viewers both are CPU-bound on ${
          os.cpus().length
        } cores (load generator, backend and sandbox share them): ours then answers ${fmt(
          rows.find(
            r =>
              r.concurrency === 100 && r.endpoint === 'okteto-dev GET /status',
          )!.result.rps /
            rows.find(
              r =>
                r.concurrency === 100 &&
                r.endpoint === 'k8s POST /resources/workloads/query',
            )!.result.rps,
        )}× more requests per second, and the p50 ratio measures queueing rather than work per view`,
      },
    );
    ctx.summary.push(
      `Cluster cost: a cold okteto-dev card view costs ${
        oursCold.n
      } sandbox requests vs ${
        svcSecond.n
      } for the Kubernetes plugin; 100 concurrent viewers cost ${
        ours100.n
      } vs ${svc100.n}; p50 at 1/10/100 viewers ${ratios
        .map(r => `${fmt(1 / r.vsWorkloads.p50)}×`)
        .join(
          '/',
        )} faster than its workload query (sandbox latency ${latencyMs} ms).`,
    );
    ctx.results.clusterCost = {
      latencyMs,
      ttlSeconds: TTL_SECONDS,
      durationMs,
      sandboxRoundTripMs: rtt,
      requestsPerView: Object.fromEntries(
        costRows.map(([l, o, s, w]) => [
          l,
          { ours: o, theirsServices: s, theirsWorkloads: w },
        ]),
      ),
      oursColdReads: oursCold.paths,
      theirsViewReads: svcSecond.paths,
      singleColdView: single,
      latency: rows.map(r => ({
        concurrency: r.concurrency,
        endpoint: r.endpoint,
        ...r.result.latency,
        rps: r.result.rps,
        requests: r.result.requests,
        statuses: r.result.statuses,
        sandboxRequests: r.sandboxRequests,
      })),
      ratios,
    };
  } finally {
    await b.stop();
  }
}
