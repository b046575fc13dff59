// The real kube-apiserver under the benches, beside the sandbox: packages/real-cluster
// (kube-apiserver v1.36.3 with RBAC and Pod Security admission, kube-controller-manager,
// kube-scheduler, embedded etcd, kwok for Nodes and pod states), started once per bench run,
// with web-core's objects on it:
// - Argo CD's own CRDs (argo-cd v3.6.2 manifests/crds, from the Go module the real-cluster build
//   uses) and the scenario's Applications and ApplicationSet as the sandbox's Argo CD simulation
//   left them after loading the scenario, status included (applied by hand: reads need no Argo CD);
// - the scenario's Namespaces (blog's enforces Pod Security "restricted"), Deployments, Services,
//   ConfigMaps and Secrets; the real controllers and kwok make the ReplicaSets and Pods (landings'
//   pods crash-loop through our kwok Stage);
// - dev mode written by the real okteto CLI (`okteto up` on a plain Kubernetes context, as
//   packages/real-cluster/src/okteto/okteto.test.ts runs it) with web-core's own okteto manifest
//   (examples/web-core-repo/.okteto/okteto.yml), then what Argo CD did after it in the scenario
//   (shop's selfHeal put the original back to 1 replica; payload-core's new commit pruned the
//   clone), done with kubectl as Argo CD's apply and prune would;
// - okteto-dev's service account with deploy/rbac's live-mode rules (a superset of polling's) in
//   every dev namespace but web-secret-dev (the namespace the sandbox forbids), and the Kubernetes
//   plugin's service account with Backstage's documented read-only ClusterRole
//   (docs/features/kubernetes/configuration.md, "Role Based Access Control") plus the Argo CD
//   Applications it is configured to read.
//
// Requests are counted by the API server's own audit log (--audit-policy-file: Metadata level
// for those two service accounts, nothing for anyone else; --audit-log-maxsize=0: one plain file,
// no rotation; --audit-log-mode=blocking, upstream's default). Why not a counting proxy: a proxy
// would add a TLS hop to every request the latency cells time and to the round trip that is their
// baseline, and could not tell our requests from the controllers' and kwok's without knowing the
// tokens; the audit log is written by the server, per identity, with when each request arrived
// and finished (k8s.io/apiserver pkg/endpoints/filters/audit.go: the ResponseComplete event is
// written after the handler returns, so a reader waits until the file stops growing).
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  KubeObject,
  loadScenario,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import { rbacManifest } from '@okteto-dev/plugin-okteto-dev-backend/src/__testUtils__/rbac';
import {
  RealCluster,
  realClusterBinary,
  startRealCluster,
  STATE_LABEL,
} from '@okteto-dev/real-cluster';
import {
  argoCdModuleDir,
  upstreamManifests,
} from '@okteto-dev/real-cluster/src/argocd';
import {
  INTERACTIVE_DEV_LABEL,
  okteto,
  OktetoResult,
} from '@okteto-dev/real-cluster/src/okteto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import {
  BenchCluster,
  ClusterRequest,
  httpsGetter,
  measureRoundTrip,
} from './cluster';
import { ROOT, say, sleep } from './lib';

/** The apps the cost, cold-view and latency benches read (and the forbidden one). */
const APPS = [
  'corporate',
  'synestra-io',
  'shop',
  'landings',
  'saas',
  'payload-core',
  'blog',
  'secret',
];
/** Of those, the ones the scenario puts in dev mode (its okteto sessions). */
const DEV_APPS = ['synestra-io', 'shop', 'payload-core', 'blog'];
const namespaceOf = (app: string) =>
  `web-${app === 'payload-core' ? 'payload' : app}-dev`;
const workloadOf = (app: string) => `${namespaceOf(app)}-web-app`;
/** The namespace the sandbox's token may not read: no RoleBinding there. */
const FORBIDDEN = 'web-secret-dev';

