import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  V1Deployment,
} from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArgoCd, startArgoCd } from '../argocd';
import type { RealCluster } from '../index';
import { INTERACTIVE_DEV_LABEL, okteto, OktetoResult } from '../okteto';
import {
  WEB_CORE_APPLICATION_SET,
  WEB_CORE_APPS_DIR,
  WEB_CORE_ARGO_NAMESPACE,
  WEB_CORE_PROJECT,
  WEB_CORE_ROOT_APPLICATION,
  WEB_CORE_STACK_APPS,
  WebCoreAppSpec,
  webCoreNames,
} from './apps';
import { Platform, startPlatform } from './platform';
import { ProxiedCall, startInterruptingProxy } from './proxy';
import { createWebCoreRepo, WebCoreRepo } from './repo';

/** The Application fields the stack waits on. */
export interface ApplicationObject {
  metadata: {
    name: string;
    namespace: string;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ kind: string; name: string }>;
  };
  spec: Record<string, any>;
  operation?: unknown;
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string };
    reconciledAt?: string;
    operationState?: {
      phase?: string;
      message?: string;
      syncResult?: { revision?: string };
    };
    history?: Array<{ id: number; revision?: string }>;
    resources?: Array<{
      group?: string;
      kind: string;
      name: string;
      namespace?: string;
      status?: string;
      requiresPruning?: boolean;
    }>;
    conditions?: Array<{ type: string; message?: string }>;
  };
}

export interface WebCoreStackOptions {
  /** The apps (default {@link WEB_CORE_STACK_APPS}). */
  apps?: WebCoreAppSpec[];
  /** argocd-cm `application.resourceTrackingMethod` at start (default annotation, Argo CD 3.x's). */
  trackingMethod?: 'annotation' | 'label';
  /** `timeout.reconciliation` in seconds (default 10). */
  reconciliationSeconds?: number;
  /** Working directory (default: a temp dir, removed by close()). */
  dir?: string;
  /** Give up waiting for the first sync after this long (default 240 s). */
  timeoutMs?: number;
  /** Run argocd-server too (default false). */
  server?: boolean;
}

export interface OktetoRunOptions {
  /**
   * When to stop the CLI: `running` (default for up) once the dev container's pod runs, as a
   * developer who closed the terminal (SIGHUP); `exit` lets it run to its end (down, or an up that
   * fails); or a condition polled every 200 ms.
   */
  until?: 'running' | 'exit' | (() => Promise<boolean>);
  /** Extra arguments (e.g. `-v` for down). */
  args?: string[];
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
}

export interface InterruptedRun {
  result: OktetoResult;
  /** The last call the API server answered before the connection went away. */
  lastCall: ProxiedCall;
  /** Every call it answered. */
  calls: ProxiedCall[];
}

export interface WebCoreStack {
  cluster: RealCluster;
  kc: KubeConfig;
  argo: ArgoCd;
  repo: WebCoreRepo;
  apps: WebCoreAppSpec[];
  /** The developer's checkout (a clone of the repository) where okteto runs. */
  workspace: string;
  dir: string;
  application(name: string): Promise<ApplicationObject>;
  /** Argo CD's "refresh" (argocd.argoproj.io/refresh); resolves once the controller consumed it. */
  refresh(name: string, type?: 'normal' | 'hard'): Promise<void>;
  /**
   * Polls the Application until `ready` holds; throws with the last status on timeout.
   */
  waitFor(
    name: string,
    ready: (app: ApplicationObject) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<ApplicationObject>;
  /**
   * Waits until Argo CD is done with the app: the status unchanged for `quietMs` (default
   * 1500 ms) with no operation running or requested — or for 15 s with one that waits (a hook
   * that cannot start) — and no failed sync waiting for its retry.
   */
  settle(name: string, quietMs?: number): Promise<ApplicationObject>;
  /** Pushes a commit to main and refreshes the apps that track it; returns the sha. */
  push(
    files: Record<string, string | null>,
    message?: string,
    refresh?: string[],
  ): Promise<string>;
  deployment(namespace: string, name: string): Promise<V1Deployment | undefined>;
  /** `okteto up <dev>` of `.okteto/okteto.yml` in the workspace, on a plain Kubernetes context. */
  oktetoUp(app: string, options?: OktetoRunOptions): Promise<OktetoResult>;
  /** `okteto down <dev>`, run to its end. */
  oktetoDown(app: string, options?: OktetoRunOptions): Promise<OktetoResult>;
  /**
   * `okteto up` or `okteto down` through a connection that goes away right after the API server
   * answered the call `after` names (then the CLI is killed), as a developer whose laptop lost
   * the network between two of okteto's writes.
   */
  oktetoInterrupted(
    command: 'up' | 'down',
    app: string,
    after: (call: ProxiedCall, names: WebCoreNames) => boolean,
  ): Promise<InterruptedRun>;
  /**
   * argocd-cm `application.resourceTrackingMethod`; resolves once the controller dropped its
   * cache for it and every dev Application was compared again.
   */
  setTrackingMethod(method: 'annotation' | 'label'): Promise<void>;
  close(): Promise<void>;
}

type WebCoreNames = ReturnType<typeof webCoreNames>;

/** Env Secret data (no real secret: the kube-sandbox scenario's values). */
function envSecretData(n: WebCoreNames): Record<string, string> {
  return {
    DATABASE_URI: `postgres://${n.slug}:sandbox-not-a-secret@postgres.${n.namespace}.svc:5432/${n.slug}`,
    PAYLOAD_SECRET: `sandbox-payload-secret-${n.slug}`,
  };
}

/** The namespace, as web-core's platform makes it before Argo CD deploys into it. */
export function webCoreNamespace(spec: WebCoreAppSpec) {
  const n = webCoreNames(spec);
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: n.namespace,
      labels: {
        'app.kubernetes.io/part-of': 'web-core',
        'synestra.io/env': 'dev',
        ...spec.namespaceLabels,
      },
    },
  };
}

