// Bench: one replica against two, on the real engines (PostgreSQL and Redis from Debian's
// packages, started by scripts/engines.mjs), each replica in its own process against one
// kube-sandbox in this process, 100 closed-loop viewers of one card split over the replicas (one
// load generator process per replica). Polling mode, so every cache period costs reads:
// cluster reads per period, p50, p99 and errors; also two replicas without the cross-replica
// lease, and two replicas of which one is killed (SIGKILL) halfway.
import { Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import { ChildProcess, fork, spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  Engines,
  startEngines,
} from '../packages/backend/src/replicas/__testUtils__/engines';
import {
  BenchContext,
  fmt,
  LoadResult,
  percentiles,
  printTable,
  ROOT,
  runLoad,
  say,
  sleep,
} from './lib';
import { WEB_CORE_COMPONENTS } from '../packages/backend/src/replicas/__testUtils__/fixtures';
import type { ReplicaRequest } from './replicaWorker';
import { views, viewersOf } from './setup';

const TTL_SECONDS = 5;
const VIEWERS = 100;
const APP = 'corporate';

interface ReplicaProcess {
  name: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
  kill(): void;
}

function startReplicaProcess(request: ReplicaRequest): Promise<ReplicaProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'replicaWorker.ts'), [], {
      execArgv: [
        '--require',
        path.join(ROOT, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
      ],
      env: { ...process.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<void>(r => child.once('exit', () => r()));
    const onMessage = (message: { port?: number }) => {
      if (typeof message?.port !== 'number') return;
      child.off('message', onMessage);
      resolve({
        name: request.name,
        port: message.port,
        child,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.send('stop');
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(killer);
        },
        kill: () => child.kill('SIGKILL'),
      });
    };
    child.on('message', onMessage);
    child.once('error', reject);
    exited.then(() => reject(new Error(`replica ${request.name} exited`)));
    child.send(request);
  });
}

interface Config {
  name: string;
  replicas: number;
  oktetoDev?: Record<string, unknown>;
  /** Kill the second replica (SIGKILL) halfway through the load. */
  killOne?: boolean;
}

const CONFIGS: Config[] = [
  { name: '1 replica', replicas: 1 },
  { name: '2 replicas', replicas: 2 },
  {
    name: '2 replicas, no cross-replica lease',
    replicas: 2,
    oktetoDev: { cache: { ttlSeconds: TTL_SECONDS, crossReplicaLock: false } },
  },
  { name: '2 replicas, one killed halfway', replicas: 2, killOne: true },
];

async function runConfig(
  config: Config,
  engines: Engines,
  sandbox: Sandbox,
  durationMs: number,
) {
  const replicas: ReplicaProcess[] = [];
  try {
    for (let i = 0; i < config.replicas; i++) {
      replicas.push(
        await startReplicaProcess({
          name: String.fromCharCode(97 + i),
          engines: { postgres: engines.postgres, redis: engines.redis },
          cluster: { url: sandbox.url, token: sandbox.token! },
          oktetoDev: {
            live: { enabled: false },
            timeoutMs: 2000,
            cache: { ttlSeconds: TTL_SECONDS },
            ...config.oktetoDev,
          },
        }),
      );
    }
    const split = VIEWERS / replicas.length;
    const load = (ms: number) =>
      Promise.all(
        replicas.map((r, i) =>
          runLoad({
            port: r.port,
            targets: viewersOf(views.ours, APP, VIEWERS).slice(
              i * split,
              (i + 1) * split,
            ),
            concurrency: split,
            durationMs: ms,
            revalidate: true,
            timeoutMs: 30_000,
            pauseAfterErrorMs: 100,
          }),
        ),
      );
    await load(2000); // warm: JIT, sockets, what corporate needs (no Pods)
    await sleep(TTL_SECONDS * 1000 + 300);
    sandbox.counters.reset();
    let killedAt: number | undefined;
    const killer = config.killOne
      ? sleep(durationMs / 2).then(() => {
          killedAt = sandbox.counters.total;
          replicas[1].kill();
        })
      : undefined;
    const results = await load(durationMs);
    await killer;
    const reads = sandbox.counters.total;
    return { config, results, reads, killedAt };
  } finally {
    await Promise.all(replicas.map(r => r.stop()));
  }
}

