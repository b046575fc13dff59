import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { ArgoCdSimulation } from '../argocd';
import { createStore } from '../createStore';
import type { Sandbox } from '../index';
import { deepEqual } from '../patch';
import { applyScenario, loadScenario } from '../scenario';
import type { SandboxStore } from '../store';
import type { KubeObject } from '../types';
import { webCoreAppObjects, WebCoreAppSpec } from '../webcore';

/** Test helpers (not exported from the package entry point). */

export const KUBECTL = '/usr/bin/kubectl';
export const hasKubectl = fs.existsSync(KUBECTL);

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: unknown;
}

/** A plain HTTP request against an (HTTP) sandbox. */
export function raw(
  sb: Pick<Sandbox, 'url' | 'token'>,
  method: string,
  path: string,
  opts: {
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    token?: string | null;
  } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...opts.headers,
  };
  const token = opts.token === undefined ? sb.token : opts.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  const payload =
    opts.rawBody ??
    (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (payload !== undefined && !headers['Content-Type']) {
    headers['Content-Type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, sb.url),
      { method, headers },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json,
          });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number>;
}

/** Spawns kubectl with a kubeconfig and a private discovery cache. */
export function kubectl(
  kubeconfig: string,
  cacheDir: string,
  args: string[],
): Proc {
  const child = spawn(
    KUBECTL,
    ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exit = new Promise<number>(resolve =>
    child.on('close', code => resolve(code ?? -1)),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Runs kubectl to completion. */
export async function kubectlRun(
  kubeconfig: string,
  cacheDir: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = kubectl(kubeconfig, cacheDir, args);
  const code = await p.exit;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Loose access to the JSON of an object in assertions. */
export type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const specOf = (o: KubeObject | undefined): Any => o!.spec as Any;
export const statusOf = (o: KubeObject | undefined): Any => o!.status as Any;

/** A store with the workload controller and the web-core scenario applied. */
export async function webCoreStore(): Promise<{
  store: SandboxStore;
  argocd: ArgoCdSimulation;
}> {
  const store = createStore();
  const { argocd } = await applyScenario(store, loadScenario('web-core'));
  return { store, argocd: argocd! };
}

export interface Write {
  type: string;
  kind: string;
  name: string;
}

function withoutStatus(o: KubeObject | undefined): unknown {
  if (!o) return undefined;
  const { status: _s, metadata, ...rest } = o;
  const { resourceVersion: _r, generation: _g, ...m } = metadata;
  return { ...rest, metadata: m };
}

/**
 * Records the writes to objects of these kinds (status-only changes, which
 * controllers make, left out) — the order a client wrote them in.
 */
export function recordWrites(
  store: SandboxStore,
  kinds: string[],
): { writes: Write[]; stop: () => void } {
  const writes: Write[] = [];
  const stop = store.subscribe(e => {
    if (!kinds.includes(e.resource.kind)) return;
    if (
      e.type === 'MODIFIED' &&
      deepEqual(withoutStatus(e.previous), withoutStatus(e.object))
    ) {
      return;
    }
    writes.push({
      type: e.type,
      kind: e.resource.kind,
      name: e.object.metadata.name,
    });
  });
  return { writes, stop };
}

/** A store with these web-core style apps (and the `argo` namespace). */
export async function appsStore(
  specs: WebCoreAppSpec[],
  clock = '2025-06-02T09:45:00Z',
): Promise<{ store: SandboxStore; argocd: ArgoCdSimulation }> {
  const store = createStore();
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argo' } },
    ...specs.flatMap(webCoreAppObjects),
  ];
  const { argocd } = await applyScenario(store, {
    name: 'test',
    objects,
    options: { argocd: { clock } },
  });
  return { store, argocd: argocd! };
}
