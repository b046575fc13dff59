/*
 * The differential harness: one request, sent as it is to the kube-sandbox and
 * to the real kube-apiserver (packages/real-cluster), answers side by side.
 * Each side has its own namespace of the same name, so the answers compare
 * once uids, times and resourceVersions are normalized (normalize.ts).
 */
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { RealCluster, startRealCluster } from '@okteto-dev/real-cluster';
import {
  argoCdModuleDir,
  upstreamManifests,
} from '@okteto-dev/real-cluster/src/argocd';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { eventually } from '../../eventually';
import { USER } from '../../server/forbid';
import { Sandbox, startSandbox, SandboxOptions } from '../../index';

/** One HTTP request to an API server. */
export interface ApiRequest {
  method?: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Content-Type of the body (default application/json). */
  contentType?: string;
  accept?: string;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  /** Use the identity without any permission (the sandbox's forbidden namespaces). */
  unprivileged?: boolean;
}

/** An answer: status, content type and the parsed body (or its text). */
export interface ApiAnswer {
  status: number;
  contentType: string;
  body: any;
}

/** One server of the two. */
export interface Side {
  name: 'sandbox' | 'real';
  url: string;
  send(request: ApiRequest): Promise<ApiAnswer>;
  /**
   * A watch: the events until the server ends the stream (give `timeoutSeconds` in the query),
   * `until` holds, or `maxMs` passes.
   */
  watch(
    request: ApiRequest,
    options?: { until?: (events: any[]) => boolean; maxMs?: number },
  ): Promise<{ status: number; events: any[]; body?: any }>;
}

export interface Differential {
  sandbox: Side;
  real: Side;
  sides: [Side, Side];
  sandboxHandle: Sandbox;
  cluster: RealCluster;
  /** A namespace of this name on both sides (the real one is deleted by `close`). */
  namespace(prefix: string, labels?: Record<string, string>): Promise<string>;
  /** The request on both sides: [sandbox, real]. */
  both(request: ApiRequest): Promise<[ApiAnswer, ApiAnswer]>;
  /**
   * Until the returned function is called, the sandbox refuses `namespace` (its one token is then
   * the unprivileged identity there; on the real cluster `unprivileged` requests use a service
   * account without any role).
   */
  forbidOnSandbox(namespace: string): () => void;
  close(): Promise<void>;
}

function urlOf(base: string, request: ApiRequest): URL {
  const url = new URL(base.replace(/\/+$/, '') + request.path);
  for (const [k, v] of Object.entries(request.query ?? {})) {
    url.searchParams.set(k, v);
  }
  return url;
}

function parse(text: string, contentType: string): any {
  if (/json/.test(contentType) || /^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function makeSide(
  name: Side['name'],
  base: string,
  tokens: { privileged: string; unprivileged: string },
  ca?: string,
): Side {
  const open = (
    request: ApiRequest,
    onResponse: (res: http.IncomingMessage) => void,
    onError: (e: Error) => void,
  ) => {
    const url = urlOf(base, request);
    const body =
      request.rawBody ??
      (request.body === undefined ? undefined : JSON.stringify(request.body));
    const headers: Record<string, string> = {
      Authorization: `Bearer ${
        request.unprivileged ? tokens.unprivileged : tokens.privileged
      }`,
      Accept: request.accept ?? 'application/json',
    };
    if (body !== undefined) {
      headers['Content-Type'] = request.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const options = { method: request.method ?? 'GET', headers, ca };
    const req =
      url.protocol === 'https:'
        ? https.request(url, options, onResponse)
        : http.request(url, options, onResponse);
    req.on('error', onError);
    if (body !== undefined) req.write(body);
    req.end();
    return req;
  };
  return {
    name,
    url: base,
    send: request =>
      new Promise((resolve, reject) => {
        open(
          request,
          res => {
            const chunks: Buffer[] = [];
            res.on('data', c => chunks.push(c));
            res.on('end', () => {
              const contentType = String(res.headers['content-type'] ?? '');
              resolve({
                status: res.statusCode ?? 0,
                contentType,
                body: parse(
                  Buffer.concat(chunks).toString('utf8'),
                  contentType,
                ),
              });
            });
            res.on('error', reject);
          },
          reject,
        );
      }),
    watch: (request, options = {}) =>
      new Promise((resolve, reject) => {
        const events: any[] = [];
        let settled = false;
        let req: http.ClientRequest | undefined = undefined;
        let timer: NodeJS.Timeout | undefined = undefined;
        const finish = (status: number, body?: any) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          req?.destroy();
          resolve({ status, events, ...(body !== undefined ? { body } : {}) });
        };
        timer = setTimeout(() => finish(200), options.maxMs ?? 30_000);
        req = open(
          request,
          res => {
            const status = res.statusCode ?? 0;
            let buffered = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              buffered += chunk;
              if (status !== 200) return;
              let nl = buffered.indexOf('\n');
              while (nl >= 0) {
                const line = buffered.slice(0, nl).trim();
                buffered = buffered.slice(nl + 1);
                if (line) events.push(JSON.parse(line));
                nl = buffered.indexOf('\n');
              }
              if (options.until?.(events)) finish(status);
            });
            res.on('end', () =>
              finish(
                status,
                status === 200
                  ? undefined
                  : parse(buffered, String(res.headers['content-type'])),
              ),
            );
            res.on('error', () => finish(status));
          },
          e => (settled ? undefined : reject(e)),
        );
      }),
  };
}

