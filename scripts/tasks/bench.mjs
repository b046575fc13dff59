// `npm run bench`: the benchmarks in bench/ (not part of `npm test`). Arguments pass through:
//   npm run bench -- --quick              5 s latency cells, 20 s fault drill, 10 s replica runs
//   npm run bench -- --only=latency,scale only some benches (cost, latency, cold, scale, scaffolder,
//                                         frontend, drill, live, replicas)
//   npm run bench -- --latency=50         sandbox latency per request in ms (default 20)
//   npm run bench -- --sandbox-only       cost, cold and latency without the real kube-apiserver
//                                         (by default they run on the sandbox, then on the real
//                                         cluster of packages/real-cluster: build it once with
//                                         `node packages/real-cluster/bin/real-cluster build`)
// Tables go to stdout; the numbers to bench/results/latest.json (git-ignored).
import fs from 'node:fs';
import path from 'node:path';
import { tsArgs } from './common.mjs';

export default async function bench(args, { root, say, die, run }) {
  if (!fs.existsSync(path.join(root, 'bench', 'index.ts'))) {
    die('bench/index.ts is missing');
  }
  say(`benchmarks: node bench/index.ts ${args.join(' ')}`.trim());
  return run(
    process.execPath,
    ['--expose-gc', ...tsArgs(root, 'bench/index.ts', args)],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
      },
    },
  );
}
