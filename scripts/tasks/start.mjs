// `npm start`: builds the app when its sources changed, then runs the local demo (scripts/demo) on
// the kube-sandbox. `npm start -- --real`: the same Backstage on the real stack instead (the real
// cluster, real Argo CD and the okteto CLI of packages/real-cluster; their Go builds are run first,
// cached).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tsArgs } from './common.mjs';

/** Newest modification time of the files below `dir` (node_modules and dist skipped). */
function newest(dir) {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(
      latest,
      entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs,
    );
  }
  return latest;
}

/** Builds packages/app unless its dist is newer than every frontend source. */
export function ensureAppBuilt({ root, say, die, run }) {
  const index = path.join(root, 'packages', 'app', 'dist', 'index.html');
  const sources = [
    'packages/app',
    'plugins/okteto-dev',
    'plugins/okteto-dev-common',
  ].map(d => newest(path.join(root, d)));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > Math.max(...sources))
    return;
  say('building the app (packages/app), about a minute');
  const status = run(
    path.join(root, 'node_modules', '.bin', 'backstage-cli'),
    ['package', 'build'],
    {
      cwd: path.join(root, 'packages', 'app'),
    },
  );
  if (status !== 0) die('the app did not build (see above)');
}

export default async function start(args, ctx) {
  const real = args.includes('--real');
  const unknown = args.filter(a => a !== '--real');
  if (unknown.length > 0) {
    ctx.die(
      `npm start: unknown argument(s) ${unknown.join(
        ' ',
      )}; the one flag is --real`,
    );
  }
  if (real) {
    const { startGoBuild } = await import('./realCluster.mjs');
    if ((await startGoBuild(ctx)) !== 0) {
      ctx.die('the Go builds of the real cluster failed (see above)');
    }
  }
  ensureAppBuilt(ctx);
  const child = spawn(
    process.execPath,
    [
      '--require',
      path.join(
        ctx.root,
        'node_modules',
        '@backstage',
        'cli',
        'config',
        'nodeTransform.cjs',
      ),
      path.join(ctx.root, 'scripts', 'demo', 'main.ts'),
      ...(real ? ['--real'] : []),
    ],
    { stdio: 'inherit', cwd: ctx.root },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  return new Promise(resolve => child.on('exit', code => resolve(code ?? 1)));
}
