import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  canConnect,
  ensureTool,
  freePort,
  httpStatus,
  Proc,
  startProcess,
  waitReady,
} from './process';
import { makeServerTls, request, ServerTls } from './tls';

export { createGitRepo } from './git';
export type { GitRepo } from './git';
export { ensureTool, toolsBinDir } from './process';
export { makeServerTls, request } from './tls';
export type { ServerTls } from './tls';

/** The Argo CD release built by scripts/build-argocd-okteto.mjs (go/argocd/go.mod). */
export const ARGOCD_MODULE = 'github.com/argoproj/argo-cd/v3';
export const ARGOCD_VERSION = 'v3.6.2';

const FIELD_MANAGER = 'okteto-dev-real-cluster';
// this package runs from source (tests, scripts), never bundled
// eslint-disable-next-line no-restricted-syntax
const argocdModuleDir = path.resolve(__dirname, '..', '..', 'go', 'argocd');

export interface ArgoCdOptions {
  /** The cluster's kubeconfig (its current context is the cluster Argo CD manages as in-cluster). */
  kubeconfigPath: string;
  /** Argo CD's control-plane namespace (created when missing). Default `argocd`. */
  namespace?: string;
  /** Run argocd-server (default true). It creates the `default` AppProject and the admin password. */
  server?: boolean;
  /** argocd-server with `--disable-auth` (as upstream's Procfile runs it). Default false: real auth. */
  disableAuth?: boolean;
  /**
   * argocd-server over HTTPS (default false: `--insecure`, plain http on loopback): a CA of its
   * own signs a certificate for 127.0.0.1 and localhost, given to argocd-server as the Secret
   * `argocd-server-tls` (util/settings/settings.go reads it before argocd-secret's self-signed
   * one), and `ca`/`caFile` of the handle are what a client trusts.
   */
  tls?: boolean;
  /** Run argocd-applicationset-controller (default false). */
  applicationSet?: boolean;
  /** Local accounts with the apiKey capability (argocd-cm `accounts.<name>: apiKey`). */
  accounts?: string[];
  /** argocd-rbac-cm `policy.csv` and `policy.default`. */
  rbac?: { policyCsv?: string; policyDefault?: string };
  /** More argocd-cm keys (e.g. `application.resourceTrackingMethod: label`). */
  config?: Record<string, string>;
  /**
   * argocd-cm `timeout.reconciliation` in seconds: how often apps are compared with git again
   * without a change (upstream default 120 s, +jitter). Default 10 for tests.
   */
  reconciliationSeconds?: number;
  /** Directory for logs and state (default: a new temp dir, removed by close()). */
  dir?: string;
  /** Keep `dir` after close() (default: keep only when given). */
  keepDir?: boolean;
  /** Log level of the Argo CD processes (default info). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Give up when a component is not ready within this time (default 120 s). */
  timeoutMs?: number;
}

export interface ArgoCd {
  namespace: string;
  kubeconfigPath: string;
  /**
   * http://127.0.0.1:<port> of argocd-server (https:// with `tls`; undefined with
   * `server: false`).
   */
  serverUrl: string | undefined;
  /** With `tls`: the CA that signed argocd-server's certificate (PEM) and its file. */
  ca: string | undefined;
  caFile: string | undefined;
  /** 127.0.0.1:<port> of the repo-server (gRPC over TLS). */
  repoServerAddress: string;
  /** 127.0.0.1:<port> of Redis. */
  redisAddress: string;
  /** The admin password argocd-server generated (argocd-initial-admin-secret). */
  adminPassword: string | undefined;
  dir: string;
  /** Log file per process. */
  logs: Record<string, string>;
  pids(): number[];
  /** A session token for `username` (POST /api/v1/session). */
  login(username?: string, password?: string): Promise<string>;
  /**
   * An API token of a local account (one of `accounts`), as `argocd account generate-token` does:
   * POST /api/v1/account/<name>/token with the admin's session.
   */
  generateToken(
    account: string,
    options?: { id?: string; expiresIn?: number },
  ): Promise<string>;
  /**
   * Asks the controller to compare the Application again now, as `argocd app get --refresh` and
   * git webhooks do: the annotation argocd.argoproj.io/refresh (`hard` also drops cached manifests).
   */
  refresh(app: string, type?: 'normal' | 'hard'): Promise<void>;
  /**
   * Runs the `argocd` CLI against this server (`--server`, then `--plaintext`, or with `tls`
   * `--server-crt <caFile>`, and the auth token given).
   */
  cli(args: string[], options?: { authToken?: string }): string;
  /** Stops every process and removes the temp dir. */
  close(): Promise<void>;
}

