import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  ArgoCdSimulation,
  CACHED_SOURCE,
  helmTemplateError,
  KubeObject,
  Rejection,
  oktetoDown,
  oktetoUp,
  Sandbox,
  SandboxStore,
  startSandbox,
  StoreController,
  StoreEvent,
  TRACKING_METHOD_ANNOTATION,
} from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { RealCluster, startRealCluster } from '@okteto-dev/real-cluster';
import { ensureTool } from '@okteto-dev/real-cluster/src/argocd';
import {
  ProxiedCall,
  startWebCoreStack,
  WEB_CORE_APPLICATION_SET,
  WEB_CORE_APPS_DIR,
  WEB_CORE_ARGO_NAMESPACE,
  WEB_CORE_STACK_APPS,
  WebCoreAppSpec,
  webCoreEnvSecret,
  webCoreNames,
  webCoreNamespace,
  WebCoreStack,
} from '@okteto-dev/real-cluster/src/webcore';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import {
  catalogFactory,
  sandboxClusters,
  startOktetoDevBackend,
  webCoreUrlReader,
} from '../../__testUtils__/testBackend';
import { WEB_CORE_TARGETS } from '../../__testUtils__/webCoreEntities';
import { comparableStatus, differences } from './compare';

/*
 * The web-core twin: the same web-core, driven by the same steps, on the real cluster (real Argo
 * CD, the real okteto CLI, real commits: packages/real-cluster/src/webcore) and on the kube-sandbox
 * (its Argo CD and okteto simulations), each read by a real okteto-dev backend. Both start from the
 * same inputs: the repository's Application files, and for the sandbox, what Argo CD's repo-server
 * renders for them — `helm template` of the same commit with the same arguments
 * (reposerver/repository/repository.go helmTemplate), since the sandbox does not run Helm.
 */

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

export interface TwinOptions {
  apps?: WebCoreAppSpec[];
  /**
   * The real cluster (default: one of the twin's own, closed with it — the stack's names, `argo`
   * and `web-*-dev`, allow one web-core per cluster).
   */
  cluster?: RealCluster;
  /** Backend config over the twin's (both sides). */
  oktetoDev?: JsonObject;
}

/** Where a step ran and what it left; a step runs on the real side first. */
export interface WebCoreTwin {
  stack: WebCoreStack;
  cluster: RealCluster;
  sandbox: Sandbox;
  sim: ArgoCdSimulation;
  apps: WebCoreAppSpec[];
  /** The status of an app's entity from the backend on the real cluster. */
  realStatus(app: string): Promise<DevStatus>;
  /** The same from the backend on the sandbox. */
  sandboxStatus(app: string): Promise<DevStatus>;
  /**
   * Waits for the real Argo CD to finish with the app, then until the two backends agree (polling
   * the real one, up to `timeoutMs`); throws with every difference when they do not.
   */
  expectSame(
    app: string,
    timeoutMs?: number,
    /** Read through a pair of backends with this config over the twin's instead. */
    oktetoDev?: JsonObject,
  ): Promise<DevStatus>;
  /**
   * `okteto up`, its terminal closed once the dev container runs (`running`), once the dev pod
   * cannot be scheduled (`unschedulable`), or once the clone reports a ReplicaFailure
   * (`replica-failure`: okteto up then fails on its own, cmd/up/activate.go via
   * pkg/k8s/deployments CheckConditionErrors).
   */
  oktetoUp(
    app: string,
    until?: 'running' | 'unschedulable' | 'replica-failure',
  ): Promise<void>;
  /** `okteto down`, run to its end. */
  oktetoDown(app: string): Promise<void>;
  /** `okteto up` whose connection goes away right after the clone was created. */
  interruptedUp(app: string): Promise<ProxiedCall[]>;
  /** `okteto down` whose connection goes away right after the original was restored. */
  interruptedDown(app: string): Promise<ProxiedCall[]>;
  /**
   * A push to main (every app tracks it) and Argo CD's refresh of every app. `rejected`: the API
   * server refuses that object of the app's new manifests, with this message (the sandbox does
   * not validate objects; the real API server does).
   */
  push(
    files: Record<string, string | null>,
    options?: {
      message?: string;
      rejected?: { app: string } & Rejection;
    },
  ): Promise<string>;
  /** A merge patch on a live object of the app, as `kubectl patch` by someone. */
  patchLive(
    app: string,
    kind: 'Deployment' | 'Service' | 'Ingress' | 'Namespace',
    name: string,
    patch: JsonObject,
  ): Promise<void>;
  /**
   * The app's container crash-loops from its next rollout on: on the real cluster the kwok Stage's
   * label on the pod template (packages/real-cluster: `crash-loop`) — kwok has no containers — and a
   * progress deadline of 10 s (the Deployment's default is 600 s); on the sandbox its pod-state
   * annotation, which goes past the deadline at once.
   */
  crashLoop(app: string): Promise<void>;
  /** argocd-cm `application.resourceTrackingMethod` (the sandbox: its per-app knob on every app). */
  setTrackingMethod(method: 'annotation' | 'label'): Promise<void>;
  /** Argo CD's refresh of an app, on both sides. */
  refresh(app: string): Promise<void>;
  close(): Promise<void>;
}

