import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTool } from '../argocd/process';

/** The okteto commit built by scripts/build-argocd-okteto.mjs (go/okteto/go.mod). */
export const OKTETO_MODULE_VERSION = 'v0.0.0-20231222160652-094ca6b3fca8';

/** Pod label of the main dev container's pods (pkg/model/const.go, InteractiveDevLabel). */
export const INTERACTIVE_DEV_LABEL = 'interactive.dev.okteto.com';

export interface OktetoOptions {
  /** The kubeconfig okteto uses (KUBECONFIG). */
  kubeconfig: string;
  /**
   * okteto's home (OKTETO_HOME; the CLI keeps `<home>/.okteto/`: contexts, state, syncthing).
   * Calls that share it share `okteto context use`. Default: one per kubeconfig under the temp dir.
   */
  home?: string;
  /** Working directory: where the okteto manifest is (default: the process cwd). */
  cwd?: string;
  /** More environment (over ours). */
  env?: NodeJS.ProcessEnv;
  /** Stop the CLI after this long (default 120 s); the result then says `stopped: 'timeout'`. */
  timeoutMs?: number;
  /**
   * Stop the CLI once the dev container's pod (label interactive.dev.okteto.com=<dev>) in
   * `namespace` is Running: for `okteto up`, which then goes on to port-forward and sync and
   * never returns without a real kubelet. The result says `stopped: 'dev-pod-running'`.
   */
  stopWhenDevPodRunning?: { namespace: string; dev: string };
  /** Or stop when this resolves true (polled every 200 ms). */
  stopWhen?: () => Promise<boolean>;
  /** The signal that stops it: SIGHUP by default, what a closed terminal sends. */
  stopSignal?: NodeJS.Signals;
}

export interface OktetoResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Why we stopped it, when we did. */
  stopped?: 'timeout' | 'dev-pod-running' | 'condition';
  ms: number;
}

/** `syncthing --version` of the installed binary: `syncthing v1.19.2-ds1 ...` → 1.19.2. */
export function syncthingVersion(bin = 'syncthing'): string {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const match = /syncthing v(\d+\.\d+\.\d+)/.exec(out.stdout ?? '');
  if (!match)
    throw new Error(
      `no syncthing on the PATH (Debian: syncthing): ${
        out.error ?? out.stderr
      }`,
    );
  return match[1];
}

function whichSyncthing(): string {
  const out = spawnSync('sh', ['-c', 'command -v syncthing'], {
    encoding: 'utf8',
  });
  if (out.status !== 0)
    throw new Error('no syncthing on the PATH (Debian: syncthing)');
  return out.stdout.trim();
}

/** The default home for a kubeconfig: stable, so `context use` is remembered between calls. */
export function defaultOktetoHome(kubeconfig: string): string {
  const hash = createHash('sha256')
    .update(path.resolve(kubeconfig))
    .digest('hex')
    .slice(0, 12);
  return path.join(os.tmpdir(), `okteto-home-${hash}`);
}

/**
 * Makes `home` ready for the CLI, with nothing for it to download or report:
 * - `<home>/.okteto/syncthing` is the installed (Debian) syncthing: okteto up looks for it there
 *   (pkg/syncthing/syncthing.go, getInstallPath) and downloads one only when it is missing or older
 *   than GetMinimumVersion() (pkg/syncthing/install.go), which OKTETO_SYNCTHING_VERSION sets:
 *   we set it to the installed version (Debian 12: 1.19.2, below okteto's 1.27.1);
 * - `<home>/.okteto/analytics.json` with analytics off: without the file the first command turns
 *   them on (pkg/analytics/config.go, Init), and `okteto analytics --disable` would send an event.
 * Returns the environment for the CLI.
 */
export function prepareOktetoHome(
  home: string,
  kubeconfig: string,
): NodeJS.ProcessEnv {
  const dotOkteto = path.join(home, '.okteto');
  fs.mkdirSync(dotOkteto, { recursive: true, mode: 0o700 });
  const syncthing = path.join(dotOkteto, 'syncthing');
  if (!fs.existsSync(syncthing)) fs.symlinkSync(whichSyncthing(), syncthing);
  const analytics = path.join(dotOkteto, 'analytics.json');
  if (!fs.existsSync(analytics)) {
    fs.writeFileSync(
      analytics,
      JSON.stringify({ machineID: 'okteto-dev-tests', enabled: false }),
      { mode: 0o600 },
    );
  }
  return {
    OKTETO_HOME: home,
    KUBECONFIG: kubeconfig,
    OKTETO_SYNCTHING_VERSION: syncthingVersion(syncthing),
    // no colours or spinners in the captured output
    OKTETO_DISABLE_SPINNER: 'true',
    NO_COLOR: '1',
    TERM: 'dumb',
  };
}

async function devPodRunning(
  kc: KubeConfig,
  namespace: string,
  dev: string,
): Promise<boolean> {
  const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({
    namespace,
    labelSelector: `${INTERACTIVE_DEV_LABEL}=${dev}`,
  });
  return pods.items.some(
    p => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp,
  );
}

/**
 * Runs the okteto CLI (built from its Go module) with `args`, on a plain Kubernetes context, with
 * a timeout and an optional stop condition; resolves with its output when it exits.
 */
export function okteto(
  args: string[],
  options: OktetoOptions,
): Promise<OktetoResult> {
  const bin = ensureTool('okteto');
  const home = options.home ?? defaultOktetoHome(options.kubeconfig);
  const env = {
    ...process.env,
    ...prepareOktetoHome(home, options.kubeconfig),
    ...options.env,
  };
  const { timeoutMs = 120_000, stopSignal = 'SIGHUP' } = options;
  const started = Date.now();
  const child = spawn(bin, args, {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', c => {
    stdout += c;
  });
  child.stderr.setEncoding('utf8').on('data', c => {
    stderr += c;
  });
  let stopped: OktetoResult['stopped'];
  let exited = false;
  const stop = (why: NonNullable<OktetoResult['stopped']>) => {
    if (exited || stopped) return;
    stopped = why;
    child.kill(stopSignal);
    // a CLI that ignores the signal is killed after 10 s
    setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, 10_000).unref();
  };
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  let kc: KubeConfig | undefined;
  if (options.stopWhenDevPodRunning) {
    kc = new KubeConfig();
    kc.loadFromFile(options.kubeconfig);
  }
  const poll = async () => {
    while (!exited && !stopped) {
      try {
        if (options.stopWhenDevPodRunning && kc) {
          const { namespace, dev } = options.stopWhenDevPodRunning;
          if (await devPodRunning(kc, namespace, dev)) stop('dev-pod-running');
        } else if (options.stopWhen && (await options.stopWhen())) {
          stop('condition');
        }
      } catch {
        // the API may refuse for a moment; the timeout bounds it
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  };
  if (options.stopWhenDevPodRunning || options.stopWhen) void poll();
  return new Promise((resolve, reject) => {
    child.once('error', error => {
      exited = true;
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        stopped,
        ms: Date.now() - started,
      });
    });
  });
}
