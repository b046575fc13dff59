// Bench 1: cluster requests per card view, okteto-dev vs Backstage's Kubernetes plugin, both in
// ONE in-process backend against the same kube-sandbox (web-core scenario, fixed latency). The
// latency of those views is bench/latency.ts; one cold view per app state is bench/coldViews.ts.
import { BenchContext, fmt, printTable, ratio, say, sleep } from './lib';
import { SIX_APPS, startBenchBackend, views } from './setup';

/** Our cache TTL in this bench: long enough for "warm", short enough to wait out for "cold". */
export const TTL_SECONDS = 5;

export async function clusterCost(ctx: BenchContext): Promise<void> {
  const { latencyMs } = ctx.args;
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
          ? `Some reads were refused (403): ${oursBatchCold.paths.join(
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

    // --- goals
    ctx.goals.push(
      {
        goal: '≤ 3 cluster reads per cold card view',
        met: oursCold.n <= 3,
        measured: `${oursCold.n} (first view after start: ${oursFirst.n}; Kubernetes plugin: ${svcSecond.n})`,
        why: `one LIST each of Applications (field selector on the name), Deployments and Pods (they also tell whether the app's Secrets exist); no Secret is read`,
      },
      {
        goal: '≤ 3 cluster reads in total for 100 concurrent viewers of one entity',
        met: ours100.n <= 3,
        measured: `${ours100.n} (Kubernetes plugin: ${svc100.n})`,
        why: 'concurrent requests for one entity share one in-flight fetch, then the cache answers',
      },
    );
    ctx.summary.push(
      `Cluster cost: a cold okteto-dev card view costs ${oursCold.n} sandbox requests vs ${svcSecond.n} for the Kubernetes plugin; 100 concurrent viewers cost ${ours100.n} vs ${svc100.n} (sandbox latency ${latencyMs} ms).`,
    );
    ctx.results.clusterCost = {
      latencyMs,
      ttlSeconds: TTL_SECONDS,
      requestsPerView: Object.fromEntries(
        costRows.map(([l, o, s, w]) => [
          l,
          { ours: o, theirsServices: s, theirsWorkloads: w },
        ]),
      ),
      oursColdReads: oursCold.paths,
      theirsViewReads: svcSecond.paths,
    };
  } finally {
    await b.stop();
  }
}