const BACKSTAGE_NS = 'backstage';
const ARGO_NS = 'argo';
const OKTETO_DEV_SA = 'okteto-dev';
const KUBERNETES_SA = 'kubernetes-plugin';
const USERS: Record<string, ClusterRequest['client']> = {
  [`system:serviceaccount:${BACKSTAGE_NS}:${OKTETO_DEV_SA}`]: 'okteto-dev',
  [`system:serviceaccount:${BACKSTAGE_NS}:${KUBERNETES_SA}`]: 'kubernetes',
};

// ---------------------------------------------------------------------------------------------
// the audit log

/** k8s.io/apiserver audit timestamps (RFC 3339, microseconds) in ms since the epoch. */
export function auditTime(ts: string | undefined): number {
  if (!ts) return NaN;
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return Date.parse(ts);
  return Date.parse(`${m[1]}${m[3]}`) + Number(`0.${m[2] ?? '0'}`) * 1000;
}

/**
 * Requests from audit log lines (audit.k8s.io/v1 Events, JSON, one a line): one per auditID, at
 * its last stage (a watch logs ResponseStarted, then ResponseComplete when it ends).
 */
export function parseAudit(text: string): ClusterRequest[] {
  const byId = new Map<string, ClusterRequest>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let e: any;
    try {
      e = JSON.parse(line);
    } catch {
      continue; // a line being written right now
    }
    if (e.stage !== 'ResponseComplete' && e.stage !== 'ResponseStarted')
      continue;
    const url = new URL(e.requestURI ?? '/', 'https://api');
    byId.set(e.auditID, {
      verb: e.verb,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: e.responseStatus?.code ?? 0,
      receivedMs: auditTime(e.requestReceivedTimestamp),
      completedMs: auditTime(e.stageTimestamp),
      client: USERS[e.user?.username],
    });
  }
  return [...byId.values()];
}

/** The API server's audit log file: reset by truncating it (it is opened with O_APPEND). */
export class AuditLog {
  constructor(readonly file: string) {}

  /** Waits until the file has not grown for `quietMs` (the last events written), at most 5 s. */
  async settle(quietMs = 150): Promise<void> {
    const deadline = Date.now() + 5000;
    let size = fs.statSync(this.file).size;
    let since = Date.now();
    while (Date.now() < deadline) {
      await sleep(25);
      const now = fs.statSync(this.file).size;
      if (now !== size) {
        size = now;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) {
        return;
      }
    }
  }

  async reset(): Promise<void> {
    await this.settle();
    fs.truncateSync(this.file, 0);
  }

  async requests(): Promise<ClusterRequest[]> {
    await this.settle();
    return parseAudit(fs.readFileSync(this.file, 'utf8'));
  }

  /** Requests finished since the reset (ResponseComplete lines), without parsing them. */
  async count(): Promise<number> {
    await this.settle();
    const text = fs.readFileSync(this.file, 'utf8');
    let n = 0;
    for (
      let i = text.indexOf('"stage":"ResponseComplete"');
      i >= 0;
      i = text.indexOf('"stage":"ResponseComplete"', i + 1)
    )
      n++;
    return n;
  }
}

/** Logs Metadata (who, what, when) for the two plugins' service accounts, nothing else. */
const auditPolicy = () => ({
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  omitStages: ['RequestReceived'],
  rules: [{ level: 'Metadata', users: Object.keys(USERS) }, { level: 'None' }],
});

// ---------------------------------------------------------------------------------------------
// kubectl and polling

function kubectlIn(
  cluster: RealCluster,
  args: string[],
  input?: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.env.KUBECTL || 'kubectl',
      ['--kubeconfig', cluster.kubeconfigPath, ...args],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', c => {
      out += c;
    });
    child.stderr.setEncoding('utf8').on('data', c => {
      err += c;
    });
    child.once('error', reject);
    child.once('close', code =>
      code === 0
        ? resolve(out)
        : reject(new Error(`kubectl ${args.join(' ')}: ${err || out}`)),
    );
    child.stdin.end(input ?? '');
  });
}