/** `redis-cli` against the engines' Redis. */
const redisCli = (url: string, ...args: string[]) =>
  spawnSync('redis-cli', ['-u', url, ...args], {
    encoding: 'utf8',
  }).stdout.trim();

/**
 * What okteto-dev keeps in the shared cache per entity: one replica reads every annotated web-core
 * entity through the batch endpoint, then the keys are counted and measured (MEMORY USAGE).
 */
async function redisFootprint(engines: Engines, sandbox: Sandbox) {
  redisCli(engines.redis, 'FLUSHALL');
  const replica = await startReplicaProcess({
    name: 'footprint',
    engines: { postgres: engines.postgres, redis: engines.redis },
    cluster: { url: sandbox.url, token: sandbox.token! },
    oktetoDev: { live: { enabled: false }, cache: { ttlSeconds: 60 } },
  });
  try {
    const refs = WEB_CORE_COMPONENTS.filter(
      e => e.metadata.annotations?.['okteto-dev/app'],
    ).map(e => `component:default/${e.metadata.name}`);
    const res = await fetch(
      `http://127.0.0.1:${replica.port}/api/okteto-dev/v1/status/batch`,
      {
        method: 'POST',
        headers: {
          ...views.ours(APP).headers,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ entityRefs: refs }),
      },
    );
    const { items } = await res.json();
    const keys = redisCli(engines.redis, '--scan', '--pattern', '*okteto-dev*')
      .split('\n')
      .filter(Boolean);
    const byKind: Record<string, { keys: number; bytes: number }> = {};
    // Backstage's cache client hashes keys: the kind is told by the value
    for (const key of keys) {
      const value = redisCli(engines.redis, 'GET', key);
      const kind = value.includes('expiresAt')
        ? 'status (the answer, for the TTL)'
        : value.includes('json')
        ? 'good (the last good answer, for staleOnErrorSeconds)'
        : 'pods (whether Pods are read at once, for a day)';
      const bytes =
        Number(redisCli(engines.redis, 'MEMORY', 'USAGE', key)) || 0;
      byKind[kind] ??= { keys: 0, bytes: 0 };
      byKind[kind].keys++;
      byKind[kind].bytes += bytes;
    }
    const total = Object.values(byKind).reduce((a, k) => a + k.bytes, 0);
    return {
      entities: items.length as number,
      byKind,
      bytesPerEntity: total / Math.max(1, items.length),
      usedMemory: redisCli(engines.redis, 'INFO', 'memory')
        .split('\n')
        .find(l => l.startsWith('used_memory_human:'))
        ?.split(':')[1]
        ?.trim(),
    };
  } finally {
    await replica.stop();
  }
}

const errorsOf = (r: LoadResult) =>
  Object.entries(r.statuses)
    .filter(([s]) => s !== '200' && s !== '304')
    .reduce((a, [, n]) => a + n, 0);

