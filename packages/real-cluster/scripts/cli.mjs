// real-cluster: build | up | down | status | compact | restart <component> | env
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build, isBuilt } from './build.mjs';
import { binaryPath, defaultClusterDir } from './paths.mjs';

const USAGE = `usage: real-cluster <command> [--dir D]
  build [cluster] [--force] [--quiet]
                              build the realcluster binary and Argo CD, helm and okteto
                              once each (cached by stamps); \`build cluster\`: only realcluster
  up [--dir D] [--detach] [--nodes N] [--timeout 120s] [--<component>-arg=--flag=value ...]
                              start a cluster; prints the kubeconfig path when ready.
                              Foreground by default (Ctrl-C stops it); --detach returns
                              once it is ready and leaves it running (stop with down)
  down [--dir D]              stop the cluster started in D
  status [--dir D]            print its cluster.json (exit 1 when not running)
  env [--dir D]               print export lines for OKTETO_DEV_REAL_CLUSTER and KUBECONFIG
  compact [--dir D]           compact etcd at the current revision
  restart <component> [--dir D]
                              restart apiserver, controller-manager, scheduler or kwok
D defaults to ${
  path.relative(process.cwd(), defaultClusterDir) || defaultClusterDir
}`;

function option(argv, name) {
  const i = argv.findIndex(
    a => a === `--${name}` || a.startsWith(`--${name}=`),
  );
  if (i < 0) return undefined;
  const a = argv[i];
  if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
  return argv[i + 1];
}

function clusterDir(argv) {
  return path.resolve(option(argv, 'dir') ?? defaultClusterDir);
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function alive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

function readPid(dir) {
  try {
    return (
      Number(
        fs.readFileSync(path.join(dir, 'realcluster.pid'), 'utf8').trim(),
      ) || 0
    );
  } catch {
    return 0;
  }
}

function readState(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'cluster.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

function running(dir) {
  const state = readState(dir);
  return state && alive(state.pid) ? state : undefined;
}

/** One request to the supervisor's control socket. */
export function control(dir, method, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath: path.join(dir, 'control.sock'), method, path: urlPath },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', c => (body += c));
        res.on('end', () => {
          const parsed = body ? JSON.parse(body) : {};
          if ((res.statusCode ?? 500) >= 300)
            reject(new Error(parsed.error ?? `HTTP ${res.statusCode}`));
          else resolve(parsed);
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function passthrough(argv) {
  return argv.filter(a =>
    /^--(apiserver|controller-manager|scheduler|kwok)-arg=/.test(a),
  );
}

async function up(argv) {
  const dir = clusterDir(argv);
  const already = running(dir);
  if (already) {
    process.stderr.write(
      `real-cluster: already running in ${dir} (pid ${already.pid})\n`,
    );
    process.stdout.write(`${already.kubeconfig}\n`);
    return 0;
  }
  if (alive(readPid(dir))) {
    throw new Error(
      `a cluster is starting or stopping in ${dir} (pid ${readPid(
        dir,
      )}); try again or run down`,
    );
  }
  if (!isBuilt()) await build();
  fs.mkdirSync(dir, { recursive: true });
  const args = ['up', '--dir', dir, ...passthrough(argv)];
  const nodes = option(argv, 'nodes');
  if (nodes) args.push('--nodes', nodes);
  const timeout = option(argv, 'timeout');
  if (timeout) args.push('--timeout', timeout);

  if (!argv.includes('--detach')) {
    // --exit-with-parent: the cluster goes when this process goes.
    const child = spawn(binaryPath, [...args, '--exit-with-parent'], {
      stdio: 'inherit',
    });
    // The terminal's Ctrl-C reaches the supervisor too; it stops the rest.
    process.on('SIGINT', () => {});
    for (const signal of ['SIGTERM', 'SIGHUP']) {
      process.on(signal, () => child.kill('SIGTERM'));
    }
    return await new Promise(resolve =>
      child.on('close', code => resolve(code ?? 1)),
    );
  }

  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const logPath = path.join(dir, 'logs', 'supervisor.log');
  const out = fs.openSync(logPath, 'a');
  const child = spawn(binaryPath, args, {
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.unref();
  const started = Date.now();
  let exited = false;
  child.on('exit', () => (exited = true));
  for (;;) {
    const state = readState(dir);
    if (state && state.pid === child.pid) {
      process.stderr.write(
        `real-cluster: up in ${((Date.now() - started) / 1000).toFixed(
          1,
        )}s (pid ${state.pid}, log ${logPath})\n`,
      );
      process.stdout.write(`${state.kubeconfig}\n`);
      return 0;
    }
    if (exited || !alive(child.pid)) {
      const log = fs
        .readFileSync(logPath, 'utf8')
        .split('\n')
        .slice(-30)
        .join('\n');
      throw new Error(`the cluster did not start:\n${log}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

async function down(argv) {
  const dir = clusterDir(argv);
  const pid = readPid(dir);
  const state = readState(dir);
  if (!alive(pid)) {
    process.stderr.write(`real-cluster: nothing running in ${dir}\n`);
    return 0;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline)
    await new Promise(r => setTimeout(r, 100));
  const left = [
    pid,
    ...Object.values(state?.components ?? {}).map(c => c.pid),
  ].filter(alive);
  for (const p of left) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  process.stderr.write(
    `real-cluster: stopped ${dir}${
      left.length ? ` (killed ${left.join(', ')})` : ''
    }\n`,
  );
  return 0;
}

export async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'build': {
      // `build` builds the cluster and the programs the tests run on it (Argo CD, helm, okteto);
      // `build cluster` only the cluster
      const only = rest.filter(a => !a.startsWith('--'));
      if (rest.includes('--check')) return isBuilt() ? 0 : 1;
      const force = rest.includes('--force');
      await build({ force, quiet: rest.includes('--quiet') });
      if (!only.includes('cluster')) {
        const { buildArgoCdOkteto } = await import('./build-argocd-okteto.mjs');
        await buildArgoCdOkteto({ force });
      }
      return 0;
    }
    case 'up':
      return up(rest);
    case 'down':
      return down(rest);
    case 'status': {
      const state = running(clusterDir(rest));
      if (!state) {
        process.stderr.write(
          `real-cluster: not running in ${clusterDir(rest)}\n`,
        );
        return 1;
      }
      process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
      return 0;
    }
    case 'env': {
      const state = running(clusterDir(rest));
      if (!state) throw new Error(`not running in ${clusterDir(rest)}`);
      process.stdout.write(
        `export OKTETO_DEV_REAL_CLUSTER=${state.kubeconfig}\nexport KUBECONFIG=${state.kubeconfig}\n`,
      );
      return 0;
    }
    case 'compact': {
      const res = await control(clusterDir(rest), 'POST', '/compact');
      process.stdout.write(`${JSON.stringify(res)}\n`);
      return 0;
    }
    case 'restart': {
      const [component, ...more] = rest;
      if (!component) throw new Error('restart needs a component');
      const res = await control(
        clusterDir(more),
        'POST',
        `/restart/${component}`,
      );
      process.stdout.write(`${JSON.stringify(res)}\n`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}
