import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

// this package runs from source (tests, scripts), never bundled
// eslint-disable-next-line no-restricted-syntax
const here = __dirname;

/** Where build-argocd-okteto.mjs puts argocd, helm and okteto (REAL_CLUSTER_BIN_DIR overrides). */
export function toolsBinDir(): string {
  return (
    process.env.REAL_CLUSTER_BIN_DIR ||
    path.resolve(here, '..', '..', '..', '..', '.cache', 'real-cluster', 'bin')
  );
}

const buildScript = path.resolve(
  here,
  '..',
  '..',
  'scripts',
  'build-argocd-okteto.mjs',
);

/**
 * The path of a built tool; when missing, runs the build script for it (cached by its stamp, so
 * an up-to-date binary costs one `go env` per call). Set REAL_CLUSTER_NO_BUILD=1 to fail instead.
 */
export function ensureTool(name: 'argocd' | 'helm' | 'okteto'): string {
  const bin = path.join(toolsBinDir(), name);
  if (fs.existsSync(bin)) return bin;
  if (process.env.REAL_CLUSTER_NO_BUILD) {
    throw new Error(
      `${bin} is missing: node packages/real-cluster/scripts/build-argocd-okteto.mjs ${name}`,
    );
  }
  const result = spawnSync(process.execPath, [buildScript, name], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !fs.existsSync(bin)) {
    throw new Error(`building ${name} failed (exit ${result.status})`);
  }
  return bin;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The status of a GET of `url` (https: with `ca` as the only CA trusted), 0 when none came. */
export function httpStatus(
  url: string,
  { ca }: { ca?: string } = {},
): Promise<number> {
  return new Promise(resolve => {
    const done = (res: http.IncomingMessage) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    };
    const req = url.startsWith('https:')
      ? https.get(url, ca ? { ca } : {}, done)
      : http.get(url, done);
    req.once('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** A program we started, with its output in `logFile`. */
export interface Proc {
  name: string;
  /** pid of the watchdog shell; the program is its child, in the same process group. */
  pid: number;
  logFile: string;
  exited: Promise<number | null>;
  running(): boolean;
  /** SIGTERM, then SIGKILL to the process group after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines of the log (for error messages). */
  tail(lines?: number): string;
}

/**
 * Starts `command args` with its output appended to `logFile`. The program runs under a small
 * shell watchdog that reads our stdin: when this Node process ends, even killed, the pipe closes
 * and the watchdog sends SIGTERM to the program, so no Go process outlives the test run.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  {
    env,
    cwd,
    logFile,
  }: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string },
): Proc {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  // POSIX sh gives a background job /dev/null as stdin: fd 3 keeps ours for the watcher.
  const script =
    'exec 3<&0; "$@" </dev/null & child=$!; ' +
    '(read _ <&3; kill -TERM $child 2>/dev/null) & watcher=$!; ' +
    'wait $child; code=$?; kill $watcher 2>/dev/null; exit $code';
  const child: ChildProcess = spawn(
    'sh',
    ['-c', script, name, command, ...args],
    {
      env,
      cwd,
      stdio: ['pipe', out, out],
      detached: true,
    },
  );
  fs.closeSync(out);
  const exited = new Promise<number | null>(resolve => {
    child.once('exit', code => resolve(code));
    child.once('error', () => resolve(null));
  });
  let done = false;
  exited.then(() => {
    done = true;
  });
  const proc: Proc = {
    name,
    pid: child.pid!,
    logFile,
    exited,
    running: () => !done,
    async stop(graceMs = 10_000) {
      if (done) return;
      child.stdin?.end();
      const timer = new Promise(resolve => setTimeout(resolve, graceMs));
      await Promise.race([exited, timer]);
      if (!done) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        await exited;
      }
    },
    tail(lines = 30) {
      try {
        return fs
          .readFileSync(logFile, 'utf8')
          .split('\n')
          .slice(-lines)
          .join('\n');
      } catch {
        return '';
      }
    },
  };
  return proc;
}

/** Resolves when `ready()` is true; rejects when the process exits first or on timeout. */
export async function waitReady(
  proc: Proc,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.running()) {
      throw new Error(
        `${proc.name} exited before it was ready; ${
          proc.logFile
        }:\n${proc.tail()}`,
      );
    }
    if (await ready()) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${proc.name} not ready within ${timeoutMs} ms; ${
          proc.logFile
        }:\n${proc.tail()}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