/** The env Secret the chart reads with envFrom, made outside Git (synestra-platform's SOPS). */
export function webCoreEnvSecret(spec: WebCoreAppSpec) {
  const n = webCoreNames(spec);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: n.envSecret,
      namespace: n.namespace,
      labels: { 'app.kubernetes.io/part-of': 'web-core' },
    },
    type: 'Opaque',
    stringData: envSecretData(n),
  };
}

/**
 * The Application that applies every file of `deploy/argocd/apps/dev` into `argo` (web-core's
 * root Application lives in synestra-platform's app-of-apps; this is its stand-in).
 */
export function webCoreRootApplication(repoURL: string) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: WEB_CORE_ROOT_APPLICATION,
      namespace: WEB_CORE_ARGO_NAMESPACE,
    },
    spec: {
      project: 'default',
      source: { repoURL, targetRevision: 'main', path: WEB_CORE_APPS_DIR },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: WEB_CORE_ARGO_NAMESPACE,
      },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
}

const GROUP = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  namespace: WEB_CORE_ARGO_NAMESPACE,
};

/**
 * web-core on the real cluster: real Argo CD (namespace `argo`, AppProject `synestra-web`,
 * ApplicationSet controller) reading a `file://` copy of web-core (examples/web-core-repo and the
 * files apps.ts adds), the dev Applications applied from the repository by a root Application,
 * the namespaces and env Secrets made first as web-core's platform does, a volume provisioner and
 * Traefik's Ingress status (platform.ts), and the okteto CLI in a checkout of the repository.
 * Resolves once every dev Application is Synced and Healthy.
 */
