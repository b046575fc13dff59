import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { Sandbox } from './index';

/** Test helpers (not exported from the package entry point). */

export const KUBECTL = '/usr/bin/kubectl';
export const hasKubectl = fs.existsSync(KUBECTL);

/** Polls `fn` until it returns a truthy value (bounded, no fixed sleeps). */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  timeoutMs = 10000,
  intervalMs = 25,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

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
