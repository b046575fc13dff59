// The real programs under the tests (issue 21): the Go builds of packages/real-cluster (the cluster,
// Argo CD, helm, okteto) and one real cluster shared by a whole Jest run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CLI = ['packages', 'real-cluster', 'bin', 'real-cluster'];

/**
 * Starts the Go builds in a child process and resolves with its exit status. Builds are cached by
 * stamps (`.cache/real-cluster/bin/*.stamp`), so a warm run takes a second; a cold one prints its
 * progress every 10 s. `npm test` starts it before `npm ci`, which mostly waits on the network.
 */
export function startGoBuild({ root, say }) {
  say(
    'Go builds of the real cluster, Argo CD, helm and okteto (cached; a cold machine takes 20-30 min)',
  );
  const child = spawn(process.execPath, [path.join(root, ...CLI), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise(resolve => {
    child.on('error', error => {
      say(`the Go builds could not start: ${error.message}`);
      resolve(1);
    });
    child.on('exit', code => resolve(code ?? 1));
  });
}

/**
 * Starts one real cluster for the run in a fresh directory and returns its kubeconfig (for
 * `OKTETO_DEV_REAL_CLUSTER`) and a stop function. The tests attach to it through
 * `startRealCluster()` and isolate themselves by namespace.
 */
export function startSharedCluster({ root, say, die }) {
  const dir = path.join(root, '.cache', 'real-cluster', 'test-run');
  const cli = path.join(root, ...CLI);
  spawnSync(process.execPath, [cli, 'down', '--dir', dir], {
    cwd: root,
    stdio: 'ignore',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  say('starting the shared real cluster for the tests (real-cluster up)');
  const up = spawnSync(
    process.execPath,
    [cli, 'up', '--detach', '--dir', dir],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const kubeconfig = up.stdout?.trim().split('\n').pop();
  if (up.status !== 0 || !kubeconfig || !fs.existsSync(kubeconfig)) {
    die(`the real cluster did not start (see above; logs in ${dir}/logs)`);
  }
  return {
    kubeconfig,
    stop() {
      spawnSync(process.execPath, [cli, 'down', '--dir', dir], {
        cwd: root,
        stdio: 'inherit',
      });
    },
  };
}
