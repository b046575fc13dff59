/*
 * The local demo: the kube-sandbox with the web-core scenario (HTTPS, so the real kubectl works
 * with its token), a GitHub stand-in serving examples/web-core-repo, and the local Backstage
 * (packages/backend serving the built packages/app) on http://localhost:7007.
 * Used by `npm start` and by the browser tests.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, Sandbox } from '@okteto-dev/kube-sandbox';
import {
  GithubStandIn,
  startGithubStandIn,
} from '../../plugins/scaffolder-backend-module-okteto-dev/src/testing/githubStandIn';

export const ROOT = path.resolve(__dirname, '../..');
export const DEMO_DIR = path.join(ROOT, '.okteto-dev-demo');
export const KUBECONFIG = path.join(DEMO_DIR, 'kubeconfig');
const REPO_DIR = path.join(ROOT, 'examples', 'web-core-repo');

/**
 * Whose tokens the GitHub stand-in knows: the integration's (`integrations.github[].token` of
 * app-config.yaml) and the one the demo app's stand-in GitHub sign-in hands every user
 * (`DEMO_GITHUB_USER_TOKEN` in packages/app/src/apis.ts), so template runs read and open pull
 * requests as `guest`, the way they do as the signed-in user against GitHub.
 */
export const DEMO_GITHUB_USERS: Record<string, string> = {
  'local-demo-token': 'backstage-integration',
  'demo-guest-github-token': 'guest',
};

export interface Demo {
  url: string;
  sandbox: Sandbox;
  github: GithubStandIn;
  stop(): Promise<void>;
}

function repoFiles(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(dir, prefix), {
    withFileTypes: true,
  })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, repoFiles(dir, rel));
    else if (rel !== 'README.md')
      files[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
  }
  return files;
}

