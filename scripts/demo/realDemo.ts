/*
 * The demo on the real stack (`npm start -- --real`, e2e/realBrowser.ts): the real cluster
 * (packages/real-cluster), web-core on it with the real Argo CD and the okteto CLI
 * (startWebCoreStack), okteto-dev's service account with deploy/rbac/'s live rules, the GitHub
 * stand-in serving the same web-core files, and the local Backstage reading the cluster with that
 * service account's token. A pull request merged on the stand-in is committed to the file://
 * repository Argo CD reads, so the root Application picks up what it adds.
 */
import {
  CoreV1Api,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import {
  RealCluster,
  startRealCluster,
} from '../../packages/real-cluster/src/index';
import {
  readTree,
  startWebCoreStack,
  WEB_CORE_EXAMPLE_DIR,
  WEB_CORE_ROOT_APPLICATION,
  WEB_CORE_STACK_APPS,
  webCoreNames,
  webCoreReleaseValues,
  webCoreRepoFiles,
  WebCoreAppSpec,
  WebCoreStack,
} from '../../packages/real-cluster/src/webcore';
import { prepareOktetoHome } from '../../packages/real-cluster/src/okteto';
import { rbacManifest } from '../../plugins/okteto-dev-backend/src/__testUtils__/rbac';
import {
  GithubStandIn,
  StandInPullRequest,
  startGithubStandIn,
} from '../../plugins/scaffolder-backend-module-okteto-dev/src/testing/githubStandIn';
import { DEMO_DIR, DEMO_GITHUB_USERS, ROOT, startBackend } from './demo';

/** Where okteto-dev's service account lives (deploy/rbac/README.md, web-core's value). */
export const OKTETO_DEV_NAMESPACE = 'backstage';
/** The app the real demo leaves for the "Enable Okteto" flow: no Application, no dev entry. */
export const NOT_ENABLED_APP = 'saas';

/**
 * The apps of the real demo: the stack's, with saas (no Application yet) ready to be enabled as a
 * web-core app would be before its first deploy: its env Secret made by the platform, its
 * package.json committed by its developers, its release values written by CI (the sandbox example
 * keeps saas without a package.json to show a guessed package; the template refuses a folder
 * without one). No dev values: the template writes them (and refuses to overwrite existing ones).
 */
export const REAL_DEMO_APPS: WebCoreAppSpec[] = WEB_CORE_STACK_APPS.map(a =>
  a.app === NOT_ENABLED_APP ? { ...a, envSecret: true } : a,
);

/** The extra files of saas described at {@link REAL_DEMO_APPS}. */
function notEnabledAppFiles(): Record<string, string> {
  return {
    [`apps/${NOT_ENABLED_APP}/package.json`]: `${JSON.stringify(
      {
        name: `@synestra/${NOT_ENABLED_APP}`,
        private: true,
        scripts: { dev: 'next dev --port 3000', build: 'next build' },
      },
      null,
      2,
    )}\n`,
    [`deploy/env/release-dev/${NOT_ENABLED_APP}.yaml`]: webCoreReleaseValues({
      app: NOT_ENABLED_APP,
    }),
  };
}

export interface RealDemo {
  url: string;
  cluster: RealCluster;
  stack: WebCoreStack;
  github: GithubStandIn;
  /** The service account's token the backend reads the cluster with. */
  token: string;
  /**
   * The environment for the okteto CLI by hand: a home of its own with Debian's syncthing in it
   * (okteto would otherwise download one), the cluster's kubeconfig.
   */
  oktetoEnv: Record<string, string>;
  /**
   * Merges a pull request of the stand-in as GitHub would, and commits what it changed to main of
   * the file:// repository Argo CD reads (one real git commit), then refreshes the root
   * Application as GitHub's webhook would. Returns the commit's sha.
   */
  merge(pull: StandInPullRequest): Promise<string>;
  stop(): Promise<void>;
}

/** deploy/rbac/README.md, live mode, one dev-namespace.yaml per dev namespace. */
async function applyRbac(stack: WebCoreStack) {
  const vars = {
    OKTETO_DEV_NAMESPACE,
    ARGOCD_NAMESPACE: 'argo',
  };
  const objects = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: OKTETO_DEV_NAMESPACE },
    },
    ...rbacManifest('service-account.yaml', vars),
    ...rbacManifest('live/argocd.yaml', vars),
    ...rbacManifest('live/workloads.yaml', vars),
    ...stack.apps.flatMap(spec =>
      rbacManifest('live/dev-namespace.yaml', {
        ...vars,
        DEV_NAMESPACE: webCoreNames(spec).namespace,
      }),
    ),
  ] as KubernetesObject[];
  const client = KubernetesObjectApi.makeApiClient(stack.kc);
  for (const object of objects) await client.create(object);
  const request = await stack.kc
    .makeApiClient(CoreV1Api)
    .createNamespacedServiceAccountToken({
      namespace: OKTETO_DEV_NAMESPACE,
      name: 'okteto-dev',
      body: { spec: { audiences: [], expirationSeconds: 24 * 3600 } },
    });
  return request.status!.token;
}

/**
 * Starts the real demo: about 30 to 60 s for the cluster and Argo CD's first sync of every app,
 * then the backend (the app must be built: scripts/tasks/start.mjs does it).
 */
