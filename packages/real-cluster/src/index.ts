import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** The repository's real-cluster cache (see scripts/paths.mjs: the same places). */
const packageDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(packageDir, '..', '..');

/** Where `real-cluster build` puts the binary (REAL_CLUSTER_BIN overrides). */
export function realClusterBinary(): string {
  return (
    process.env.REAL_CLUSTER_BIN ||
    path.join(repoRoot, '.cache', 'real-cluster', 'bin', 'realcluster')
  );
}

/** The env var naming the kubeconfig of a cluster a whole test run shares. */
export const SHARED_CLUSTER_ENV = 'OKTETO_DEV_REAL_CLUSTER';

/** Pod label our kwok Stages select on (go/cluster/stages/*.yaml). */
export const STATE_LABEL = 'real-cluster.okteto-dev/state';

/** Values of {@link STATE_LABEL} with a Stage of ours. */
export type PodState =
  | 'crash-loop'
  | 'err-image-pull'
  | 'image-pull-backoff'
  | 'create-container-config-error'
  | 'container-creating'
  | 'not-ready';

/** Annotations those Stages read. */
export const STATE_ANNOTATIONS = {
  /** Only this container takes the state; the others run, ready. */
  container: 'real-cluster.okteto-dev/container',
  /** crash-loop: exit code of lastState.terminated (default 1). */
  exitCode: 'real-cluster.okteto-dev/exit-code',
  /** crash-loop: time between restarts, a Go duration (default 2s). */
  restartEvery: 'real-cluster.okteto-dev/restart-every',
  /** waiting states: the message, in place of the computed one. */
  message: 'real-cluster.okteto-dev/message',
} as const;

export interface RealClusterOptions {
  /**
   * Reuse the cluster whose kubeconfig path is in env OKTETO_DEV_REAL_CLUSTER
   * when set (default true). Its close() then leaves it running. Pass false
   * for a cluster of the test's own (needed to restart or stop it).
   */
  shared?: boolean;
  /** Cluster directory (default: a new temp dir, removed by close()). */
  dir?: string;
  /** kwok Nodes to create (default 3). */
  nodes?: number;
  /** Extra flags, e.g. `apiserver: ['--watch-cache=false']`. */
  extraArgs?: Partial<Record<ComponentName, string[]>>;
  /** Give up when not ready within this time (default 120 s). */
  timeoutMs?: number;
  /** Progress lines of the supervisor go here (default: dropped). */
  log?: (line: string) => void;
}

export type ComponentName =
  | 'apiserver'
  | 'controller-manager'
  | 'scheduler'
  | 'kwok';

/** <dir>/cluster.json, written by `realcluster up` once ready. */
export interface ClusterState {
  pid: number;
  dir: string;
  url: string;
  kubeconfig: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  token: string;
  control: string;
  etcd: string;
  version: string;
  nodes: string[];
  ports: Record<string, number>;
  components: Record<string, { pid: number; log: string }>;
  readyMs: number;
}

/** A running real cluster. */
export interface RealCluster {
  url: string;
  kubeconfigPath: string;
  /** PEM of the cluster CA (it signed the API server's certificate). */
  ca: string;
  /** Bearer token of an admin (group system:masters). */
  token: string;
  /** Admin client certificate and key (PEM), the kubeconfig's user. */
  clientCert: string;
  clientKey: string;
  /** kube-apiserver's reported version, e.g. v1.36.3. */
  version: string;
  /** Names of the kwok Nodes. */
  nodes: string[];
  dir: string;
  /** True when this is the shared cluster of the test run (close() leaves it up). */
  shared: boolean;
  /** The supervisor's pid and the components' pids now. */
  pids(): Promise<number[]>;
  state(): Promise<ClusterState>;
  /** Compacts etcd at its current revision (older resourceVersions: 410 Gone). */
  compact(): Promise<{ revision: number }>;
  /** Stops and starts kube-apiserver alone, on the same port; resolves when ready. */
  restartApiServer(): Promise<{ pid: number; ms: number }>;
  restart(component: ComponentName): Promise<{ pid: number; ms: number }>;
  /** Stops every process and removes the temp dir (no-op for a shared cluster). */
  close(): Promise<void>;
}

