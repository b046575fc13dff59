// Bench 5: load and fault drill. 200 concurrent viewers of the six web-core cards while the
// sandbox, in turn, refuses connections, hangs past our timeout, answers 500, and forbids one
// namespace (403). Every answer must be a 200 with error values (or a deliberate 4xx); we report
// the failure rate, the age of the stale data served, and RSS before/after.
import {
  BenchContext,
  fmt,
  gc,
  LoadResult,
  printTable,
  rssMiB,
  runLoad,
  say,
  sleep,
} from './lib';
import { SIX_APPS, startBenchBackend, views } from './setup';

const TIMEOUT_MS = 1000;
const TTL_SECONDS = 2;
const VIEWERS = 200;

export async function drill(ctx: BenchContext): Promise<void> {
  const totalMs = (ctx.args.quick ? 20 : 60) * 1000;
  const phaseMs = totalMs / 4;
  const b = await startBenchBackend({
    latencyMs: ctx.args.latencyMs,
    kubernetes: false,
    oktetoDev: {
      timeoutMs: TIMEOUT_MS,
      cache: { ttlSeconds: TTL_SECONDS, staleOnErrorSeconds: 600 },
    },
  });
  const { sandbox } = b;
  const targets = SIX_APPS.map(a => views.ours(a));
  try {
    // warm: one good answer per app, then a short load so JIT and sockets are warm
    for (const t of targets) await b.send(t);
    // RSS rises while the heap's young generation, code space and allocator arenas size themselves
    // to the load, then plateaus; measure from after that warm-up
    await runLoad({
      port: b.port,
      targets,
      concurrency: VIEWERS,
      durationMs: Math.min(phaseMs, 10_000),
    });
    sandbox.counters.reset();
    gc();
    const rssBefore = rssMiB();
    const heapBefore = process.memoryUsage().heapUsed / 1024 / 1024;
    say(
      `drill: ${VIEWERS} viewers over ${totalMs / 1000} s (4 phases of ${
        phaseMs / 1000
      } s), timeout ${TIMEOUT_MS} ms, cache TTL ${TTL_SECONDS} s; RSS ${fmt(
        rssBefore,
      )} MiB`,
    );

    const phases: Array<{ name: string; inject: () => () => void }> = [
      {
        name: 'refused connections',
        inject: () => {
          sandbox.refuseConnections = true;
          return () => {
            sandbox.refuseConnections = false;
          };
        },
      },
      {
        name: `hangs past the ${TIMEOUT_MS} ms timeout`,
        inject: () => {
          const id = sandbox.faults.add({ pattern: /.*/, fault: 'hang' });
          return () => sandbox.faults.remove(id);
        },
      },
      {
        name: 'HTTP 500 on every request',
        inject: () => {
          const id = sandbox.faults.add({ pattern: /.*/, fault: '500' });
          return () => sandbox.faults.remove(id);
        },
      },
      {
        name: '403 on one namespace (web-corporate-dev)',
        inject: () => {
          sandbox.forbid.namespaces.push('web-corporate-dev');
          return () => {
            const i = sandbox.forbid.namespaces.indexOf('web-corporate-dev');
            if (i >= 0) sandbox.forbid.namespaces.splice(i, 1);
          };
        },
      },
    ];

    const rows: Array<{
      phase: string;
      result: LoadResult;
      sandboxRequests: number;
      rss: number;
    }> = [];
    for (const phase of phases) {
      const undo = phase.inject();
      let result: LoadResult;
      try {
        result = await runLoad({
          port: b.port,
          targets,
          concurrency: VIEWERS,
          durationMs: phaseMs,
          inspect: true,
        });
      } finally {
        undo();
      }
      rows.push({
        phase: phase.name,
        result,
        sandboxRequests: sandbox.counters.total,
        rss: rssMiB(),
      });
      sandbox.counters.reset();
      say(
        `  ${phase.name}: ${result.requests} answers, p50 ${fmt(
          result.latency.p50,
        )} ms`,
      );
    }

    // recovery: after the TTL, every card is fresh again
    await sleep(TTL_SECONDS * 1000 + 500);
    const after = await Promise.all(targets.map(t => b.send(t)));
    const recovered = after.filter(
      a => a.status === 200 && !a.body?.stale && a.body?.errors?.length === 0,
    ).length;
    gc();
    const rssAfter = rssMiB();
    const heapAfter = process.memoryUsage().heapUsed / 1024 / 1024;

    const failures = (r: LoadResult) =>
      Object.entries(r.statuses)
        .filter(([s]) => s !== '200')
        .reduce((a, [, n]) => a + n, 0) + r.nonJson;
    printTable({
      title: `Fault drill: ${VIEWERS} concurrent viewers, ${
        phaseMs / 1000
      } s per phase (okteto-dev GET /status over the six apps)`,
      headers: [
        'phase',
        'answers',
        'failures (non-200 or non-JSON)',
        'failure rate',
        'p50 ms',
        'p99 ms',
        'stale answers',
        'stale age p50 / max (s)',
        'error types in answers',
        'sandbox requests',
        'RSS after (MiB)',
      ],
      rows: rows.map(({ phase, result: r, sandboxRequests, rss }) => [
        phase,
        r.requests,
        failures(r),
        `${fmt((100 * failures(r)) / Math.max(1, r.requests), 2)} %`,
        fmt(r.latency.p50),
        fmt(r.latency.p99),
        `${fmt((100 * r.staleAnswers) / Math.max(1, r.requests))} %`,
        `${fmt(r.staleAge.p50, 0)} / ${fmt(r.maxStaleAge, 0)}`,
        Object.entries(r.errorTypes)
          .map(([t, n]) => `${t}: ${n}`)
          .join(', ') || '—',
        sandboxRequests,
        fmt(rss),
      ]),
      note: `RSS ${fmt(rssBefore)} MiB before, ${fmt(
        rssAfter,
      )} MiB after (after GC; growth ${fmt(
        rssAfter - rssBefore,
      )} MiB); heap ${fmt(heapBefore)} → ${fmt(
        heapAfter,
      )} MiB. After the faults were lifted and the TTL passed, ${recovered} of ${
        targets.length
      } cards were fresh (no stale mark, no errors).`,
    });

    const totalAnswers = rows.reduce((a, r) => a + r.result.requests, 0);
    const totalFailures = rows.reduce((a, r) => a + failures(r.result), 0);
    ctx.goals.push({
      goal: 'every request answered with 200 + error values during faults',
      met: totalFailures === 0,
      measured: `${totalFailures} failures in ${totalAnswers} answers (${rows
        .map(r => `${r.phase}: ${failures(r.result)}`)
        .join('; ')})`,
      why: 'cluster errors become typed error values in a 200 answer, with the last good answer marked stale',
    });
    ctx.goals.push({
      goal: 'memory does not grow without bound under load with faults',
      met: rssAfter - rssBefore < 100 && heapAfter - heapBefore < 20,
      measured: `RSS ${fmt(rssBefore)} → ${fmt(rssAfter)} MiB (+${fmt(
        rssAfter - rssBefore,
      )}), heap ${fmt(heapBefore)} → ${fmt(
        heapAfter,
      )} MiB over ${totalAnswers} answers`,
      why: 'answers are cached per entity with a TTL and in-flight fetches are shared; hung requests are abandoned at the timeout (thresholds used here: < 100 MiB RSS and < 20 MiB heap growth after a warm-up at the same load; a longer run without faults showed RSS reaching a plateau after ~8 s of load)',
    });
    ctx.summary.push(
      `Fault drill: ${VIEWERS} viewers for ${
        totalMs / 1000
      } s through refused connections, hangs, 500s and a 403 namespace: ${totalFailures} failed answers of ${totalAnswers}, stale data at most ${fmt(
        Math.max(...rows.map(r => r.result.maxStaleAge)),
        0,
      )} s old, RSS +${fmt(rssAfter - rssBefore)} MiB.`,
    );
    ctx.results.drill = {
      viewers: VIEWERS,
      phaseMs,
      timeoutMs: TIMEOUT_MS,
      ttlSeconds: TTL_SECONDS,
      rssBeforeMiB: rssBefore,
      rssAfterMiB: rssAfter,
      heapBeforeMiB: heapBefore,
      heapAfterMiB: heapAfter,
      recoveredCards: recovered,
      phases: rows.map(({ phase, result: r, sandboxRequests, rss }) => ({
        phase,
        answers: r.requests,
        statuses: r.statuses,
        nonJson: r.nonJson,
        failures: failures(r),
        latency: r.latency,
        staleAnswers: r.staleAnswers,
        staleAge: r.staleAge,
        maxStaleAge: r.maxStaleAge,
        errorTypes: r.errorTypes,
        sandboxRequests,
        rssMiB: rss,
      })),
    };
  } finally {
    await b.stop();
  }
}