export async function startWebCoreStack(
  cluster: RealCluster,
  options: WebCoreStackOptions = {},
): Promise<WebCoreStack> {
  const apps = options.apps ?? WEB_CORE_STACK_APPS;
  const timeoutMs = options.timeoutMs ?? 240_000;
  const dir =
    options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'webcore-stack-'));
  const ownDir = !options.dir;
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const appsApi = kc.makeApiClient(AppsV1Api);
  const repo = createWebCoreRepo(path.join(dir, 'web-core'), apps);
  const workspace = path.join(dir, 'workspace');
  execFileSync('git', ['clone', '-q', repo.dir, workspace], {
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
  const oktetoHome = path.join(dir, 'okteto-home');

  let platform: Platform | undefined;
  let argo: ArgoCd | undefined;
  const proxies: Array<{ close(): Promise<void> }> = [];
  const close = async () => {
    for (const p of proxies) await p.close();
    await argo?.close();
    await platform?.close();
    if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    platform = startPlatform(kc);
    argo = await startArgoCd({
      kubeconfigPath: cluster.kubeconfigPath,
      namespace: WEB_CORE_ARGO_NAMESPACE,
      server: options.server ?? false,
      applicationSet: apps.some(a => a.applicationSet),
      reconciliationSeconds: options.reconciliationSeconds ?? 10,
      config:
        options.trackingMethod === 'label'
          ? { 'application.resourceTrackingMethod': 'label' }
          : {},
      dir: path.join(dir, 'argocd'),
      keepDir: false,
      timeoutMs,
    });
    await custom.createNamespacedCustomObject({
      ...GROUP,
      plural: 'appprojects',
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: WEB_CORE_PROJECT, namespace: WEB_CORE_ARGO_NAMESPACE },
        spec: {
          sourceRepos: ['*'],
          destinations: [{ server: '*', namespace: '*' }],
          clusterResourceWhitelist: [{ group: '*', kind: '*' }],
        },
      },
    });
    for (const spec of apps) {
      await core.createNamespace({ body: webCoreNamespace(spec) });
      if (spec.envSecret !== false) {
        await core.createNamespacedSecret({
          namespace: webCoreNames(spec).namespace,
          body: webCoreEnvSecret(spec),
        });
      }
    }
    await custom.createNamespacedCustomObject({
      ...GROUP,
      plural: 'applications',
      body: webCoreRootApplication(repo.url),
    });
  } catch (error) {
    await close();
    throw error;
  }

  const application = async (name: string) =>
    (await custom.getNamespacedCustomObject({
      ...GROUP,
      plural: 'applications',
      name,
    })) as ApplicationObject;

  const waitFor: WebCoreStack['waitFor'] = async (
    name,
    ready,
    what,
    wait = 120_000,
  ) => {
    const deadline = Date.now() + wait;
    let last: ApplicationObject | undefined;
    let lastError: unknown;
    for (;;) {
      try {
        last = await application(name);
        if (ready(last)) return last;
      } catch (e) {
        lastError = e;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${wait} ms waiting for ${what}; last status of ${name}: ${JSON.stringify(
            last?.status ?? lastError ?? null,
          )}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  };

  const idle = (a: ApplicationObject) =>
    !a.operation &&
    a.status?.operationState?.phase !== 'Running' &&
    !a.metadata.annotations?.['argocd.argoproj.io/refresh'];

  const settle: WebCoreStack['settle'] = async (name, quietMs = 1500) => {
    // an automated sync that fails is retried 5 times, 5 s doubling (appcontroller.go: Retry
    // {Limit: 5}, RetryStrategy.NextRetryAt): about 155 s before it is Failed for good; an
    // operation that waits for a hook that never completes stays Running (quiet for 15 s)
    const deadline = Date.now() + 300_000;
    let previous = '';
    let since = Date.now();
    for (;;) {
      const a = await application(name);
      const now = JSON.stringify({
        status: { ...a.status, reconciledAt: undefined },
        operation: a.operation ?? null,
        refresh: a.metadata.annotations?.['argocd.argoproj.io/refresh'] ?? null,
      });
      if (now !== previous) {
        previous = now;
        since = Date.now();
      }
      const retrying = /Retrying attempt/.test(
        a.status?.operationState?.message ?? '',
      );
      const quiet = Date.now() - since;
      if (!retrying && quiet >= (idle(a) ? quietMs : 15_000)) return a;
      if (Date.now() > deadline) {
        throw new Error(`${name} did not settle: ${now}`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  };

  const refresh: WebCoreStack['refresh'] = async (name, type = 'normal') => {
    await argo!.refresh(name, type);
    await waitFor(
      name,
      a => !a.metadata.annotations?.['argocd.argoproj.io/refresh'],
      `${name} refreshed`,
    );
  };

  const devApps = apps.filter(a => a.application !== false);
  const deadline = Date.now() + timeoutMs;
  try {
    for (const spec of devApps) {
      const { application: name } = webCoreNames(spec);
      await waitFor(
        name,
        a =>
          a.status?.sync?.status === 'Synced' &&
          a.status?.health?.status === 'Healthy' &&
          idle(a),
        `${name} Synced and Healthy`,
        Math.max(10_000, deadline - Date.now()),
      );
    }
    if (devApps.some(a => a.applicationSet)) {
      const landings = await application(
        webCoreNames(devApps.find(a => a.applicationSet)!).application,
      );
      if (
        !landings.metadata.ownerReferences?.some(
          o => o.name === WEB_CORE_APPLICATION_SET,
        )
      ) {
        throw new Error(
          `${landings.metadata.name} is not owned by ApplicationSet ${WEB_CORE_APPLICATION_SET}`,
        );
      }
    }
  } catch (error) {
    await close();
    throw error;
  }

  let contextReady: Promise<void> | undefined;
  const contextName = kc.getCurrentContext();
  const useContext = (home: string, kubeconfig: string) =>
    okteto(['context', 'use', contextName], {
      kubeconfig,
      home,
      cwd: workspace,
    }).then(r => {
      if (r.code !== 0) {
        throw new Error(`okteto context use: ${r.stdout}${r.stderr}`);
      }
    });
  const ensureContext = () => {
    contextReady ??= useContext(oktetoHome, cluster.kubeconfigPath);
    return contextReady;
  };
  const manifestArgs = ['-f', '.okteto/okteto.yml'];
  // okteto asks whether to infer a .stignore where the sync folder has none (cmd/up/stignore.go);
  // the developer answers yes (OKTETO_AUTOGENERATE_STIGNORE, the flag the prompt stands for)
  const oktetoEnv = { OKTETO_AUTOGENERATE_STIGNORE: 'true' };

  const devPodRunning = async (namespace: string, dev: string) => {
    const pods = await core.listNamespacedPod({
      namespace,
      labelSelector: `${INTERACTIVE_DEV_LABEL}=${dev}`,
    });
    return pods.items.some(
      p => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp,
    );
  };

  const run = async (
    command: 'up' | 'down',
    app: string,
    runOptions: OktetoRunOptions,
  ) => {
    await ensureContext();
    const spec = apps.find(a => a.app === app) ?? { app };
    const n = webCoreNames(spec);
    const until = runOptions.until ?? (command === 'up' ? 'running' : 'exit');
    return okteto(
      [
        command,
        n.devName,
        '--namespace',
        n.namespace,
        ...manifestArgs,
        ...(runOptions.args ?? []),
      ],
      {
        kubeconfig: cluster.kubeconfigPath,
        home: oktetoHome,
        cwd: workspace,
        env: oktetoEnv,
        timeoutMs: runOptions.timeoutMs ?? 120_000,
        ...(typeof until === 'function' ? { stopWhen: until } : {}),
        ...(until === 'running'
          ? { stopWhen: () => devPodRunning(n.namespace, n.devName) }
          : {}),
      },
    );
  };

  const stack: WebCoreStack = {
    cluster,
    kc,
    argo: argo!,
    repo,
    apps,
    workspace,
    dir,
    application,
    refresh,
    waitFor,
    settle,
    async push(files, message, refreshApps = []) {
      const sha = repo.push(files, message);
      execFileSync('git', ['pull', '-q', '--ff-only'], {
        cwd: workspace,
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
      });
      for (const name of refreshApps) await refresh(name);
      return sha;
    },
    async deployment(namespace, name) {
      try {
        return await appsApi.readNamespacedDeployment({ namespace, name });
      } catch (e) {
        if ((e as { code?: number }).code === 404) return undefined;
        throw e;
      }
    },
    oktetoUp: (app, runOptions = {}) => run('up', app, runOptions),
    oktetoDown: (app, runOptions = {}) => run('down', app, runOptions),
    async oktetoInterrupted(command, app, after) {
      const spec = apps.find(a => a.app === app) ?? { app };
      const n = webCoreNames(spec);
      const proxyDir = fs.mkdtempSync(path.join(dir, 'interrupted-'));
      const proxy = await startInterruptingProxy(
        cluster,
        call => after(call, n),
        proxyDir,
        contextName,
      );
      proxies.push(proxy);
      const home = path.join(proxyDir, 'okteto-home');
      await useContext(home, proxy.kubeconfigPath);
      const result = await okteto(
        [command, n.devName, '--namespace', n.namespace, ...manifestArgs],
        {
          kubeconfig: proxy.kubeconfigPath,
          home,
          cwd: workspace,
          env: oktetoEnv,
          timeoutMs: 120_000,
          stopWhen: async () => proxy.isTripped(),
          stopSignal: 'SIGKILL',
        },
      );
      if (!proxy.isTripped()) {
        throw new Error(
          `okteto ${command} ended before the interruption (${result.code}): ${result.stdout}${result.stderr}`,
        );
      }
      const lastCall = await proxy.tripped;
      await proxy.close();
      proxies.splice(proxies.indexOf(proxy), 1);
      return { result, lastCall, calls: proxy.calls };
    },
    async setTrackingMethod(method) {
      // the controller drops its cluster cache when the setting changes
      // (controller/cache/cache.go watchSettings → invalidate): wait for that, then compare again
      const log = argo!.logs['argocd-application-controller'];
      const before = fs.statSync(log).size;
      await core.patchNamespacedConfigMap(
        {
          name: 'argocd-cm',
          namespace: WEB_CORE_ARGO_NAMESPACE,
          body: { data: { 'application.resourceTrackingMethod': method } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      const invalidatedBy = Date.now() + 60_000;
      for (;;) {
        const fd = fs.openSync(log, 'r');
        const size = fs.fstatSync(fd).size;
        const buffer = Buffer.alloc(Math.max(0, size - before));
        fs.readSync(fd, buffer, 0, buffer.length, before);
        fs.closeSync(fd);
        if (buffer.toString('utf8').includes('live state cache invalidated')) {
          break;
        }
        if (Date.now() > invalidatedBy) {
          throw new Error('Argo CD did not take the new tracking method');
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      for (const spec of devApps) {
        await refresh(webCoreNames(spec).application);
      }
    },
    close,
  };
  return stack;
}