export async function startRealDemo(
  options: {
    log?: (line: string) => void;
    backendLog?: string;
    /** Backstage's port (default 7007, app-config.yaml's). */
    port?: number;
  } = {},
): Promise<RealDemo> {
  const log = options.log ?? (() => {});
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await stop().catch(e =>
        log(`stopping: ${(e as Error).message ?? String(e)}`),
      );
    }
  };
  try {
    let t = Date.now();
    const cluster = await startRealCluster({ shared: false });
    stops.push(() => cluster.close());
    log(
      `real cluster ${cluster.version} at ${cluster.url} (${
        Date.now() - t
      } ms)`,
    );
    t = Date.now();
    const stack = await startWebCoreStack(cluster, { apps: REAL_DEMO_APPS });
    stops.push(() => stack.close());
    // saas's package.json and release values, as its developers and CI commit them (one commit)
    await stack.push(
      notEnabledAppFiles(),
      `${NOT_ENABLED_APP}: package and release values`,
    );
    log(
      `real Argo CD synced every web-core dev Application (${
        Date.now() - t
      } ms); repository ${stack.repo.url}`,
    );
    const token = await applyRbac(stack);
    log(
      `service account ${OKTETO_DEV_NAMESPACE}/okteto-dev with deploy/rbac's live rules`,
    );
    const files = {
      ...webCoreRepoFiles(REAL_DEMO_APPS, readTree(WEB_CORE_EXAMPLE_DIR)),
      ...notEnabledAppFiles(),
    };
    const github = await startGithubStandIn(
      [{ owner: 'NeoGrAIph', name: 'web-core', files }],
      { users: DEMO_GITHUB_USERS },
    );
    stops.push(() => github.close());
    log(`GitHub stand-in serving NeoGrAIph/web-core at ${github.url}`);
    fs.mkdirSync(DEMO_DIR, { recursive: true });
    const backend = await startBackend({
      log,
      logFile: options.backendLog ?? path.join(DEMO_DIR, 'backend-real.log'),
      port: options.port,
      env: {
        OKTETO_DEV_SANDBOX_URL: cluster.url,
        OKTETO_DEV_SANDBOX_TOKEN: token,
        OKTETO_DEV_SANDBOX_CA: Buffer.from(cluster.ca).toString('base64'),
        OKTETO_DEV_GITHUB_API: github.apiBaseUrl,
      },
    });
    stops.push(() => backend.stop());
    const merge = async (pull: StandInPullRequest) => {
      const changed = github.diff(pull.owner, pull.repo, pull.base, pull.head);
      const head = github.files(pull.owner, pull.repo, pull.head);
      github.merge(pull);
      // into the repository itself, not through the developer's checkout (stack.push pulls there,
      // and okteto up left an untracked .stignore in it that the pull request adds too)
      const sha = stack.repo.push(
        Object.fromEntries(changed.map(f => [f, head[f] ?? null])),
        `Merge pull request #${pull.number} from ${pull.head}\n\n${pull.title}`,
      );
      await stack.refresh(WEB_CORE_ROOT_APPLICATION);
      return sha;
    };
    const oktetoHome = path.join(stack.dir, 'okteto-home-by-hand');
    const oktetoEnv = {
      ...(prepareOktetoHome(oktetoHome, cluster.kubeconfigPath) as Record<
        string,
        string
      >),
      OKTETO_AUTOGENERATE_STIGNORE: 'true',
    };
    return {
      url: backend.url,
      cluster,
      stack,
      github,
      token,
      oktetoEnv,
      merge,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** What `npm start -- --real` prints: how to drive the stack by hand. */
export function realDemoHelp(demo: RealDemo): string[] {
  const okteto = path.join(ROOT, '.cache', 'real-cluster', 'bin', 'okteto');
  const dev = 'web-synestra-io-dev';
  return [
    `kubectl --kubeconfig ${demo.cluster.kubeconfigPath} -n argo get applications`,
    "Okteto dev mode on synestra-io with the real okteto CLI, from the developer's checkout:",
    `  cd ${demo.stack.workspace}`,
    `  export ${[
      'KUBECONFIG',
      'OKTETO_HOME',
      'OKTETO_SYNCTHING_VERSION',
      'OKTETO_AUTOGENERATE_STIGNORE',
    ]
      .map(k => `${k}=${demo.oktetoEnv[k]}`)
      .join(' ')}`,
    `  ${okteto} context use ${demo.stack.kc.getCurrentContext()}`,
    `  ${okteto} up ${dev} --namespace ${dev} -f .okteto/okteto.yml`,
    '  (the dev pod runs on a kwok Node, which has no kubelet: okteto then fails at its SSH',
    '   port-forward; stop it with Ctrl-C, the session stays as a developer who closed the terminal',
    '   leaves it)',
    `  ${okteto} down ${dev} --namespace ${dev} -f .okteto/okteto.yml`,
    `A commit to main, in the repository Argo CD reads (${demo.stack.repo.dir}):`,
    `  git -C ${demo.stack.repo.dir} commit -am "…" after editing e.g. deploy/env/dev/synestra-io.yaml there;`,
    '  Argo CD picks it up within 10 s (timeout.reconciliation); during dev mode: the conflict.',
  ];
}