export async function replicas(ctx: BenchContext): Promise<void> {
  const durationMs = (ctx.args.quick ? 10 : 30) * 1000;
  const periods = durationMs / (TTL_SECONDS * 1000);
  say('replicas: starting PostgreSQL and Redis (scripts/engines.mjs)');
  const engines = await startEngines();
  let sandbox: Sandbox | undefined;
  try {
    sandbox = await startSandbox({
      scenario: 'web-core',
      latencyMs: ctx.args.latencyMs,
    });
    const runs = [];
    for (const config of CONFIGS) {
      const run = await runConfig(config, engines, sandbox, durationMs);
      runs.push(run);
      say(
        `  ${config.name}: ${run.reads} cluster reads in ${
          durationMs / 1000
        } s, errors ${run.results.map(errorsOf).join(' + ')}`,
      );
    }
    const footprint = await redisFootprint(engines, sandbox);
    const rows = runs.map(run => {
      const all = percentiles(run.results.flatMap(r => r.samples));
      const survivor = run.results[0];
      return {
        name: run.config.name,
        replicas: run.config.replicas,
        reads: run.reads,
        readsPerPeriod: run.reads / periods,
        p50: all.p50,
        p99: all.p99,
        rps: run.results.reduce((a, r) => a + r.rps, 0),
        errors: run.results.map(errorsOf),
        survivorErrors: errorsOf(survivor),
        survivorP99: survivor.latency.p99,
      };
    });
    printTable({
      title: `One replica against two on PostgreSQL and Redis: ${VIEWERS} viewers of one card (${APP}), polling mode, ${TTL_SECONDS} s cache, ${
        durationMs / 1000
      } s`,
      headers: [
        'setup',
        'cluster reads',
        `per ${TTL_SECONDS} s period`,
        'p50 ms',
        'p99 ms',
        'answers/s',
        'errors (per replica)',
      ],
      rows: rows.map(r => [
        r.name,
        r.reads,
        fmt(r.readsPerPeriod, 2),
        fmt(r.p50),
        fmt(r.p99),
        fmt(r.rps),
        r.errors.join(' + '),
      ]),
      note: `Each replica is its own process with backend-defaults' database (pg) and cache (redis) services; each has its own load generator process with half the viewers, revalidating like a browser. In the last row replica b is killed with SIGKILL after ${
        durationMs / 2000
      } s: its viewers' requests fail from then on (connection refused, counted in its errors); replica a's viewers: ${
        rows[3].survivorErrors
      } errors, p99 ${fmt(rows[3].survivorP99)} ms.`,
    });
    printTable({
      title: `What the shared cache holds per entity (${footprint.entities} web-core entities read once, Redis MEMORY USAGE)`,
      headers: ['key kind', 'keys', 'bytes', 'bytes per entity'],
      rows: Object.entries(footprint.byKind).map(([kind, k]) => [
        kind,
        k.keys,
        k.bytes,
        fmt(k.bytes / footprint.entities),
      ]),
      note: `In all ${fmt(
        footprint.bytesPerEntity,
      )} bytes per entity (Redis used_memory after: ${
        footprint.usedMemory
      }). The values are the answers' JSON text, escaped once more inside Keyv's JSON envelope. Live mode stores none of them for a watched entity: its views derive from memory.`,
    });
    const two = rows.find(r => r.name === '2 replicas')!;
    const without = rows.find(r => r.name.includes('no cross-replica'))!;
    const killed = rows[3];
    ctx.goals.push(
      {
        goal: `${VIEWERS} concurrent viewers over 2 replicas: ≤ 3 cluster reads per cache period in total`,
        met: two.readsPerPeriod <= 3,
        measured: `${fmt(
          two.readsPerPeriod,
          2,
        )} per period with 2 replicas (1 replica: ${fmt(
          rows[0].readsPerPeriod,
          2,
        )}; 2 without the lease: ${fmt(without.readsPerPeriod, 2)})`,
        why: 'of the replicas that miss the shared cache at once, the one holding the entity’s lease (a row in PostgreSQL) reads; the other takes the answer from Redis',
      },
      {
        goal: 'a replica killed mid-load costs the other replica no answer',
        met: killed.survivorErrors === 0,
        measured: `replica a: ${killed.survivorErrors} errors, p99 ${fmt(
          killed.survivorP99,
        )} ms; replica b (killed): ${killed.errors[1]} refused`,
        why: 'a lease whose holder died runs out (2 × timeoutMs + 2 s) and the waiting replica reads itself',
      },
    );
    ctx.summary.push(
      `Replicas: ${rows
        .map(
          r =>
            `${r.name} ${fmt(r.readsPerPeriod, 2)} reads/period, p50 ${fmt(
              r.p50,
            )} ms`,
        )
        .join('; ')}.`,
    );
    ctx.results.replicas = {
      ttlSeconds: TTL_SECONDS,
      durationMs,
      viewers: VIEWERS,
      rows,
      footprint,
    };
  } finally {
    await sandbox?.close();
    await engines.stop();
  }
}