export async function waitForBackend(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the backend exited with code ${child.exitCode}`);
    }
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(
    `the backend did not become ready within ${timeoutMs / 1000}s`,
  );
}

/**
 * The scenario's Argo CD times are fixed (2025); move them so the newest is a few minutes ago,
 * as on a live cluster ("synced 3 min ago" rather than "541 days ago").
 */
export function freshenArgoTimes(sandbox: Sandbox) {
  const apps = sandbox.store.list('applications', 'argo');
  const times = apps.flatMap(
    app =>
      JSON.stringify(app.status ?? {}).match(/\d{4}-\d\d-\d\dT[\d:.]+Z/g) ?? [],
  );
  if (times.length === 0) return;
  const newest = Math.max(...times.map(t => Date.parse(t)));
  const shift = Date.now() - 3 * 60_000 - newest;
  for (const app of apps) {
    const status = JSON.stringify(app.status ?? {}).replace(
      /\d{4}-\d\d-\d\dT[\d:.]+Z/g,
      t =>
        new Date(Date.parse(t) + shift).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
    sandbox.store.put({ ...app, status: JSON.parse(status) });
  }
}

/**
 * What a Backstage of the demo reads: the kube-sandbox with the web-core scenario (HTTPS, Argo CD
 * times freshened) and the GitHub stand-in serving examples/web-core-repo.
 */
export async function startDemoServices(
  options: { log?: (line: string) => void; kubeconfigPath?: string } = {},
): Promise<{ sandbox: Sandbox; github: GithubStandIn }> {
  const log = options.log ?? (() => {});
  const kubeconfigPath = options.kubeconfigPath ?? KUBECONFIG;
  fs.mkdirSync(path.dirname(kubeconfigPath), { recursive: true });
  const sandbox = await startSandbox({
    scenario: 'web-core',
    tls: true,
    kubeconfigPath,
  });
  freshenArgoTimes(sandbox);
  log(
    `kube-sandbox (web-core scenario) at ${
      sandbox.url
    }; kubeconfig ${path.relative(ROOT, kubeconfigPath)}`,
  );
  const github = await startWebCoreGithub();
  log(`GitHub stand-in serving NeoGrAIph/web-core at ${github.url}`);
  return { sandbox, github };
}

/**
 * The GitHub stand-in serving examples/web-core-repo as NeoGrAIph/web-core, knowing the demo's
 * tokens (`DEMO_GITHUB_USERS`). Also used alone by the fresh-app test (e2e/fresh-app.ts).
 */
export function startWebCoreGithub(): Promise<GithubStandIn> {
  return startGithubStandIn(
    [{ owner: 'NeoGrAIph', name: 'web-core', files: repoFiles(REPO_DIR) }],
    { users: DEMO_GITHUB_USERS },
  );
}

export async function startDemo(
  options: { log?: (line: string) => void; backendLog?: string } = {},
): Promise<Demo> {
  const log = options.log ?? (() => {});
  fs.mkdirSync(DEMO_DIR, { recursive: true });
  const { sandbox, github } = await startDemoServices({ log });

  const backend = await startBackend({
    log,
    logFile: options.backendLog,
    env: {
      OKTETO_DEV_SANDBOX_URL: sandbox.url,
      OKTETO_DEV_SANDBOX_TOKEN: sandbox.token,
      OKTETO_DEV_SANDBOX_CA: Buffer.from(sandbox.ca ?? '').toString('base64'),
      OKTETO_DEV_GITHUB_API: github.apiBaseUrl,
    },
    onStop: async () => {
      await github.close();
      await sandbox.close();
    },
  });
  return { url: backend.url, sandbox, github, stop: backend.stop };
}

/**
 * packages/backend (serving the built app) with app-config.yaml on http://localhost:7007, its
 * cluster and GitHub from `env` (OKTETO_DEV_SANDBOX_URL, _TOKEN, _CA, OKTETO_DEV_GITHUB_API);
 * resolves once it is ready. `stop()` ends it, then runs `onStop`.
 */
export async function startBackend(options: {
  env: Record<string, string | undefined>;
  log?: (line: string) => void;
  logFile?: string;
  onStop?: () => Promise<void>;
  /** Another port than app-config.yaml's 7007 (a config file of its own is added). */
  port?: number;
  /** More configuration (YAML), merged over app-config.yaml. */
  extraConfig?: string;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const log = options.log ?? (() => {});
  fs.mkdirSync(DEMO_DIR, { recursive: true });
  const port = options.port ?? 7007;
  const url = `http://localhost:${port}`;
  // readiness of another Backstage on the port would pass for ours: refuse to start instead
  const taken = await fetch(`${url}/.backstage/health/v1/readiness`).then(
    () => true,
    () => false,
  );
  if (taken) {
    throw new Error(
      `something already answers on ${url}: stop it (another npm start or browser test) first`,
    );
  }
  const configs = ['--config', path.join(ROOT, 'app-config.yaml')];
  if (options.port) {
    const file = path.join(DEMO_DIR, `app-config.port-${port}.yaml`);
    fs.writeFileSync(
      file,
      [
        `app: { baseUrl: '${url}' }`,
        'backend:',
        `  baseUrl: '${url}'`,
        `  listen: { port: ${port} }`,
        `  cors: { origin: '${url}' }`,
        '',
      ].join('\n'),
    );
    configs.push('--config', file);
  }
  if (options.extraConfig) {
    const file = path.join(DEMO_DIR, `app-config.extra-${port}.yaml`);
    fs.writeFileSync(file, options.extraConfig);
    configs.push('--config', file);
  }
  const logFile = options.logFile ?? path.join(DEMO_DIR, 'backend.log');
  const out = fs.openSync(logFile, 'w');
  const backend = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'backstage-cli'),
    ['package', 'start', ...configs],
    {
      cwd: path.join(ROOT, 'packages', 'backend'),
      stdio: ['ignore', out, out],
      detached: true,
      env: { ...process.env, ...options.env },
    },
  );
  log(`backend starting (log: ${path.relative(ROOT, logFile)})`);
  const stop = async () => {
    if (backend.exitCode === null && backend.pid) {
      try {
        process.kill(-backend.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise(resolve => {
        const timer = setTimeout(() => {
          try {
            process.kill(-backend.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
          resolve(undefined);
        }, 5000);
        backend.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
    fs.closeSync(out);
    await options.onStop?.();
  };
  try {
    await waitForBackend(url, backend, 180_000);
  } catch (error) {
    await stop();
    throw new Error(
      `${(error as Error).message}; see ${logFile}:\n${fs
        .readFileSync(logFile, 'utf8')
        .slice(-3000)}`,
    );
  }
  return { url, stop };
}
