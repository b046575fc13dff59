// Bench: a cold card view per app state, okteto-dev next to Backstage's Kubernetes plugin, in one
// backend against one cluster: the sandbox, then the real kube-apiserver (bench/realCluster.ts)
// with the same states made by real controllers, kwok and the real okteto CLI. Per state: latency, cluster requests and in how many sequential
// round trips they came, and the repository files read (manifest, .stignore, package.json) —
// for one viewer and for 100 viewers of the same cold card (counted, never multiplied).
import { BenchCluster } from './cluster';
import {
  benchClusters,
  BenchContext,
  fmt,
  percentiles,
  printTable,
  say,
  sleep,
} from './lib';
import { costOf, ViewCost } from './measure';
import { startBenchBackend, views } from './setup';

/** The web-core scenario's apps, one per state the card distinguishes. */
export const STATES = [
  { state: 'healthy', app: 'corporate' },
  { state: 'dev mode', app: 'synestra-io' },
  { state: 'crashing', app: 'landings' },
  { state: 'broken dev session', app: 'blog' },
] as const;

/** What the card says about a state, in short: so the sandbox's and the real cluster's agree. */
function shownOf(status: any): string {
  const okteto = status?.okteto;
  const workload = status?.workload;
  const parts = [
    `okteto ${okteto?.state}${
      okteto?.state === 'broken'
        ? ` (${(okteto.problems ?? []).map((p: any) => p.code).join(', ')})`
        : ''
    }`,
    `drift ${status?.drift?.kind}`,
    workload?.state === 'ok'
      ? `workload ${workload.readyReplicas}/${workload.replicas} ready, ${
          workload.pods?.length ?? 0
        } pod(s)${
          workload.pods?.some((p: any) => p.reason)
            ? ` (${[
                ...new Set(
                  workload.pods.map((p: any) => p.reason).filter(Boolean),
                ),
              ].join(', ')})`
            : ''
        }`
      : `workload ${workload?.state}`,
    `argo ${
      status?.argo?.state === 'ok'
        ? `${status.argo.sync}/${status.argo.health}`
        : status?.argo?.state
    }`,
  ];
  return parts.join('; ');
}

/** Short, so "cold" (our cache expired) is cheap to wait for. */
const TTL_SECONDS = 1;

/** How many cache periods a burst that took `ms` touched: at most one fetch each. */
const periodsOf = (ms: number) =>
  Math.max(1, Math.ceil(ms / (TTL_SECONDS * 1000)));

const expectOk = (what: string, cost: ViewCost) => {
  if (cost.status !== 200) {
    throw new Error(
      `${what} answered ${cost.status}: ${JSON.stringify(cost.body).slice(
        0,
        300,
      )}`,
    );
  }
  return cost;
};

export async function coldViews(ctx: BenchContext): Promise<void> {
  const results: Record<string, unknown> = {
    latencyMs: ctx.args.latencyMs,
    ttlSeconds: TTL_SECONDS,
  };
  for (const { kind, cluster } of await benchClusters(ctx)) {
    results[kind] = await coldOn(ctx, kind, cluster);
  }
  ctx.results.coldViews = results;
}

