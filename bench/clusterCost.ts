// Bench 1: cluster requests per card view, okteto-dev vs Backstage's Kubernetes plugin, both in
// ONE in-process backend against the same cluster: the kube-sandbox (web-core scenario, fixed
// latency), then the real kube-apiserver with web-core's objects (bench/realCluster.ts), in the
// same run. The latency of those views is bench/latency.ts; one cold view per app state is
// bench/coldViews.ts.
import { BenchCluster, requestLabel } from './cluster';
import {
  benchClusters,
  BenchContext,
  fmt,
  printTable,
  ratio,
  say,
  sleep,
} from './lib';
import { SIX_APPS, startBenchBackend, views } from './setup';

/** Our cache TTL in this bench: long enough for "warm", short enough to wait out for "cold". */
export const TTL_SECONDS = 5;

type Row = [string, number, number | string, number | string];

async function costOn(
  ctx: BenchContext,
  kind: 'sandbox' | 'real',
  given: BenchCluster | undefined,
) {
  const { latencyMs } = ctx.args;
  const b = await startBenchBackend({
    latencyMs,
    cluster: given,
    oktetoDev: { cache: { ttlSeconds: TTL_SECONDS } },
  });
  const { cluster } = b;
  say(
    `cluster cost on the ${cluster.label}${
      kind === 'sandbox' ? ` (${latencyMs} ms per request)` : ''
    }, okteto-dev cache TTL ${TTL_SECONDS} s`,
  );
  try {
    const cost = async (fn: () => Promise<unknown>) => {
      await cluster.reset();
      const t = performance.now();
      await fn();
      const ms = performance.now() - t;
      const requests = await cluster.requests();
      await cluster.reset();
      return {
        n: requests.length,
        ms,
        paths: requests.map(requestLabel),
        refused: requests.filter(r => r.status === 403).length,
        clients: [...new Set(requests.map(r => r.client ?? '?'))],
      };
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
    // on the real server each request names its sender (the audit log's user)
    if (kind === 'real') {
      const wrong = [
        ...[oursFirst, oursCold, oursSixCold, oursBatchCold, ours100].filter(
          c => c.clients.some(x => x !== 'okteto-dev'),
        ),
        ...[svcSecond, wlSecond, svc100, wl100].filter(c =>
          c.clients.some(x => x !== 'kubernetes'),
        ),
      ];
      if (wrong.length > 0)
        throw new Error(
          `requests from another client were counted: ${wrong
            .map(c => c.clients.join('+'))
            .join(', ')}`,
        );
    }
    const rows: Row[] = [
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
            ? ` (${oursBatchCold.refused} of them refused with 403)`
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
      title: `Requests per card view on the ${cluster.label} (lower is better)`,
      headers: [
        'view',
        'okteto-dev GET /status',
        'k8s POST /services/:entity',
        'k8s POST /resources/workloads/query',
        'ours / theirs (services)',
      ],
      rows: rows.map(([label, o, s, w]) => [
        label,
        o,
        s,
        w,
        typeof s === 'number' ? fmt(ratio(o, s), 2) : '—',
      ]),
      note: `${
        oursBatchCold.refused
          ? `Some reads were refused (403): ${oursBatchCold.paths.join(
              ', ',
            )}.\n`
          : ''
      }okteto-dev cold view reads: ${oursCold.paths.join(
        ', ',
      )}\nokteto-dev batch of six reads: ${oursBatchCold.paths.join(
        ', ',
      )}\nKubernetes plugin view reads: ${
        svcSecond.paths.length
      } LISTs (${svcSecond.paths
        .map(p => p.split(' ')[1].replace(/\/namespaces\/[^/]+/, ''))
        .join(', ')})`,
    });
    return {
      label: cluster.label,
      rows,
      oursCold,
      oursFirst,
      ours100,
      svcSecond,
      svc100,
      oursBatchCold,
    };
  } finally {
    await b.stop();
  }
}

export async function clusterCost(ctx: BenchContext): Promise<void> {
  const results: Record<string, unknown> = {
    latencyMs: ctx.args.latencyMs,
    ttlSeconds: TTL_SECONDS,
  };
  for (const { kind, cluster } of await benchClusters(ctx)) {
    const r = await costOn(ctx, kind, cluster);
    const on = kind === 'sandbox' ? '' : ` — ${r.label}`;
    ctx.goals.push(
      {
        goal: `≤ 3 cluster reads per cold card view${on}`,
        met: r.oursCold.n <= 3,
        measured: `${r.oursCold.n} (first view after start: ${r.oursFirst.n}; Kubernetes plugin: ${r.svcSecond.n})`,
        why: `one LIST each of Applications (field selector on the name), Deployments and Pods (they also tell whether the app's Secrets exist); no Secret is read`,
      },
      {
        goal: `≤ 3 cluster reads in total for 100 concurrent viewers of one entity${on}`,
        met: r.ours100.n <= 3,
        measured: `${r.ours100.n} (Kubernetes plugin: ${r.svc100.n})`,
        why: 'concurrent requests for one entity share one in-flight fetch, then the cache answers',
      },
    );
    ctx.summary.push(
      `Cluster cost (${r.label}): a cold okteto-dev card view costs ${r.oursCold.n} requests vs ${r.svcSecond.n} for the Kubernetes plugin; 100 concurrent viewers cost ${r.ours100.n} vs ${r.svc100.n}.`,
    );
    results[kind] = {
      cluster: r.label,
      requestsPerView: Object.fromEntries(
        r.rows.map(([l, o, s, w]) => [
          l,
          { ours: o, theirsServices: s, theirsWorkloads: w },
        ]),
      ),
      oursColdReads: r.oursCold.paths,
      oursBatchReads: r.oursBatchCold.paths,
      theirsViewReads: r.svcSecond.paths,
    };
  }
  ctx.results.clusterCost = results;
}
