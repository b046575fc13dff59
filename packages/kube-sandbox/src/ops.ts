import http from 'node:http';
import https from 'node:https';
import { apiVersionOf, resolveType, ResourceType } from './discovery';
import { ApiError } from './errors';
import type { ClusterAccess } from './kubeconfig';
import type { SandboxStore } from './store';
import type { JsonObject, KubeObject } from './types';

/**
 * The handful of ordinary Kubernetes API calls the Okteto simulation
 * needs — implemented over HTTP (any API server) or on a store directly.
 */
export interface KubeOps {
  get(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): Promise<KubeObject | undefined>;
  list(
    resource: string,
    namespace?: string,
    labelSelector?: string,
  ): Promise<KubeObject[]>;
  create(obj: KubeObject): Promise<KubeObject>;
  update(obj: KubeObject): Promise<KubeObject>;
  /** JSON merge patch (RFC 7386). */
  patch(
    resource: string,
    namespace: string | undefined,
    name: string,
    patch: JsonObject,
  ): Promise<KubeObject>;
  delete(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): Promise<boolean>;
}

export function storeOps(store: SandboxStore): KubeOps {
  return {
    get: async (r, ns, name) => store.get(r, ns, name),
    list: async (r, namespace, labelSelector) =>
      store.list(r, { namespace, labelSelector }),
    create: async obj => store.create(obj),
    update: async obj => store.update(obj),
    patch: async (r, ns, name, p) => store.patch(r, ns, name, p, 'merge'),
    delete: async (r, ns, name) => Boolean(store.delete(r, ns, name)),
  };
}

function resourcePath(
  t: ResourceType,
  namespace?: string,
  name?: string,
): string {
  const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const ns =
    t.namespaced && namespace
      ? `/namespaces/${encodeURIComponent(namespace)}`
      : '';
  const n = name ? `/${encodeURIComponent(name)}` : '';
  return `${base}${ns}/${t.plural}${n}`;
}

interface HttpResult {
  status: number;
  body: unknown;
}

/** A minimal JSON request over http/https (honours the kubeconfig's TLS). */
function kubeRequest(
  access: ClusterAccess,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<HttpResult> {
  const url = new URL(path, access.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (access.token) headers.Authorization = `Bearer ${access.token}`;
  if (payload !== undefined) {
    headers['Content-Type'] = contentType;
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  const isHttps = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (isHttps ? https : http).request(
      url,
      {
        method,
        headers,
        ...(isHttps
          ? { ca: access.ca, rejectUnauthorized: !access.insecureSkipTlsVerify }
          : {}),
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // keep the raw text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

function toError(r: HttpResult): ApiError {
  const s = (r.body ?? {}) as JsonObject;
  return new ApiError(
    r.status,
    typeof s.reason === 'string' ? s.reason : 'Unknown',
    typeof s.message === 'string' ? s.message : `HTTP ${r.status}`,
    s.details as JsonObject | undefined,
  );
}

/** KubeOps over the Kubernetes REST API. */
export function httpOps(access: ClusterAccess): KubeOps {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    ct?: string,
  ) => {
    const r = await kubeRequest(access, method, path, body, ct);
    if (r.status < 200 || r.status >= 300) throw toError(r);
    return r.body;
  };
  const typeOfObj = (obj: KubeObject) => {
    const t = resolveType(obj.kind);
    if (apiVersionOf(t) !== obj.apiVersion) {
      throw new Error(`unsupported ${obj.apiVersion} ${obj.kind}`);
    }
    return t;
  };
  return {
    async get(r, ns, name) {
      const res = await kubeRequest(
        access,
        'GET',
        resourcePath(resolveType(r), ns, name),
      );
      if (res.status === 404) return undefined;
      if (res.status !== 200) throw toError(res);
      return res.body as KubeObject;
    },
    async list(r, ns, labelSelector) {
      const t = resolveType(r);
      const q = labelSelector
        ? `?labelSelector=${encodeURIComponent(labelSelector)}`
        : '';
      const list = (await call('GET', `${resourcePath(t, ns)}${q}`)) as {
        items: KubeObject[];
      };
      return list.items.map(i => ({
        ...i,
        apiVersion: apiVersionOf(t),
        kind: t.kind,
      }));
    },
    async create(obj) {
      const t = typeOfObj(obj);
      return (await call(
        'POST',
        resourcePath(t, obj.metadata.namespace),
        obj,
      )) as KubeObject;
    },
    async update(obj) {
      const t = typeOfObj(obj);
      return (await call(
        'PUT',
        resourcePath(t, obj.metadata.namespace, obj.metadata.name),
        obj,
      )) as KubeObject;
    },
    async patch(r, ns, name, p) {
      return (await call(
        'PATCH',
        resourcePath(resolveType(r), ns, name),
        p,
        'application/merge-patch+json',
      )) as KubeObject;
    },
    async delete(r, ns, name) {
      const res = await kubeRequest(
        access,
        'DELETE',
        resourcePath(resolveType(r), ns, name),
      );
      if (res.status === 404) return false;
      if (res.status !== 200) throw toError(res);
      return true;
    },
  };
}
