#!/usr/bin/env node
// Real engines for the replica tests and the bench: PostgreSQL and Redis from Debian's packages
// (`postgresql`, `redis-server`), each started on 127.0.0.1 on a free port, with its data in one
// temp dir, and stopped with it. Never Docker.
//
//   node scripts/engines.mjs            starts both, prints ONE JSON line (the connections), then
//                                       runs until its stdin closes or it gets SIGINT/SIGTERM;
//                                       then stops both engines and removes the temp dir
//   node scripts/engines.mjs --check    exits 0 when the binaries are installed, 1 otherwise
//
// The stdin rule is what makes "always stopped" hold: a test or bench spawns this script with a
// pipe for stdin, and when that process ends (even killed), the pipe closes and the engines stop.
// PostgreSQL refuses to run as root: as root, initdb and postgres run as the `postgres` user the
// Debian package creates (runuser), in a temp dir that user owns.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Debian packages and what each must provide. */
export const ENGINE_PACKAGES = ['postgresql', 'redis-server'];

/** The bin dir of the newest installed PostgreSQL (Debian: /usr/lib/postgresql/<v>/bin). */
export function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter(v => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return path.join(base, versions[0], 'bin');
  // another layout (e.g. a source build): initdb on the PATH
  const which = spawnSync('sh', ['-c', 'command -v initdb'], {
    encoding: 'utf8',
  });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : undefined;
}

export function redisServerBin() {
  for (const bin of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (fs.existsSync(bin)) return bin;
  }
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], {
    encoding: 'utf8',
  });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

/** The major version of that PostgreSQL (15 on Debian 12). */
export function postgresMajor(binDir = postgresBinDir()) {
  if (!binDir) return undefined;
  const fromPath = /postgresql\/(\d+)\/bin$/.exec(binDir);
  if (fromPath) return Number(fromPath[1]);
  const out = spawnSync(path.join(binDir, 'postgres'), ['--version'], {
    encoding: 'utf8',
  }).stdout;
  const match = /(\d+)(\.\d+)?/.exec(out ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Installs the missing Debian packages with apt-get when we are root (as chromium and kubectl
 * are); otherwise says what to install. `ctx` is the wrapper's task context.
 */
export function ensureEngines({ say, die, run }) {
  const missing = missingEngines();
  if (missing.length === 0) return;
  const isRootUser = isRoot();
  const hasApt =
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' })
      .status === 0;
  if (!isRootUser || !hasApt) {
    die(
      `PostgreSQL and Redis are needed by the replica tests; install the Debian packages: ${missing.join(
        ' ',
      )}`,
    );
  }
  say(
    `the replica tests need ${missing.join(
      ' and ',
    )}: apt-get install -y ${missing.join(' ')}`,
  );
  run('apt-get', ['update', '-qq']);
  const status = run(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
    { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
  );
  if (status !== 0 || missingEngines().length > 0) {
    die(`could not install ${missing.join(' ')} with apt-get`);
  }
}

/**
 * Starts the engines in a child process (this script) and resolves with the connections; `stop()`
 * ends it. The child also stops them when this process ends.
 */
export function startEnginesChild() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let buffer = '';
    const exited = new Promise(r => child.once('exit', r));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        await exited;
      }
    };
    child.stdout.on('data', chunk => {
      buffer += chunk;
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n')) {
        try {
          resolve({ ...JSON.parse(line), stop });
        } catch (error) {
          stop().then(() => reject(error));
        }
      }
    });
    exited.then(code =>
      reject(new Error(`scripts/engines.mjs exited (${code})`)),
    );
  });
}

/** The Debian packages whose binaries are missing. */
export function missingEngines() {
  const missing = [];
  if (!postgresBinDir()) missing.push('postgresql');
  if (!redisServerBin()) missing.push('redis-server');
  return missing;
}

const isRoot = () =>
  typeof process.getuid === 'function' && process.getuid() === 0;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (Date.now() > deadline)
      throw new Error(`${what} did not listen on ${port}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

/** Runs a PostgreSQL tool, as the `postgres` user when we are root. */
function pgTool(bin, args, options = {}) {
  const [command, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(bin)} ${args.join(' ')} failed (${result.status}): ${
        result.stderr || result.stdout || result.error?.message
      }`,
    );
  }
  return result.stdout;
}

/** initdb + pg_ctl start, trust auth on 127.0.0.1 only, no fsync (throw-away data). */
async function startPostgres(dir) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian: postgresql)');
  const data = path.join(dir, 'pg');
  const socketDir = path.join(dir, 'pg-socket');
  fs.mkdirSync(socketDir);
  if (isRoot()) {
    const uid = Number(
      spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout,
    );
    const gid = Number(
      spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout,
    );
    if (!uid)
      throw new Error(
        'there is no postgres user (Debian: postgresql creates it)',
      );
    fs.chownSync(dir, uid, gid);
    fs.chownSync(socketDir, uid, gid);
  }
  pgTool(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  pgTool(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    options,
    '-l',
    path.join(dir, 'postgres.log'),
    '-w',
    '-t',
    '60',
    'start',
  ]);
  await waitForPort(port, 'PostgreSQL');
  return {
    connection: {
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password: 'postgres',
    },
    stop() {
      try {
        pgTool(path.join(bin, 'pg_ctl'), [
          '-D',
          data,
          '-m',
          'fast',
          '-w',
          '-t',
          '30',
          'stop',
        ]);
      } catch (error) {
        console.error(`[engines] ${error.message}`);
      }
    },
  };
}

/** redis-server in the foreground, as our child: no persistence, 127.0.0.1 only. */
async function startRedis(dir) {
  const bin = redisServerBin();
  if (!bin) throw new Error('Redis is not installed (Debian: redis-server)');
  const port = await freePort();
  const child = spawn(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--logfile',
      path.join(dir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise(resolve => child.once('exit', resolve));
  await Promise.race([
    waitForPort(port, 'Redis'),
    exited.then(code => {
      throw new Error(`redis-server exited (${code}); see ${dir}/redis.log`);
    }),
  ]);
  return {
    connection: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise(r => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function main() {
  if (process.argv.includes('--check')) {
    const missing = missingEngines();
    if (missing.length)
      console.error(`missing Debian packages: ${missing.join(' ')}`);
    process.exit(missing.length ? 1 : 0);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-dev-engines-'));
  const started = [];
  let stopping;
  const stop = (code = 0) => {
    stopping ??= (async () => {
      for (const engine of started.reverse()) await engine.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      process.exit(code);
    })();
    return stopping;
  };
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  process.stdin.on('end', () => stop());
  process.stdin.on('error', () => stop());
  process.stdin.resume();
  try {
    const postgres = await startPostgres(dir);
    started.push(postgres);
    const redis = await startRedis(dir);
    started.push(redis);
    process.stdout.write(
      `${JSON.stringify({
        dir,
        postgres: postgres.connection,
        postgresVersion: postgresMajor(),
        redis: redis.connection,
      })}\n`,
    );
  } catch (error) {
    console.error(`[engines] ${error.message}`);
    await stop(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main();
}