/** What Argo CD's repo-server renders for a Helm source, or what helm said when it could not. */
export type Rendered =
  | { ok: true; objects: KubeObject[] }
  | { ok: false; helmError: string; valueFiles: string[] };

/**
 * `helm template` of the Application's source at `revision`, as Argo CD's repo-server runs it
 * (reposerver/repository/repository.go helmTemplate: in the chart folder of a checkout, name
 * template, namespace, the value files resolved in the checkout, include CRDs).
 */
export function renderApplication(
  repoDir: string,
  revision: string,
  application: KubeObject,
): Rendered {
  const spec = application.spec as {
    source: { path: string; helm?: { valueFiles?: string[] } };
    destination: { namespace: string };
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'render-'));
  try {
    const archive = execFileSync('git', ['archive', '--format=tar', revision], {
      cwd: repoDir,
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', tmp], { input: archive });
    const valueFiles = (spec.source.helm?.valueFiles ?? []).map(f =>
      path.posix.normalize(path.posix.join(spec.source.path, f)),
    );
    const args = [
      'template',
      '.',
      '--name-template',
      application.metadata.name,
      '--namespace',
      spec.destination.namespace,
      ...valueFiles.flatMap(f => ['--values', path.join(tmp, f)]),
      '--include-crds',
    ];
    const out = spawnSync(ensureTool('helm'), args, {
      cwd: path.join(tmp, spec.source.path),
      encoding: 'utf8',
    });
    if (out.status !== 0) {
      return {
        ok: false,
        helmError: out.stderr.trim().split(tmp).join(CACHED_SOURCE),
        valueFiles,
      };
    }
    return {
      ok: true,
      objects: parseAllDocuments(out.stdout)
        .map(d => d.toJS() as KubeObject)
        .filter(o => o && typeof o === 'object' && o.kind),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Traefik's status publishing, as platform.ts does it on the real cluster. */
function ingressPublisher(store: SandboxStore): StoreController {
  const pending = new Set<string>();
  return {
    observe(e: StoreEvent) {
      if (e.resource.kind !== 'Ingress' || e.type === 'DELETED') return;
      const o = e.object;
      const spec = (o.spec ?? {}) as { ingressClassName?: string };
      const lb = (o.status as any)?.loadBalancer?.ingress as
        | unknown[]
        | undefined;
      if (spec.ingressClassName === 'traefik' && !lb?.length) {
        pending.add(`${o.metadata.namespace}/${o.metadata.name}`);
      }
    },
    work() {
      if (!pending.size) return false;
      for (const key of [...pending]) {
        pending.delete(key);
        const [ns, name] = key.split('/');
        const o = store.get('ingresses', ns, name);
        if (!o) continue;
        store.put({
          ...o,
          status: { loadBalancer: { ingress: [{ ip: '127.0.0.1' }] } },
        });
      }
      return true;
    },
  };
}

/** The okteto manifest's dev entry as the sandbox's `okteto up` takes it. */
export function devSpecOf(
  manifest: string,
  devName: string,
  namespace: string,
) {
  const doc = parse(manifest) as {
    name?: string;
    dev?: Record<string, any>;
  };
  const entry = doc.dev?.[devName];
  if (!entry) throw new Error(`no dev entry ${devName} in the okteto manifest`);
  return {
    devName,
    namespace,
    selector: entry.selector as Record<string, string>,
    container: entry.container as string | undefined,
    image: entry.image as string | undefined,
    workdir: entry.workdir as string | undefined,
    mode: (entry.mode === 'hybrid' ? 'hybrid' : 'sync') as 'sync' | 'hybrid',
    sync: ((entry.sync ?? []) as string[]).map(s =>
      s.slice(s.lastIndexOf(':') + 1),
    ),
    manifestName: doc.name,
    ...(entry.persistentVolume
      ? { persistentVolume: entry.persistentVolume }
      : {}),
  };
}

const entityOf = (app: string) => app;

async function statusFrom(backend: Backend, app: string): Promise<DevStatus> {
  const res = await request(backend.server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: `component:default/${entityOf(app)}` })
    .set('Authorization', mockCredentials.user.header());
  if (res.status !== 200) {
    throw new Error(
      `status of ${app}: ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
  return res.body as DevStatus;
}

function backendConfig(clusters: JsonObject[], extra: JsonObject = {}) {
  return {
    clusters,
    targets: WEB_CORE_TARGETS,
    live: { enabled: false },
    cache: { ttlSeconds: 0 },
    ...extra,
  } as JsonObject;
}

async function startBackend(oktetoDev: JsonObject) {
  return startOktetoDevBackend({
    oktetoDev,
    features: [
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogFactory(),
      webCoreUrlReader,
    ],
  });
}

export async function startWebCoreTwin(
  options: TwinOptions = {},
): Promise<WebCoreTwin> {
  const apps = options.apps ?? WEB_CORE_STACK_APPS;
  const cluster =
    options.cluster ?? (await startRealCluster({ shared: false }));
  const closers: Array<() => Promise<void>> = options.cluster
    ? []
    : [() => cluster.close()];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  let stack: WebCoreStack;
  try {
    stack = await startWebCoreStack(cluster, { apps });
  } catch (error) {
    await close();
    throw error;
  }
  closers.push(() => stack.close());
  try {
    // ---- the sandbox, from the same inputs
    const objects: KubeObject[] = [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: WEB_CORE_ARGO_NAMESPACE },
      },
    ];
    for (const spec of apps) {
      objects.push(webCoreNamespace(spec) as KubeObject);
      if (spec.envSecret !== false) {
        const { stringData, ...secret } = webCoreEnvSecret(spec);
        objects.push({
          ...secret,
          data: Object.fromEntries(
            Object.entries(stringData).map(([k, v]) => [
              k,
              Buffer.from(v).toString('base64'),
            ]),
          ),
        } as KubeObject);
      }
    }
    const sandbox = await startSandbox({
      scenario: { objects, options: { groups: { argoproj: true } } },
    });
    closers.push(() => sandbox.close());
    const { store } = sandbox;
    store.attach(ingressPublisher(store));
    const sim = ArgoCdSimulation.attach(store);

    // The dev Applications as the root Application applies them from the repository, and the
    // ones the ApplicationSet generates from its template (applicationset/generators/list.go,
    // utils.RenderTemplateParams with goTemplate).
    const applications: KubeObject[] = [];
    const head = stack.repo.head();
    for (const o of stack.repo.objects(WEB_CORE_APPS_DIR)) {
      if (o.kind === 'Application') applications.push(o as KubeObject);
      if (o.kind !== 'ApplicationSet') continue;
      const appSet = store.put(o as KubeObject);
      const text = JSON.stringify(o.spec.template);
      for (const element of o.spec.generators[0].list.elements as Array<
        Record<string, string>
      >) {
        const t = JSON.parse(
          text.replace(/\{\{\.(\w+)\}\}/g, (_m, k: string) => element[k]),
        );
        applications.push({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: {
            ...t.metadata,
            namespace: WEB_CORE_ARGO_NAMESPACE,
            ownerReferences: [
              {
                apiVersion: 'argoproj.io/v1alpha1',
                kind: 'ApplicationSet',
                name: WEB_CORE_APPLICATION_SET,
                uid: appSet.metadata.uid!,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: t.spec,
        });
      }
    }
    const comparisonErrors = new Set<string>();
    // the sandbox's API server version, as Argo CD passes it to helm (--kube-version)
    const sandboxVersion = '1.32.0';
    const renderInto = (
      application: KubeObject,
      revision: string,
      rejected?: Rejection,
    ) => {
      const name = application.metadata.name;
      const rendered = renderApplication(stack.repo.dir, revision, application);
      if (!rendered.ok) {
        comparisonErrors.add(name);
        sim.setComparisonError(
          name,
          helmTemplateError({
            releaseName: name,
            namespace: (application.spec as any).destination.namespace,
            kubeVersion: sandboxVersion,
            valueFiles: rendered.valueFiles,
            helmError: rendered.helmError,
          }),
        );
        sim.newCommit(name, { revision });
        return;
      }
      if (comparisonErrors.delete(name))
        sim.setComparisonError(name, undefined);
      sim.newCommit(name, {
        revision,
        declared: rendered.objects,
        ...(rejected ? { rejected } : {}),
      });
    };
    for (const application of applications) {
      store.put(application);
      const rendered = renderApplication(stack.repo.dir, head, application);
      if (!rendered.ok) throw new Error(rendered.helmError);
      sim.register(application, rendered.objects, { revision: head });
    }

    // ---- two backends, one per side
    const realClusters = [
      {
        name: 'default',
        url: cluster.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: cluster.token,
        caData: Buffer.from(cluster.ca).toString('base64'),
      },
    ];
    const realBackend = await startBackend(
      backendConfig(realClusters, options.oktetoDev),
    );
    closers.push(() => realBackend.stop());
    const sandboxBackend = await startBackend(
      backendConfig(sandboxClusters(sandbox), options.oktetoDev),
    );
    closers.push(() => sandboxBackend.stop());

    const pairs = new Map<string, Promise<[Backend, Backend]>>();
    const backendsWith = (extra: JsonObject) => {
      const key = JSON.stringify(extra);
      if (!pairs.has(key)) {
        const merged = { ...options.oktetoDev, ...extra };
        pairs.set(
          key,
          (async () => {
            const r = await startBackend(backendConfig(realClusters, merged));
            closers.push(() => r.stop());
            const b = await startBackend(
              backendConfig(sandboxClusters(sandbox), merged),
            );
            closers.push(() => b.stop());
            return [r, b] as [Backend, Backend];
          })(),
        );
      }
      return pairs.get(key)!;
    };
    const specOf = (app: string) => apps.find(a => a.app === app) ?? { app };
    const manifest = () =>
      fs.readFileSync(
        path.join(stack.workspace, '.okteto', 'okteto.yml'),
        'utf8',
      );
    const devSpec = (app: string) => {
      const n = webCoreNames(specOf(app));
      return devSpecOf(manifest(), n.devName, n.namespace);
    };
    const objectsApi = KubernetesObjectApi.makeApiClient(stack.kc);

    const twin: WebCoreTwin = {
      stack,
      cluster,
      sandbox,
      sim,
      apps,
      realStatus: app => statusFrom(realBackend, app),
      sandboxStatus: app => statusFrom(sandboxBackend, app),
      async expectSame(app, timeoutMs = 90_000, oktetoDev) {
        const [real, other] = oktetoDev
          ? await backendsWith(oktetoDev)
          : [realBackend, sandboxBackend];
        const spec = specOf(app);
        if (spec.application !== false) {
          // Argo CD may keep a health it computed mid-rollout until its next comparison (a
          // status-only update of a resource does not always requeue the app:
          // controller/cache/cache.go skipResourceUpdate); ask for that comparison, as the
          // card's reader would see it after the reconciliation timeout
          const name = webCoreNames(spec).application;
          await stack.settle(name);
          await stack.refresh(name);
          sim.refresh(name);
          await stack.settle(name);
        }
        const expected = comparableStatus(await statusFrom(other, app));
        const deadline = Date.now() + timeoutMs;
        let diff: ReturnType<typeof differences> = [];
        for (;;) {
          const answer = await statusFrom(real, app);
          diff = differences(comparableStatus(answer), expected);
          if (!diff.length) return answer;
          if (Date.now() > deadline) break;
          await new Promise(resolve => setTimeout(resolve, 1000));
        }
        throw new Error(
          `${app}: the real cluster and the sandbox answer differently:\n${diff
            .map(
              d =>
                `  ${d.path}\n    real:    ${JSON.stringify(
                  d.real,
                )}\n    sandbox: ${JSON.stringify(d.sandbox)}`,
            )
            .join('\n')}`,
        );
      },
      async oktetoUp(app, until = 'running') {
        const n = webCoreNames(specOf(app));
        const clone = () =>
          stack.deployment(n.namespace, `${n.deployment}-okteto`);
        const devPods = async () =>
          (
            await stack.kc.makeApiClient(CoreV1Api).listNamespacedPod({
              namespace: n.namespace,
              labelSelector: `interactive.dev.okteto.com=${n.devName}`,
            })
          ).items;
        const result = await stack.oktetoUp(app, {
          until: {
            running: 'running' as const,
            unschedulable: async () =>
              (
                await devPods()
              ).some(p =>
                p.status?.conditions?.some(
                  c => c.type === 'PodScheduled' && c.status === 'False',
                ),
              ),
            'replica-failure': async () =>
              Boolean(
                (
                  await clone()
                )?.status?.conditions?.some(
                  c => c.type === 'ReplicaFailure' && c.status === 'True',
                ),
              ),
          }[until],
        });
        const failedOnItsOwn =
          until === 'replica-failure' &&
          result.code !== null &&
          result.code !== 0;
        if (result.stopped !== 'condition' && !failedOnItsOwn) {
          throw new Error(
            `okteto up ${app} ended before its dev container ran (${
              result.stopped ?? result.code
            }): ${result.stdout}${result.stderr}`,
          );
        }
        await oktetoUp(store, devSpec(app));
      },
      async oktetoDown(app) {
        const result = await stack.oktetoDown(app);
        if (result.code !== 0) {
          throw new Error(
            `okteto down ${app}: ${result.stdout}${result.stderr}`,
          );
        }
        await oktetoDown(store, devSpec(app));
      },
      async interruptedUp(app) {
        const run = await stack.oktetoInterrupted(
          'up',
          app,
          (call, n) =>
            call.method === 'POST' &&
            call.path ===
              `/apis/apps/v1/namespaces/${n.namespace}/deployments` &&
            call.name === `${n.deployment}-okteto` &&
            call.status === 201,
        );
        await oktetoUp(store, { ...devSpec(app), stopAfter: 'clone' });
        return run.calls;
      },
      async interruptedDown(app) {
        const run = await stack.oktetoInterrupted(
          'down',
          app,
          (call, n) =>
            call.method === 'PUT' &&
            call.path ===
              `/apis/apps/v1/namespaces/${n.namespace}/deployments/${n.deployment}` &&
            call.status === 200,
        );
        await oktetoDown(store, { ...devSpec(app), stopAfter: 'original' });
        return run.calls;
      },
      async push(files, pushOptions = {}) {
        const devApps = applications.map(a => a.metadata.name);
        const sha = await stack.push(files, pushOptions.message);
        for (const name of devApps) await stack.refresh(name);
        for (const application of applications) {
          const { app: rejectedApp, ...rejection } = pushOptions.rejected ?? {
            app: '',
          };
          const rejected =
            pushOptions.rejected &&
            webCoreNames(specOf(rejectedApp)).application ===
              application.metadata.name
              ? (rejection as Rejection)
              : undefined;
          renderInto(
            store.get(
              'applications',
              WEB_CORE_ARGO_NAMESPACE,
              application.metadata.name,
            ) ?? application,
            sha,
            rejected,
          );
        }
        return sha;
      },
      async patchLive(app, kind, name, patch) {
        const n = webCoreNames(specOf(app));
        const apiVersion = {
          Deployment: 'apps/v1',
          Ingress: 'networking.k8s.io/v1',
          Service: 'v1',
          Namespace: 'v1',
        }[kind];
        const namespace = kind === 'Namespace' ? undefined : n.namespace;
        await objectsApi.patch(
          {
            ...patch,
            apiVersion,
            kind,
            metadata: {
              ...(patch.metadata as JsonObject | undefined),
              name,
              ...(namespace ? { namespace } : {}),
            },
          },
          undefined,
          undefined,
          'kubectl-patch',
          undefined,
          PatchStrategy.MergePatch,
        );
        store.patch(kind, namespace, name, patch, 'merge');
      },
      async crashLoop(app) {
        const n = webCoreNames(specOf(app));
        await stack.kc.makeApiClient(AppsV1Api).patchNamespacedDeployment(
          {
            namespace: n.namespace,
            name: n.deployment,
            body: {
              spec: {
                progressDeadlineSeconds: 10,
                template: {
                  metadata: {
                    labels: { 'real-cluster.okteto-dev/state': 'crash-loop' },
                  },
                },
              },
            },
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        );
        store.patch(
          'deployments',
          n.namespace,
          n.deployment,
          {
            spec: {
              progressDeadlineSeconds: 10,
              template: {
                metadata: {
                  annotations: {
                    'sandbox.okteto-dev/pod-state': 'CrashLoopBackOff',
                  },
                },
              },
            },
          },
          'merge',
        );
      },
      async setTrackingMethod(method) {
        await stack.setTrackingMethod(method);
        for (const a of applications) {
          const live = store.get(
            'applications',
            WEB_CORE_ARGO_NAMESPACE,
            a.metadata.name,
          )!;
          const annotations = { ...live.metadata.annotations };
          if (method === 'label') {
            annotations[TRACKING_METHOD_ANNOTATION] = 'label';
          } else delete annotations[TRACKING_METHOD_ANNOTATION];
          store.put({ ...live, metadata: { ...live.metadata, annotations } });
        }
      },
      async refresh(app) {
        const name = webCoreNames(specOf(app)).application;
        await stack.refresh(name);
        sim.refresh(name);
      },
      close,
    };
    return twin;
  } catch (error) {
    await close();
    throw error;
  }
}