const applyList = (cluster: RealCluster, items: object[]) =>
  kubectlIn(
    cluster,
    ['apply', '--server-side', '--force-conflicts', '-f', '-'],
    JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
  );

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `real cluster: timed out waiting for ${what}${
          last ? ` (${last})` : ''
        }`,
      );
    await sleep(250);
  }
}

// ---------------------------------------------------------------------------------------------
// the objects

/** What a client sends to create an object the sandbox held: no server-set fields. */
function forCreate(o: KubeObject, keepStatus: boolean): KubeObject {
  const {
    uid: _u,
    resourceVersion: _r,
    creationTimestamp: _c,
    generation: _g,
    managedFields: _m,
    selfLink: _s,
    ...metadata
  } = o.metadata as Record<string, unknown>;
  const out: Record<string, unknown> = { ...o, metadata };
  if (!keepStatus) delete out.status;
  return out as unknown as KubeObject;
}

/** The sandbox's pod-state annotation as our kwok Stage's label (packages/real-cluster README). */
const POD_STATES: Record<string, string> = {
  CrashLoopBackOff: 'crash-loop',
  ErrImagePull: 'err-image-pull',
  ImagePullBackOff: 'image-pull-backoff',
  CreateContainerConfigError: 'create-container-config-error',
};
function withKwokState(o: KubeObject): KubeObject {
  const template = (o as any).spec?.template;
  const state =
    POD_STATES[
      template?.metadata?.annotations?.['sandbox.okteto-dev/pod-state']
    ];
  if (!state) return o;
  template.metadata.labels = {
    ...template.metadata.labels,
    [STATE_LABEL]: state,
  };
  return o;
}

/** The Kubernetes plugin's identity: Backstage's documented read-only ClusterRole, cluster-wide. */
function kubernetesPluginRbac(): object[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: KUBERNETES_SA, namespace: BACKSTAGE_NS },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: `${KUBERNETES_SA}-token`,
        namespace: BACKSTAGE_NS,
        annotations: { 'kubernetes.io/service-account.name': KUBERNETES_SA },
      },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'backstage-read-only' },
      rules: [
        {
          apiGroups: ['*'],
          resources: [
            'pods',
            'configmaps',
            'services',
            'deployments',
            'replicasets',
            'horizontalpodautoscalers',
            'ingresses',
            'statefulsets',
            'limitranges',
            'resourcequotas',
            'daemonsets',
          ],
          verbs: ['get', 'list', 'watch'],
        },
        {
          apiGroups: ['batch'],
          resources: ['jobs', 'cronjobs'],
          verbs: ['get', 'list', 'watch'],
        },
        {
          apiGroups: ['metrics.k8s.io'],
          resources: ['pods'],
          verbs: ['get', 'list'],
        },
        // its customResources entry (bench/setup.ts)
        {
          apiGroups: ['argoproj.io'],
          resources: ['applications'],
          verbs: ['get', 'list'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'backstage-read-only' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'backstage-read-only',
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: KUBERNETES_SA,
          namespace: BACKSTAGE_NS,
        },
      ],
    },
  ];
}

/** okteto-dev's identity: deploy/rbac as its README applies it (live mode), web-core's values. */
function oktetoDevRbac(devNamespaces: string[]): object[] {
  const vars = {
    OKTETO_DEV_NAMESPACE: BACKSTAGE_NS,
    ARGOCD_NAMESPACE: ARGO_NS,
  };
  return [
    ...rbacManifest('service-account.yaml', vars),
    ...rbacManifest('live/argocd.yaml', vars),
    ...rbacManifest('live/workloads.yaml', vars),
    ...devNamespaces.flatMap(ns =>
      rbacManifest('live/dev-namespace.yaml', { ...vars, DEV_NAMESPACE: ns }),
    ),
  ];
}