/** Argo CD's CRDs (Application, ApplicationSet, AppProject) from its module, Established. */
export async function ensureArgoCrds(kc: KubeConfig): Promise<void> {
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const crds = upstreamManifests(argoCdModuleDir(), 'manifests/crds');
  for (const crd of crds) {
    await objects.patch(
      crd,
      undefined,
      undefined,
      'okteto-dev-tests',
      true,
      PatchStrategy.ServerSideApply,
    );
  }
  for (const crd of crds) {
    await eventually(
      async () => {
        const got = (await objects.read({
          apiVersion: crd.apiVersion!,
          kind: crd.kind!,
          metadata: { name: crd.metadata!.name! },
        })) as { status?: { conditions?: { type: string; status: string }[] } };
        return got.status?.conditions?.some(
          c => c.type === 'Established' && c.status === 'True',
        );
      },
      { what: `CRD ${crd.metadata!.name} Established`, timeoutMs: 60_000 },
    );
  }
  // the watch cache of a new resource initializes after the CRD is Established: until it has,
  // cache-served reads and watches are 429 "storage is (re)initializing"
  const custom = kc.makeApiClient(CustomObjectsApi);
  for (const crd of crds) {
    const spec = (crd as any).spec;
    const version = spec.versions[0].name;
    await eventually(
      async () => {
        await custom.listClusterCustomObject({
          group: spec.group,
          version,
          plural: spec.names.plural,
          resourceVersion: '0',
          limit: 1,
        });
        return true;
      },
      { what: `the watch cache of ${crd.metadata!.name}`, timeoutMs: 60_000 },
    );
  }
}

/**
 * The identity the sandbox's token is (`system:serviceaccount:kube-sandbox:sandbox`, see
 * server/forbid.ts), on the real cluster with no role at all: every request it makes is one RBAC
 * refuses, as the sandbox refuses what a scenario forbids.
 */
async function unprivilegedToken(kc: KubeConfig): Promise<string> {
  const [, , namespace, name] = USER.split(':');
  const core = kc.makeApiClient(CoreV1Api);
  await core
    .createNamespace({ body: { metadata: { name: namespace } } })
    .catch(() => undefined);
  await core
    .createNamespacedServiceAccount({ namespace, body: { metadata: { name } } })
    .catch(() => undefined);
  const token = await eventually(
    () =>
      core
        .createNamespacedServiceAccountToken({
          namespace,
          name,
          body: { spec: { audiences: [], expirationSeconds: 3600 } },
        })
        .then(t => t.status?.token),
    { what: 'a token of the unprivileged service account' },
  );
  return token;
}

/**
 * The sandbox (empty, its workload controller on, no Argo CD simulation) and the test run's real
 * cluster, each behind a {@link Side}.
 */
export async function startDifferential(
  sandboxOptions: SandboxOptions = {},
): Promise<Differential> {
  const cluster = await startRealCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  await ensureArgoCrds(kc);
  const realUnprivileged = await unprivilegedToken(kc);
  const sandboxHandle = await startSandbox({
    argocd: false,
    groups: { argoproj: true },
    ...sandboxOptions,
  });
  // the sandbox has one token: its "unprivileged" requests go to namespaces it forbids
  const sandbox = makeSide('sandbox', sandboxHandle.url, {
    privileged: sandboxHandle.token!,
    unprivileged: sandboxHandle.token!,
  });
  const real = makeSide(
    'real',
    cluster.url,
    { privileged: cluster.token, unprivileged: realUnprivileged },
    cluster.ca,
  );
  const created: string[] = [];
  const core = kc.makeApiClient(CoreV1Api);
  return {
    sandbox,
    real,
    sides: [sandbox, real],
    sandboxHandle,
    cluster,
    async namespace(prefix, labels) {
      const name = `${prefix}-${randomBytes(3).toString('hex')}`;
      const body = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, ...(labels ? { labels } : {}) },
      };
      for (const side of [sandbox, real]) {
        const res = await side.send({
          method: 'POST',
          path: '/api/v1/namespaces',
          body,
        });
        if (res.status !== 201) {
          throw new Error(
            `namespace ${name} on ${side.name}: ${JSON.stringify(res.body)}`,
          );
        }
      }
      created.push(name);
      return name;
    },
    async both(request) {
      return Promise.all([sandbox.send(request), real.send(request)]);
    },
    forbidOnSandbox(namespace) {
      const list = sandboxHandle.forbid.namespaces;
      list.push(namespace);
      return () => {
        const i = list.indexOf(namespace);
        if (i >= 0) list.splice(i, 1);
      };
    },
    async close() {
      await sandboxHandle.close();
      await Promise.all(
        created.map(name =>
          core.deleteNamespace({ name }).catch(() => undefined),
        ),
      );
      await cluster.close();
    },
  };
}
