// Bench: a cold card view per app state, okteto-dev next to Backstage's Kubernetes plugin, in one
// backend against one sandbox. Per state: latency, cluster requests and in how many sequential
// round trips they came, and the repository files read (manifest, .stignore, package.json) —
// for one viewer and for 100 viewers of the same cold card (counted, never multiplied).
import { BenchContext, fmt, percentiles, printTable, say, sleep } from './lib';
import { costOf, measureRtt, ViewCost } from './measure';
import { startBenchBackend, views } from './setup';

/** The web-core scenario's apps, one per state the card distinguishes. */
export const STATES = [
  { state: 'healthy', app: 'corporate' },
  { state: 'dev mode', app: 'synestra-io' },
  { state: 'crashing', app: 'landings' },
  { state: 'broken dev session', app: 'blog' },
] as const;

/** Short, so "cold" (our cache expired) is cheap to wait for. */
const TTL_SECONDS = 1;

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
  const { latencyMs, quick } = ctx.args;
  const samples = quick ? 2 : 5;
  const b = await startBenchBackend({
    latencyMs,
    oktetoDev: { cache: { ttlSeconds: TTL_SECONDS } },
  });
  const waitTtl = () => sleep(TTL_SECONDS * 1000 + 200);
  try {
    const rtt = await measureRtt(b.sandbox);
    say(
      `cold views: one sandbox round trip ${fmt(
        rtt.p50,
      )} ms, our TTL ${TTL_SECONDS} s`,
    );
    const view = (target: ReturnType<typeof views.ours>) => () =>
      b.send(target);
    const rows: Array<Record<string, any>> = [];
    for (const { state, app } of STATES) {
      // the very first view: nothing known about the app yet
      const first = expectOk(
        app,
        await costOf(b, latencyMs, view(views.ours(app))),
      );
      const cold: ViewCost[] = [];
      for (let i = 0; i < samples; i++) {
        await waitTtl();
        cold.push(
          expectOk(app, await costOf(b, latencyMs, view(views.ours(app)))),
        );
      }
      await waitTtl();
      const hundred = await costOf(b, latencyMs, async () => {
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
          expectOk(
            app,
            await costOf(b, latencyMs, view(views.theirsServices(app))),
          ),
        );
        workloads.push(
          expectOk(
            app,
            await costOf(b, latencyMs, view(views.theirsWorkloads(app))),
          ),
        );
      }
      const last = cold[cold.length - 1];
      rows.push({
        state,
        app,
        shown: {
          drift: last.body.drift?.kind,
          okteto: last.body.okteto?.state,
          pods: last.body.workload?.pods?.length,
        },
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
      title: `A cold card view per app state: okteto-dev vs the Kubernetes plugin (sandbox round trip ${fmt(
        rtt.p50,
      )} ms)`,
      headers: [
        'state (app)',
        'okteto-dev cold: reads / round trips',
        'okteto-dev cold p50 ms (÷ round trip)',
        'okteto-dev first view ever: reads / round trips',
        'k8s /services/:entity: reads / round trips, p50 ms',
        'k8s workloads query: reads / round trips, p50 ms',
      ],
      rows: rows.map(r => [
        `${r.state} (${r.app})`,
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
      note: `Cold = our cache expired (${TTL_SECONDS} s TTL here), the entity viewed before: what it needed last time (Pods for a dev-mode or unhealthy app) is read alongside the rest. The first view ever reads Pods too, since nothing is known yet. The Kubernetes plugin caches nothing server-side: every view is like this. okteto-dev's cold reads: ${rows
        .map(r => `${r.app}: ${r.ours.cold.paths.join(', ')}`)
        .join('; ')}.`,
    });
    printTable({
      title: 'Repository reads per cold view (through the UrlReader)',
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
        `${r.ours.hundredCold.repoReads} reads (cluster: ${r.ours.hundredCold.reads})`,
      ]),
      note: 'Polling mode reads the files on each cold view (coalesced per URL while in flight) and never once per viewer; live mode keeps them for `live.repositoryTtlSeconds` (300 s), so its views read none.',
    });

    const unhealthy = rows.filter(r => r.state !== 'healthy');
    ctx.goals.push(
      {
        goal: 'a dev-mode or unhealthy card costs one cluster round trip when cold',
        met: rows.every(r => r.ours.cold.roundTrips === 1),
        measured: rows
          .map(
            r =>
              `${r.app}: ${r.ours.cold.reads} reads in ${r.ours.cold.roundTrips}`,
          )
          .join(', '),
        why: `Pods are read alongside the other LISTs when the entity needed them last time (${unhealthy
          .map(r => r.app)
          .join(', ')}) or was never read; a healthy app skips them`,
      },
      {
        goal: 'repository reads per cold view counted, never multiplied per viewer',
        met: rows.every(
          r => r.ours.hundredCold.repoReads <= r.ours.repoReads.cold.length,
        ),
        measured: rows
          .map(
            r =>
              `${r.app}: ${r.ours.repoReads.cold.length} per view, ${r.ours.hundredCold.repoReads} for 100 viewers`,
          )
          .join('; '),
        why: 'the manifest, each .stignore and the package.json are read once per fetch, and 100 viewers share one fetch',
      },
    );
    ctx.summary.push(
      `Cold views: ${rows
        .map(
          r =>
            `${r.app} ${r.ours.cold.reads} reads/${r.ours.cold.roundTrips} rt vs ${r.theirs.services.reads}`,
        )
        .join(', ')} (ours vs the Kubernetes plugin).`,
    );
    ctx.results.coldViews = {
      latencyMs,
      ttlSeconds: TTL_SECONDS,
      rttMs: rtt.p50,
      rows,
    };
  } finally {
    await b.stop();
  }
}