function control<T>(socketPath: string, method: string, urlPath: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: urlPath }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', c => {
        body += c;
      });
      res.on('end', () => {
        try {
          const parsed = body ? JSON.parse(body) : {};
          if ((res.statusCode ?? 500) >= 300) {
            reject(new Error(`real-cluster ${urlPath}: ${parsed.error ?? res.statusCode}`));
          } else resolve(parsed as T);
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; Z = exited, not yet reaped.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function readState(dir: string): ClusterState {
  return JSON.parse(fs.readFileSync(path.join(dir, 'cluster.json'), 'utf8'));
}

function handle(
  state: ClusterState,
  shared: boolean,
  close: () => Promise<void>,
): RealCluster {
  const read = (f: string) => fs.readFileSync(f, 'utf8');
  const restart = (component: ComponentName) =>
    control<{ pid: number; ms: number }>(state.control, 'POST', `/restart/${component}`);
  const current = () => control<ClusterState>(state.control, 'GET', '/status');
  return {
    url: state.url,
    kubeconfigPath: state.kubeconfig,
    ca: read(state.caFile),
    token: state.token,
    clientCert: read(state.certFile),
    clientKey: read(state.keyFile),
    version: state.version,
    nodes: state.nodes,
    dir: state.dir,
    shared,
    state: current,
    async pids() {
      const s = await current();
      return [s.pid, ...Object.values(s.components).map(c => c.pid)];
    },
    compact: () => control<{ revision: number }>(state.control, 'POST', '/compact'),
    restartApiServer: () => restart('apiserver'),
    restart,
    close,
  };
}

/**
 * The cluster named by OKTETO_DEV_REAL_CLUSTER (a kubeconfig whose directory
 * holds cluster.json), or undefined.
 */
export function sharedClusterState(): ClusterState | undefined {
  const kubeconfig = process.env[SHARED_CLUSTER_ENV];
  if (!kubeconfig) return undefined;
  const state = readState(path.dirname(path.resolve(kubeconfig)));
  if (!isAlive(state.pid)) {
    throw new Error(
      `${SHARED_CLUSTER_ENV}=${kubeconfig}: its cluster (pid ${state.pid}) is not running`,
    );
  }
  return state;
}

/**
 * Starts a real cluster (kube-apiserver, kube-controller-manager,
 * kube-scheduler, embedded etcd, kwok) on 127.0.0.1 with random ports and
 * writes its kubeconfig; or, by default, attaches to the test run's shared
 * one (env OKTETO_DEV_REAL_CLUSTER). Needs the binary:
 * `node packages/real-cluster/bin/real-cluster build`.
 */
export async function startRealCluster(
  options: RealClusterOptions = {},
): Promise<RealCluster> {
  if (options.shared !== false) {
    const state = sharedClusterState();
    if (state) return handle(state, true, async () => {});
  }
  const binary = realClusterBinary();
  if (!fs.existsSync(binary)) {
    throw new Error(
      `${binary} is missing: build it once with \`node packages/real-cluster/bin/real-cluster build\``,
    );
  }
  const ownDir = !options.dir;
  const dir = options.dir
    ? path.resolve(options.dir)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'real-cluster-'));
  const args = ['up', '--dir', dir, '--exit-with-parent', '--nodes', String(options.nodes ?? 3)];
  args.push('--timeout', `${Math.round((options.timeoutMs ?? 120_000) / 1000)}s`);
  for (const [component, flags] of Object.entries(options.extraArgs ?? {})) {
    for (const flag of flags ?? []) args.push(`--${component}-arg=${flag}`);
  }
  const child: ChildProcess = spawn(binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      stderr.push(line);
      if (stderr.length > 60) stderr.shift();
      options.log?.(line);
    }
  });
  const exited = new Promise<number | null>(resolve =>
    child.on('exit', code => resolve(code)),
  );
  const kubeconfigLine = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    exited.then(code =>
      reject(
        new Error(
          `real-cluster exited (${code}) before it was ready:\n${stderr.join('\n')}`,
        ),
      ),
    );
  });
  const state = readState(dir);
  if (state.kubeconfig !== kubeconfigLine.trim()) {
    throw new Error(`unexpected real-cluster output: ${kubeconfigLine}`);
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      let pids: number[] = [child.pid!];
      try {
        const now = await control<ClusterState>(state.control, 'GET', '/status');
        pids = [now.pid, ...Object.values(now.components).map(c => c.pid)];
      } catch {
        pids = [state.pid, ...Object.values(state.components).map(c => c.pid)];
      }
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      // The supervisor stops its children before it exits; whatever is
      // still there (it was killed) goes now.
      for (const pid of pids.filter(isAlive)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    })();
    return closing;
  };
  return handle(state, false, close);
}

/** `kubectl` with this cluster's kubeconfig; returns stdout. */
export function kubectl(cluster: Pick<RealCluster, 'kubeconfigPath'>, args: string[], kubectlPath = process.env.KUBECTL || 'kubectl'): string {
  return execFileSync(kubectlPath, ['--kubeconfig', cluster.kubeconfigPath, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