/** The argo-cd module in the Go module cache (downloaded when missing), to read its manifests. */
export function argoCdModuleDir(): string {
  const out = execFileSync(
    'go',
    ['mod', 'download', '-json', `${ARGOCD_MODULE}@${ARGOCD_VERSION}`],
    {
      cwd: argocdModuleDir,
      env: { ...process.env, GOTOOLCHAIN: 'go1.27.3' },
      encoding: 'utf8',
    },
  );
  const dir = JSON.parse(out).Dir as string | undefined;
  if (!dir || !fs.existsSync(dir)) {
    throw new Error(
      `go mod download gave no directory for ${ARGOCD_MODULE}@${ARGOCD_VERSION}`,
    );
  }
  return dir;
}

/** The YAML documents of the upstream files (manifests/crds, manifests/base/config). */
export function upstreamManifests(
  moduleDir: string,
  folder: string,
): KubernetesObject[] {
  const dir = path.join(moduleDir, folder);
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .sort()
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))
        .map(d => d.toJS() as KubernetesObject)
        .filter(Boolean),
    );
}

async function apply(client: KubernetesObjectApi, object: KubernetesObject) {
  return client.patch(
    object,
    undefined,
    undefined,
    FIELD_MANAGER,
    true,
    PatchStrategy.ServerSideApply,
  );
}

async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${last ? `: ${last}` : ''}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/**
 * Starts Argo CD on a cluster the way its Procfile runs it outside Kubernetes: every process from
 * the one `argocd` binary, chosen by ARGOCD_BINARY_NAME, with ARGOCD_FAKE_IN_CLUSTER=true (the
 * in-cluster destination then takes the KUBECONFIG env: pkg/apis/application/v1alpha1/types.go,
 * rawRestConfig), on a Redis of its own; Argo CD's CRDs and config maps are applied from the
 * module's manifests/ (in the Go module cache), into `namespace`.
 */