async function tokenOf(cluster: RealCluster, secret: string): Promise<string> {
  return until(`the token in ${BACKSTAGE_NS}/${secret}`, async () => {
    const out = await kubectlIn(cluster, [
      'get',
      'secret',
      secret,
      '-n',
      BACKSTAGE_NS,
      '-o',
      'jsonpath={.data.token}',
    ]);
    return out ? Buffer.from(out, 'base64').toString('utf8') : undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// okteto up with the real CLI

/**
 * web-core's okteto manifest for a cluster without a volume provisioner: each dev entry without
 * okteto's persistent volume (its PVC would stay Pending, and the dev pod with it) and without
 * `forward` (local ports the CLI would check on this shared machine; they change no object).
 */
function oktetoManifest(): string {
  const file = path.join(
    ROOT,
    'examples',
    'web-core-repo',
    '.okteto',
    'okteto.yml',
  );
  const manifest = YAML.parse(fs.readFileSync(file, 'utf8'));
  for (const dev of Object.values<any>(manifest.dev ?? {})) {
    delete dev.forward;
    dev.persistentVolume = { enabled: false };
  }
  return YAML.stringify(manifest);
}

async function oktetoUp(
  cluster: RealCluster,
  kc: KubeConfig,
  work: string,
  dev: string,
  namespace: string,
): Promise<OktetoResult> {
  const home = path.join(work, `home-${dev}`);
  const common = { kubeconfig: cluster.kubeconfigPath, home, cwd: work };
  const use = await okteto(
    ['context', 'use', kc.getCurrentContext(), '--namespace', namespace],
    common,
  );
  if (use.code !== 0)
    throw new Error(`okteto context use: ${use.stdout}${use.stderr}`);
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const clone = `${workloadOf(
    DEV_APPS.find(a => namespaceOf(a) === namespace)!,
  )}-okteto`;
  const result = await okteto(
    ['up', dev, '--namespace', namespace, '-f', '.okteto/okteto.yml'],
    {
      ...common,
      timeoutMs: 240_000,
      // the dev pod runs (kwok), or its ReplicaSet may not create it (Pod Security)
      stopWhen: async () => {
        const d = await apps.readNamespacedDeployment({
          name: clone,
          namespace,
        });
        if (
          d.status?.conditions?.some(
            c => c.type === 'ReplicaFailure' && c.status === 'True',
          )
        )
          return true;
        const pods = await core.listNamespacedPod({
          namespace,
          labelSelector: `${INTERACTIVE_DEV_LABEL}=${dev}`,
        });
        return pods.items.some(p => p.status?.phase === 'Running');
      },
    },
  );
  const out = result.stdout + result.stderr;
  // right after the pod runs, the CLI port-forwards to its SSH server, which needs a kubelet
  const pastThePod =
    result.code === 1 &&
    out.includes("Couldn't connect to your development container");
  if (result.stopped !== 'condition' && !pastThePod) {
    throw new Error(
      `okteto up ${dev} ended otherwise (${
        result.stopped ?? `exit ${result.code}`
      }): ${out.slice(-2000)}`,
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

/** Settled: each Deployment ready, refused by admission, or its pods in a waiting state. */
async function settled(
  kc: KubeConfig,
  namespaces: string[],
): Promise<true | false> {
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  for (const namespace of namespaces) {
    const [deployments, pods] = await Promise.all([
      apps.listNamespacedDeployment({ namespace }),
      core.listNamespacedPod({ namespace }),
    ]);
    for (const d of deployments.items) {
      const want = d.spec?.replicas ?? 1;
      if (want === 0 || (d.status?.readyReplicas ?? 0) >= want) continue;
      if (
        d.status?.conditions?.some(
          c => c.type === 'ReplicaFailure' && c.status === 'True',
        )
      )
        continue;
      const match = d.spec?.selector?.matchLabels ?? {};
      const own = pods.items.filter(p =>
        Object.entries(match).every(([k, v]) => p.metadata?.labels?.[k] === v),
      );
      const waiting = own.filter(p =>
        p.status?.containerStatuses?.some(
          c =>
            c.state?.waiting?.reason &&
            c.state.waiting.reason !== 'ContainerCreating',
        ),
      );
      if (own.length === 0 || waiting.length < own.length) return false;
    }
  }
  return true;
}

export interface RealBench {
  cluster: RealCluster;
  audit: AuditLog;
  /** What was done to build the state, for the report. */
  setup: {
    startMs: number;
    objectsMs: number;
    oktetoMs: Record<string, number>;
    settleMs: number;
  };
  /** A BenchCluster over this cluster (its close() leaves the cluster up). */
  benchCluster(): BenchCluster;
  close(): Promise<void>;
}

/** True when the real cluster's binary is built (`node packages/real-cluster/bin/real-cluster build`). */
export const realClusterBuilt = () => fs.existsSync(realClusterBinary());

export async function startRealBench(): Promise<RealBench> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-dev-bench-'));
  const policyFile = path.join(work, 'audit-policy.yaml');
  const auditFile = path.join(work, 'audit.log');
  fs.writeFileSync(policyFile, YAML.stringify(auditPolicy()));
  let cluster: RealCluster | undefined;
  try {
    let t = Date.now();
    say('real cluster: starting kube-apiserver, controllers, scheduler, kwok');
    cluster = await startRealCluster({
      shared: false,
      extraArgs: {
        apiserver: [
          `--audit-policy-file=${policyFile}`,
          `--audit-log-path=${auditFile}`,
          '--audit-log-maxsize=0',
          '--audit-log-mode=blocking',
        ],
      },
    });
    const real = cluster;
    const startMs = Date.now() - t;
    const kc = new KubeConfig();
    kc.loadFromFile(real.kubeconfigPath);

    // --- Argo CD's CRDs, then the scenario's objects
    t = Date.now();
    const crds = upstreamManifests(argoCdModuleDir(), 'manifests/crds');
    await applyList(real, crds);
    for (const crd of crds) {
      await until(`CRD ${crd.metadata!.name} Established`, async () =>
        (
          await kubectlIn(real, [
            'get',
            'crd',
            crd.metadata!.name!,
            '-o',
            'jsonpath={.status.conditions[?(@.type=="Established")].status}',
          ])
        ).includes('True'),
      );
    }
    const namespaces = APPS.map(namespaceOf);
    const scenario = loadScenario('web-core');
    const ours = (o: KubeObject) =>
      o.kind === 'Namespace'
        ? namespaces.includes(o.metadata.name) || o.metadata.name === ARGO_NS
        : namespaces.includes(o.metadata.namespace ?? '');
    const objects = scenario.objects.filter(ours);
    // the Applications as the sandbox's Argo CD simulation left them after the scenario loaded
    const sandbox = await startSandbox({ scenario: 'web-core', latencyMs: 0 });
    const applications = sandbox.store
      .list('applications', ARGO_NS)
      .filter(a => namespaces.includes(a.metadata.name));
    await sandbox.close();
    const appSets = scenario.objects.filter(o => o.kind === 'ApplicationSet');

    await applyList(real, [
      ...objects
        .filter(o => o.kind === 'Namespace')
        .map(o => forCreate(o, false)),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: BACKSTAGE_NS } },
    ]);
    await applyList(
      real,
      appSets.map(o => forCreate(o, true)),
    );
    const appSetUids: Record<string, string> = {};
    for (const s of appSets) {
      appSetUids[s.metadata.name] = (
        await kubectlIn(real, [
          'get',
          'applicationsets.argoproj.io',
          s.metadata.name,
          '-n',
          ARGO_NS,
          '-o',
          'jsonpath={.metadata.uid}',
        ])
      ).trim();
    }
    await applyList(
      real,
      applications.map(a => {
        const o = forCreate(a, true);
        o.metadata.ownerReferences = o.metadata.ownerReferences?.map(r =>
          r.kind === 'ApplicationSet' && appSetUids[r.name]
            ? { ...r, uid: appSetUids[r.name] }
            : r,
        );
        return o;
      }),
    );
    await applyList(real, [
      ...objects
        .filter(
          o => !['Namespace', 'Application', 'ApplicationSet'].includes(o.kind),
        )
        .map(o => withKwokState(forCreate(o, false))),
      ...oktetoDevRbac(namespaces.filter(n => n !== FORBIDDEN)),
      ...kubernetesPluginRbac(),
    ]);
    const objectsMs = Date.now() - t;
    await until('the web-core pods to start', () => settled(kc, namespaces));

    // --- dev mode, written by the real okteto CLI
    const oktetoWork = path.join(work, 'okteto');
    fs.mkdirSync(path.join(oktetoWork, '.okteto'), { recursive: true });
    fs.writeFileSync(
      path.join(oktetoWork, '.okteto', 'okteto.yml'),
      oktetoManifest(),
    );
    fs.copyFileSync(
      path.join(ROOT, 'examples', 'web-core-repo', '.okteto', '.stignore'),
      path.join(oktetoWork, '.okteto', '.stignore'),
    );
    const sessions = (scenario.options.okteto ?? []).filter(s =>
      DEV_APPS.map(namespaceOf).includes(s.namespace),
    );
    say(
      `real cluster: okteto up ${sessions
        .map(s => s.devName)
        .join(', ')} (the real CLI)`,
    );
    const oktetoMs: Record<string, number> = {};
    await Promise.all(
      sessions.map(async s => {
        const r = await oktetoUp(real, kc, oktetoWork, s.devName, s.namespace);
        oktetoMs[s.devName] = r.ms;
      }),
    );
    // what Argo CD did next in the scenario
    await kubectlIn(real, [
      'scale',
      'deployment',
      workloadOf('shop'),
      '--replicas=1',
      '-n',
      namespaceOf('shop'),
    ]);
    await kubectlIn(real, [
      'delete',
      'deployment',
      `${workloadOf('payload-core')}-okteto`,
      '-n',
      namespaceOf('payload-core'),
    ]);
    t = Date.now();
    await until('the dev sessions to settle', () => settled(kc, namespaces));
    const settleMs = Date.now() - t;

    const audit = new AuditLog(auditFile);
    const tokens = {
      oktetoDev: await tokenOf(real, 'okteto-dev-token'),
      kubernetes: await tokenOf(real, `${KUBERNETES_SA}-token`),
    };
    await audit.reset();
    const caData = Buffer.from(real.ca).toString('base64');
    const entry = {
      name: 'default',
      url: real.url,
      authProvider: 'serviceAccount',
      caData,
    };
    return {
      cluster: real,
      audit,
      setup: { startMs, objectsMs, oktetoMs, settleMs },
      benchCluster: () => ({
        kind: 'real',
        label: `real kube-apiserver ${real.version}`,
        url: real.url,
        oktetoDevCluster: { ...entry, serviceAccountToken: tokens.oktetoDev },
        kubernetesCluster: {
          ...entry,
          serviceAccountToken: tokens.kubernetes,
          skipMetricsLookup: true,
        },
        reset: () => audit.reset(),
        requests: () => audit.requests(),
        count: () => audit.count(),
        async roundTrip() {
          const client = httpsGetter({
            url: real.url,
            token: tokens.oktetoDev,
            ca: real.ca,
          });
          try {
            return await measureRoundTrip(async () => {
              const status = await client.get(
                `/apis/apps/v1/namespaces/${namespaceOf(
                  'corporate',
                )}/deployments`,
              );
              if (status !== 200)
                throw new Error(
                  `round trip: the API server answered ${status}`,
                );
            });
          } finally {
            client.close();
          }
        },
        close: async () => {},
      }),
      async close() {
        await real.close();
        fs.rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await cluster?.close();
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