async function coldOn(
  ctx: BenchContext,
  kind: 'sandbox' | 'real',
  given: BenchCluster | undefined,
) {
  const { latencyMs, quick } = ctx.args;
  const samples = quick ? 2 : 5;
  const b = await startBenchBackend({
    latencyMs,
    cluster: given,
    oktetoDev: { cache: { ttlSeconds: TTL_SECONDS } },
  });
  const { label } = b.cluster;
  const on = kind === 'sandbox' ? '' : ` — ${label}`;
  const waitTtl = () => sleep(TTL_SECONDS * 1000 + 200);
  try {
    const rtt = await b.cluster.roundTrip();
    await b.cluster.reset();
    say(
      `cold views on the ${label}: one round trip ${fmt(
        rtt.p50,
      )} ms, our TTL ${TTL_SECONDS} s`,
    );
    const view = (target: ReturnType<typeof views.ours>) => () =>
      b.send(target);
    const rows: Array<Record<string, any>> = [];
    for (const { state, app } of STATES) {
      // the very first view: nothing known about the app yet
      const first = expectOk(app, await costOf(b, view(views.ours(app))));
      const cold: ViewCost[] = [];
      for (let i = 0; i < samples; i++) {
        await waitTtl();
        cold.push(expectOk(app, await costOf(b, view(views.ours(app)))));
      }
      await waitTtl();
      const hundred = await costOf(b, async () => {
        const answers = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            b.send(views.ours(app, `viewer-${i}`)),
          ),
        );
        return { status: answers.every(a => a.status === 200) ? 200 : 500 };
      });
      const services: ViewCost[] = [];
      const workloads: ViewCost[] = [];
      for (let i = 0; i < samples; i++) {
        services.push(
          expectOk(app, await costOf(b, view(views.theirsServices(app)))),
        );
        workloads.push(
          expectOk(app, await costOf(b, view(views.theirsWorkloads(app)))),
        );
      }
      const last = cold[cold.length - 1];
      rows.push({
        state,
        app,
        shown: shownOf(last.body),
        ours: {
          first: {
            reads: first.reads,
            roundTrips: first.roundTrips,
            ms: first.ms,
            paths: first.paths,
          },
          cold: {
            reads: last.reads,
            roundTrips: Math.max(...cold.map(c => c.roundTrips)),
            p50: percentiles(cold.map(c => c.ms)).p50,
            paths: last.paths,
          },
          repoReads: { first: first.repoReads, cold: last.repoReads },
          hundredCold: {
            reads: hundred.reads,
            repoReads: hundred.repoReads.length,
            ms: hundred.ms,
          },
        },
        theirs: {
          services: {
            reads: services[0].reads,
            roundTrips: services[0].roundTrips,
            p50: percentiles(services.map(c => c.ms)).p50,
          },
          workloads: {
            reads: workloads[0].reads,
            roundTrips: workloads[0].roundTrips,
            p50: percentiles(workloads.map(c => c.ms)).p50,
          },
        },
      });
      say(
        `  ${state} (${app}): ours cold ${last.reads} reads in ${last.roundTrips} round trip(s)`,
      );
    }

    printTable({
      title: `A cold card view per app state on the ${label}: okteto-dev vs the Kubernetes plugin (one round trip ${fmt(
        rtt.p50,
      )} ms)`,
      headers: [
        'state (app)',
        'the card shows',
        'okteto-dev cold: reads / round trips',
        'okteto-dev cold p50 ms (÷ round trip)',
        'okteto-dev first view ever: reads / round trips',
        'k8s /services/:entity: reads / round trips, p50 ms',
        'k8s workloads query: reads / round trips, p50 ms',
      ],
      rows: rows.map(r => [
        `${r.state} (${r.app})`,
        r.shown,
        `${r.ours.cold.reads} / ${r.ours.cold.roundTrips}`,
        `${fmt(r.ours.cold.p50)} (${fmt(r.ours.cold.p50 / rtt.p50, 2)} ×)`,
        `${r.ours.first.reads} / ${r.ours.first.roundTrips}`,
        `${r.theirs.services.reads} / ${r.theirs.services.roundTrips}, ${fmt(
          r.theirs.services.p50,
        )}`,
        `${r.theirs.workloads.reads} / ${r.theirs.workloads.roundTrips}, ${fmt(
          r.theirs.workloads.p50,
        )}`,
      ]),
      note: `Cold = our cache expired (${TTL_SECONDS} s TTL here), the entity viewed before. Every view reads Applications, Deployments and Pods together, healthy or not; no Secret. Round trips as the backend sent the requests (Node's http client diagnostics): a request sent after an answer to an earlier one had come back starts another. The Kubernetes plugin caches nothing server-side: every view is like this. okteto-dev's cold reads: ${rows
        .map(r => `${r.app}: ${r.ours.cold.paths.join(', ')}`)
        .join('; ')}.`,
    });
    printTable({
      title: `Repository reads per cold view on the ${label} (through the UrlReader)`,
      headers: [
        'state (app)',
        'one cold view',
        'files',
        '100 concurrent viewers of the cold card',
      ],
      rows: rows.map(r => [
        `${r.state} (${r.app})`,
        r.ours.repoReads.cold.length,
        r.ours.repoReads.cold.join(', '),
        `${r.ours.hundredCold.repoReads} reads (cluster: ${
          r.ours.hundredCold.reads
        }) in ${fmt(r.ours.hundredCold.ms / 1000, 2)} s`,
      ]),
      note: `Polling mode reads the files on each cold view (coalesced per URL while in flight) and never once per viewer: the 100 viewers (each a new user) share the fetch of their cache period (${TTL_SECONDS} s here); live mode keeps the files for \`live.repositoryTtlSeconds\` (300 s), so its views read none.`,
    });

    ctx.goals.push(
      {
        goal: `a dev-mode or unhealthy card costs one cluster round trip when cold${on}`,
        met: rows.every(r => r.ours.cold.roundTrips === 1),
        measured: rows
          .map(
            r =>
              `${r.app}: ${r.ours.cold.reads} reads in ${r.ours.cold.roundTrips}`,
          )
          .join(', '),
        why: `the Applications, Deployments and Pods LISTs go out together, healthy or not (Pods tell the app's state and whether its Secrets existed; no Secret is read); round trips as the backend sent them: a request sent after an answer to an earlier one came back starts another`,
      },
      {
        goal: `repository reads per cold view counted, never multiplied per viewer${on}`,
        met: rows.every(
          r =>
            r.ours.hundredCold.repoReads <=
            r.ours.repoReads.cold.length * periodsOf(r.ours.hundredCold.ms),
        ),
        measured: rows
          .map(
            r =>
              `${r.app}: ${r.ours.repoReads.cold.length} per view, ${
                r.ours.hundredCold.repoReads
              } for 100 viewers (answered in ${fmt(
                r.ours.hundredCold.ms / 1000,
                2,
              )} s, ${periodsOf(r.ours.hundredCold.ms)} cache period(s))`,
          )
          .join('; '),
        why: `the manifest, each .stignore and the package.json are read once per fetch, and the viewers of one cache period (${TTL_SECONDS} s here) share one fetch: 100 viewers whose answers take longer than a period (each a new user: a catalog and a permission call first) cause one fetch per period, never one per viewer`,
      },
    );
    ctx.summary.push(
      `Cold views (${label}): ${rows
        .map(
          r =>
            `${r.app} ${r.ours.cold.reads} reads/${r.ours.cold.roundTrips} rt vs ${r.theirs.services.reads}`,
        )
        .join(', ')} (ours vs the Kubernetes plugin).`,
    );
    return { cluster: label, rttMs: rtt.p50, rows };
  } finally {
    await b.stop();
  }
}