export async function startArgoCd(options: ArgoCdOptions): Promise<ArgoCd> {
  const {
    kubeconfigPath,
    namespace = 'argocd',
    server: withServer = true,
    disableAuth = false,
    tls = false,
    applicationSet = false,
    accounts = [],
    rbac = {},
    config = {},
    reconciliationSeconds = 10,
    logLevel = 'info',
    timeoutMs = 120_000,
  } = options;
  const argocd = ensureTool('argocd');
  const helm = ensureTool('helm');
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-'));
  const keepDir = options.keepDir ?? options.dir !== undefined;
  for (const sub of ['logs', 'tmp', 'tls', 'ssh', 'gpg', 'home', 'bin']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  const procs: Proc[] = [];
  const close = async () => {
    for (const p of [...procs].reverse()) await p.stop();
    if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const core = kc.makeApiClient(CoreV1Api);
    const moduleDir = argoCdModuleDir();

    // CRDs: manifests/crds (Application, ApplicationSet, AppProject), then wait until Established.
    const crds = upstreamManifests(moduleDir, 'manifests/crds');
    for (const crd of crds) await apply(objects, crd);
    for (const crd of crds) {
      await until(
        async () => {
          const got = (await objects.read({
            apiVersion: crd.apiVersion!,
            kind: crd.kind!,
            metadata: { name: crd.metadata!.name! },
          })) as KubernetesObject & {
            status?: { conditions?: { type: string; status: string }[] };
          };
          return got.status?.conditions?.some(
            c => c.type === 'Established' && c.status === 'True',
          )
            ? true
            : undefined;
        },
        `CRD ${crd.metadata!.name} Established`,
        timeoutMs,
      );
    }

    try {
      await core.readNamespace({ name: namespace });
    } catch {
      await core.createNamespace({ body: { metadata: { name: namespace } } });
    }

    // manifests/base/config: argocd-cm (with its default exclusions), argocd-secret, argocd-rbac-cm,
    // argocd-cmd-params-cm, the gpg/ssh/tls config maps; all labelled app.kubernetes.io/part-of: argocd
    // (util/settings/settings.go reads only those).
    const ours: Record<string, Record<string, string>> = {
      'argocd-cm': {
        'timeout.reconciliation': `${reconciliationSeconds}s`,
        ...Object.fromEntries(accounts.map(a => [`accounts.${a}`, 'apiKey'])),
        ...config,
      },
      'argocd-rbac-cm': {
        ...(rbac.policyCsv !== undefined
          ? { 'policy.csv': rbac.policyCsv }
          : {}),
        ...(rbac.policyDefault !== undefined
          ? { 'policy.default': rbac.policyDefault }
          : {}),
      },
    };
    for (const object of upstreamManifests(
      moduleDir,
      'manifests/base/config',
    )) {
      const name = object.metadata!.name!;
      const withData = object as KubernetesObject & {
        data?: Record<string, string>;
      };
      const data = { ...(withData.data ?? {}), ...(ours[name] ?? {}) };
      const body = {
        ...object,
        metadata: { ...object.metadata, namespace },
        ...(Object.keys(data).length ? { data } : {}),
      };
      if (name === 'argocd-secret' && !withServer) {
        // argocd-server fills server.secretkey (util/settings InitializeSettings); without it, we do.
        (body as { stringData?: Record<string, string> }).stringData = {
          'server.secretkey': randomBytes(32).toString('base64'),
        };
      }
      await apply(objects, body);
    }

    // The image's /usr/local/bin scripts (Dockerfile: COPY hack/gpg-wrapper.sh
    // hack/git-verify-wrapper.sh): repo-server runs git-verify-wrapper.sh on every revision it
    // renders, GPG on or off (reposerver/repository/repository.go, VerifyCommitSignature), and
    // answers "permission denied" when it is not on the PATH. Copied from the module at run time.
    for (const script of ['git-verify-wrapper.sh', 'gpg-wrapper.sh']) {
      const target = path.join(dir, 'bin', script);
      fs.copyFileSync(path.join(moduleDir, 'hack', script), target);
      fs.chmodSync(target, 0o755);
    }

    const redisPort = await freePort();
    const repoPort = await freePort();
    const redisAddress = `127.0.0.1:${redisPort}`;
    const repoServerAddress = `127.0.0.1:${repoPort}`;
    const logs: Record<string, string> = {};
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: [
        path.join(dir, 'bin'),
        path.dirname(helm),
        process.env.PATH ?? '/usr/bin:/bin',
      ].join(':'),
      HOME: path.join(dir, 'home'),
      TMPDIR: path.join(dir, 'tmp'),
      KUBECONFIG: kubeconfigPath,
      ARGOCD_FAKE_IN_CLUSTER: 'true',
      ARGOCD_TLS_DATA_PATH: path.join(dir, 'tls'),
      ARGOCD_SSH_DATA_PATH: path.join(dir, 'ssh'),
      ARGOCD_GNUPGHOME: path.join(dir, 'gpg'),
      ARGOCD_GPG_ENABLED: 'false',
      // as manifests/base (repo-server deployment, controller statefulset) pass argocd-cm's
      // timeout.reconciliation: the controller's resync and the repo-server's revision cache
      // (reposerver/cache/cache.go, --revision-cache-expiration) both follow it
      ARGOCD_RECONCILIATION_TIMEOUT: `${reconciliationSeconds}s`,
      ARGOCD_CONTROLLER_REPLICAS: '1',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    const start = (
      binaryName: string,
      args: string[],
      env: NodeJS.ProcessEnv = {},
    ) => {
      const logFile = path.join(dir, 'logs', `${binaryName}.log`);
      logs[binaryName] = logFile;
      const proc = startProcess(binaryName, argocd, args, {
        env: { ...baseEnv, ...env, ARGOCD_BINARY_NAME: binaryName },
        logFile,
      });
      procs.push(proc);
      return proc;
    };

    // Redis: Debian's redis-server, loopback, no persistence.
    const redisLog = path.join(dir, 'logs', 'redis.log');
    logs.redis = redisLog;
    const redis = startProcess(
      'redis',
      'redis-server',
      [
        '--port',
        String(redisPort),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { env: process.env, logFile: redisLog },
    );
    procs.push(redis);
    await waitReady(redis, () => canConnect(redisPort), timeoutMs);

    const common = [
      '--loglevel',
      logLevel,
      '--logformat',
      'text',
      '--redis',
      redisAddress,
    ];
    const kube = ['--kubeconfig', kubeconfigPath, '--namespace', namespace];

    const repoServer = start('argocd-repo-server', [
      ...common,
      '--address',
      '127.0.0.1',
      '--port',
      String(repoPort),
      '--metrics-address',
      '127.0.0.1',
      '--metrics-port',
      String(await freePort()),
    ]);
    await waitReady(repoServer, () => canConnect(repoPort), timeoutMs);

    let serverUrl: string | undefined;
    let serverTls: ServerTls | undefined;
    if (withServer) {
      const port = await freePort();
      if (tls) {
        serverTls = makeServerTls(path.join(dir, 'server-tls'));
        // common/common.go ArgoCDServerTLSSecretName; type and keys as cert-manager writes them
        await apply(objects, {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'kubernetes.io/tls',
          metadata: {
            name: 'argocd-server-tls',
            namespace,
            labels: { 'app.kubernetes.io/part-of': 'argocd' },
          },
          stringData: { 'tls.crt': serverTls.cert, 'tls.key': serverTls.key },
        } as KubernetesObject);
      }
      serverUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
      const server = start('argocd-server', [
        ...common,
        ...kube,
        ...(tls ? [] : ['--insecure']),
        ...(disableAuth ? ['--disable-auth'] : []),
        '--address',
        '127.0.0.1',
        '--port',
        String(port),
        '--metrics-address',
        '127.0.0.1',
        '--metrics-port',
        String(await freePort()),
        '--repo-server',
        repoServerAddress,
        // no Dex here; nothing dials it unless SSO is configured
        '--dex-server',
        'http://127.0.0.1:1',
        '--staticassets',
        path.join(dir, 'tmp'),
      ]);
      const url = serverUrl;
      const ca = serverTls?.ca;
      await waitReady(
        server,
        async () => (await httpStatus(`${url}/healthz`, { ca })) === 200,
        timeoutMs,
      );
    } else {
      // the AppProject argocd-server would create (server/server.go, initializeDefaultProject)
      await apply(objects, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'default', namespace },
        spec: {
          sourceRepos: ['*'],
          destinations: [{ server: '*', namespace: '*' }],
          clusterResourceWhitelist: [{ group: '*', kind: '*' }],
        },
      } as KubernetesObject);
    }

    // The controller's metrics listener has no address flag: it binds 0.0.0.0:<port>
    // (controller/appcontroller.go, metricsAddr).
    const controllerMetrics = await freePort();
    const controller = start('argocd-application-controller', [
      ...common,
      ...kube,
      '--repo-server',
      repoServerAddress,
      '--metrics-port',
      String(controllerMetrics),
    ]);
    await waitReady(
      controller,
      async () =>
        (await httpStatus(`http://127.0.0.1:${controllerMetrics}/metrics`)) ===
        200,
      timeoutMs,
    );

    if (applicationSet) {
      const webhook = await freePort();
      const appset = start('argocd-applicationset-controller', [
        '--loglevel',
        logLevel,
        '--logformat',
        'text',
        ...kube,
        '--argocd-repo-server',
        repoServerAddress,
        '--metrics-addr',
        `127.0.0.1:${await freePort()}`,
        '--probe-addr',
        `127.0.0.1:${await freePort()}`,
        '--webhook-addr',
        `127.0.0.1:${webhook}`,
        '--enable-scm-providers=false',
      ]);
      await waitReady(appset, () => canConnect(webhook), timeoutMs);
    }

    let adminPassword: string | undefined;
    if (withServer) {
      adminPassword = await until(
        async () => {
          const secret = await core.readNamespacedSecret({
            name: 'argocd-initial-admin-secret',
            namespace,
          });
          const b64 = secret.data?.password;
          return b64 ? Buffer.from(b64, 'base64').toString('utf8') : undefined;
        },
        'argocd-initial-admin-secret',
        timeoutMs,
      );
    }

    const post = async (url: string, body: unknown, token?: string) => {
      const res = await request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
        ca: serverTls?.ca,
      });
      if (res.status < 200 || res.status >= 300) {
        throw new Error(`POST ${url}: ${res.status} ${res.body}`);
      }
      return JSON.parse(res.body) as { token?: string };
    };

    const handle: ArgoCd = {
      namespace,
      kubeconfigPath,
      serverUrl,
      ca: serverTls?.ca,
      caFile: serverTls?.caFile,
      repoServerAddress,
      redisAddress,
      adminPassword,
      dir,
      logs,
      pids: () => procs.filter(p => p.running()).map(p => p.pid),
      async login(username = 'admin', password = adminPassword) {
        if (!serverUrl)
          throw new Error('argocd-server is not running (server: false)');
        // server/session/session.go: Create
        const { token } = await post(`${serverUrl}/api/v1/session`, {
          username,
          password,
        });
        if (!token) throw new Error('no session token');
        return token;
      },
      async generateToken(account, { id, expiresIn } = {}) {
        if (!serverUrl)
          throw new Error('argocd-server is not running (server: false)');
        const session = await handle.login();
        // server/account/account.go: CreateToken
        const { token } = await post(
          `${serverUrl}/api/v1/account/${encodeURIComponent(account)}/token`,
          {
            name: account,
            ...(id ? { id } : {}),
            ...(expiresIn ? { expiresIn } : {}),
          },
          session,
        );
        if (!token) throw new Error(`no token for account ${account}`);
        return token;
      },
      async refresh(app, type = 'normal') {
        await kc.makeApiClient(CustomObjectsApi).patchNamespacedCustomObject(
          {
            group: 'argoproj.io',
            version: 'v1alpha1',
            namespace,
            plural: 'applications',
            name: app,
            body: {
              metadata: { annotations: { 'argocd.argoproj.io/refresh': type } },
            },
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        );
      },
      cli(args, { authToken } = {}) {
        if (!serverUrl)
          throw new Error('argocd-server is not running (server: false)');
        return execFileSync(
          argocd,
          [
            '--server',
            serverUrl.replace(/^https?:\/\//, ''),
            ...(serverTls
              ? ['--server-crt', serverTls.caFile]
              : ['--plaintext']),
            ...(authToken ? ['--auth-token', authToken] : []),
            ...args,
          ],
          {
            env: { ...baseEnv, ARGOCD_BINARY_NAME: 'argocd' },
            encoding: 'utf8',
          },
        );
      },
      close,
    };
    return handle;
  } catch (error) {
    await close();
    throw error;
  }
}
