/* eslint-disable no-console */
// The benchmark entry point: `npm run bench [-- --quick] [-- --only=latency,scale]`.
// Runs each bench in turn, prints tables, checks the goals and writes bench/results/latest.json.
// Not part of `npm test`: nothing here asserts on timing.
import os from 'node:os';
import { clusterCost } from './clusterCost';
import { coldViews } from './coldViews';
import { latency } from './latency';
import { drill } from './drill';
import { frontend } from './frontend';
import { live } from './live';
import {
  BenchContext,
  fmt,
  parseArgs,
  printTable,
  say,
  writeResults,
} from './lib';
import { RealBench, realClusterBuilt, startRealBench } from './realCluster';
import { replicas } from './replicas';
import { scaffolder } from './scaffolder';
import { scale } from './scale';

const BENCHES: Record<
  string,
  { aliases: string[]; run: (ctx: BenchContext) => Promise<void> }
> = {
  clusterCost: {
    aliases: ['cost', 'clustercost', 'cluster'],
    run: clusterCost,
  },
  latency: { aliases: ['latency', 'viewers'], run: latency },
  coldViews: { aliases: ['cold', 'coldviews', 'states'], run: coldViews },
  scale: { aliases: ['scale', 'batch', 'search'], run: scale },
  scaffolder: { aliases: ['scaffolder', 'actions'], run: scaffolder },
  frontend: { aliases: ['frontend', 'bundle'], run: frontend },
  drill: { aliases: ['drill', 'faults', 'load'], run: drill },
  live: { aliases: ['live', 'watch', 'signals'], run: live },
  replicas: { aliases: ['replicas', 'replica', 'engines'], run: replicas },
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let real: Promise<RealBench> | undefined;
  const ctx: BenchContext = {
    args,
    results: {},
    goals: [],
    summary: [],
    async realCluster() {
      if (args.sandboxOnly) return undefined;
      real ??= startRealBench().then(r => {
        say(
          `real cluster: ${r.cluster.version} up in ${fmt(
            r.setup.startMs / 1000,
          )} s; web-core's objects in ${fmt(
            r.setup.objectsMs / 1000,
          )} s; okteto up ${Object.entries(r.setup.oktetoMs)
            .map(([dev, ms]) => `${dev} ${fmt(ms / 1000)} s`)
            .join(', ')}; settled in ${fmt(r.setup.settleMs / 1000)} s`,
        );
        ctx.results.realCluster = {
          version: r.cluster.version,
          nodes: r.cluster.nodes.length,
          setup: r.setup,
        };
        return r;
      });
      return (await real).benchCluster();
    },
  };
  const wanted = Object.entries(BENCHES).filter(
    ([name, b]) =>
      !args.only ||
      args.only.some(
        o =>
          o.toLowerCase() === name.toLowerCase() ||
          b.aliases.includes(o.toLowerCase()),
      ),
  );
  if (wanted.length === 0) {
    console.error(
      `--only matched no bench; use: ${Object.keys(BENCHES).join(
        ', ',
      )} (or aliases)`,
    );
    return 2;
  }
  const readsReal = wanted.some(([name]) =>
    ['clusterCost', 'coldViews', 'latency'].includes(name),
  );
  if (readsReal && !args.sandboxOnly && !realClusterBuilt()) {
    console.error(
      'The cost, cold and latency benches also run on the real kube-apiserver: build it once with `node packages/real-cluster/bin/real-cluster build` (or copy .cache/real-cluster/bin from a checkout that has it), or pass --sandbox-only.',
    );
    return 2;
  }
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map(n => Number(n.toFixed(2))),
  };
  say(
    `machine: ${machine.cpus} cores (${machine.cpuModel}), Node ${
      machine.node
    }, load average ${machine.loadAverageAtStart.join(' ')}; mode: ${
      args.quick ? 'quick' : 'full'
    }`,
  );
  const started = Date.now();
  const failed: string[] = [];
  const timings: Record<string, number> = {};
  for (const [name, bench] of wanted) {
    say(`=== ${name} ===`);
    const t = Date.now();
    try {
      await bench.run(ctx);
    } catch (error) {
      failed.push(name);
      console.error(
        `[bench] ${name} failed: ${(error as Error)?.stack ?? error}`,
      );
      ctx.results[name] = { error: String((error as Error)?.message ?? error) };
    }
    timings[name] = (Date.now() - t) / 1000;
    say(
      `${name} took ${fmt(timings[name])} s (load average now ${os
        .loadavg()
        .map(n => n.toFixed(2))
        .join(' ')})`,
    );
  }

  if (real) {
    const r = await real.catch(() => undefined);
    await r?.close();
  }

  if (ctx.goals.length > 0) {
    printTable({
      title: 'Goals',
      headers: ['goal', 'result', 'measured', 'why'],
      rows: ctx.goals.map(g => [
        g.goal,
        g.met === null
          ? 'not measured'
          : g.met === 'partly'
          ? 'PARTLY MET'
          : g.met
          ? 'MET'
          : 'MISSED',
        g.measured,
        g.why,
      ]),
    });
  }
  if (ctx.summary.length > 0) {
    console.log('Summary:');
    for (const line of ctx.summary) console.log(`- ${line}`);
  }
  const file = writeResults(ctx, {
    date: new Date().toISOString(),
    mode: args.quick ? 'quick' : 'full',
    argv: process.argv.slice(2),
    machine,
    secondsPerBench: timings,
    loadAverageAtEnd: os.loadavg().map(n => Number(n.toFixed(2))),
    totalSeconds: (Date.now() - started) / 1000,
    failed,
  });
  say(
    `results written to ${file}; total ${fmt((Date.now() - started) / 1000)} s`,
  );
  if (failed.length > 0) say(`FAILED: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error);
    process.exit(1);
  },
);
