/* eslint-disable no-console */
// Small helpers shared by the benchmarks: arguments, percentiles, tables, the load generator,
// goals and the results file. Nothing here asserts on time; benches report numbers and ratios.
import fs from 'node:fs';
import path from 'node:path';
import { fork } from 'node:child_process';
import type { BenchCluster } from './cluster';

export const ROOT = path.resolve(__dirname, '..');
export const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'latest.json');

export interface BenchArgs {
  quick: boolean;
  only?: string[];
  /** Added latency of the sandbox per request (ms). */
  latencyMs: number;
  /** Only the sandbox: no real kube-apiserver beside it (`--sandbox-only`). */
  sandboxOnly: boolean;
}

export function parseArgs(argv: string[]): BenchArgs {
  const get = (name: string) =>
    argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = get('only');
  return {
    quick: argv.includes('--quick'),
    only: only ? only.split(',').map(s => s.trim()) : undefined,
    latencyMs: Number(get('latency') ?? 20),
    sandboxOnly: argv.includes('--sandbox-only'),
  };
}

export interface Goal {
  goal: string;
  met: boolean | 'partly' | null; // null: not measured
  measured: string;
  why: string;
}

export interface BenchContext {
  args: BenchArgs;
  /** The JSON written to bench/results/latest.json, filled by each bench. */
  results: Record<string, unknown>;
  goals: Goal[];
  /** Lines for the one-line-per-bench summary. */
  summary: string[];
  /**
   * The real kube-apiserver of this run, which the cost, cold-view and latency benches read after
   * the sandbox: started on first use, shared, stopped at the end; `undefined` with
   * `--sandbox-only`.
   */
  realCluster(): Promise<BenchCluster | undefined>;
}

/** The clusters a bench reads in turn: the sandbox (each bench starts its own), then the real one. */
export async function benchClusters(
  ctx: BenchContext,
): Promise<Array<{ kind: 'sandbox' | 'real'; cluster?: BenchCluster }>> {
  const real = await ctx.realCluster();
  return [
    { kind: 'sandbox' },
    ...(real ? [{ kind: 'real' as const, cluster: real }] : []),
  ];
}

export const say = (message: string) => console.log(`[bench] ${message}`);

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// statistics

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
function rank(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[i];
}

export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const arr = Array.from(sorted);
  const sum = arr.reduce((a, b) => a + b, 0);
  return {
    n: arr.length,
    p50: rank(arr, 50),
    p95: rank(arr, 95),
    p99: rank(arr, 99),
    mean: arr.length ? sum / arr.length : NaN,
    max: arr.length ? arr[arr.length - 1] : NaN,
  };
}

export function median(values: number[]): number {
  return percentiles(values).p50;
}

/** Round for display: 3 significant-ish digits. */
export function fmt(n: number | undefined | null, digits = 1): string {
  if (n === undefined || n === null || Number.isNaN(n)) return 'n/a';
  if (!Number.isFinite(n)) return '∞';
  if (Math.abs(n) >= 100) return n.toFixed(0);
  return n.toFixed(digits);
}

export function ratio(a: number, b: number): number {
  return b === 0 ? (a === 0 ? 1 : Infinity) : a / b;
}

// ---------------------------------------------------------------------------------------------
// tables

export interface Table {
  title: string;
  headers: string[];
  rows: Array<Array<string | number>>;
  note?: string;
}

/** Prints a table as Markdown (so it can be pasted into docs/benchmarks.md as is). */
export function printTable(table: Table): void {
  const cells = [table.headers, ...table.rows.map(r => r.map(String))];
  const widths = table.headers.map((_, i) =>
    Math.max(...cells.map(r => (r[i] ?? '').length)),
  );
  const line = (r: string[]) =>
    `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n### ${table.title}\n`);
  console.log(line(table.headers));
  console.log(`| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`);
  for (const r of cells.slice(1)) console.log(line(r));
  if (table.note) console.log(`\n${table.note}`);
  console.log('');
}

// ---------------------------------------------------------------------------------------------
// load generation

export interface LoadTarget {
  /** Another backend than the load's `port` (replicas). */
  port?: number;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  latency: Percentiles;
  /** Every request's latency (ms), to merge several loads. */
  samples: number[];
  requests: number;
  rps: number;
  statuses: Record<string, number>;
  nonJson: number;
  clientErrors: number;
  staleAnswers: number;
  maxStaleAge: number;
  staleAge: Percentiles;
  errorTypes: Record<string, number>;
  elapsedMs: number;
  /** Body bytes received in all. */
  bytes: number;
}

/** Runs a closed-loop load of `concurrency` viewers for `durationMs` in a child process. */
export function runLoad(options: {
  port: number;
  targets: LoadTarget[];
  concurrency: number;
  durationMs: number;
  timeoutMs?: number;
  inspect?: boolean;
  /** Send If-None-Match with each target's last ETag, as a browser does. */
  revalidate?: boolean;
  /** `{user}` in headers: a new user on every request. */
  freshUsers?: boolean;
  /** A viewer whose request failed (no HTTP answer) waits this long before the next. */
  pauseAfterErrorMs?: number;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'loadWorker.mjs'), [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let done = false;
    child.once('message', (m: any) => {
      done = true;
      resolve({
        latency: percentiles(m.latencies),
        samples: m.latencies,
        requests: m.latencies.length,
        rps: m.latencies.length / (m.elapsedMs / 1000),
        statuses: m.statuses,
        nonJson: m.nonJson,
        clientErrors: m.clientErrors,
        staleAnswers: m.staleAnswers,
        maxStaleAge: m.maxStaleAge,
        staleAge: percentiles(m.staleAges),
        errorTypes: m.errorTypes,
        elapsedMs: m.elapsedMs,
        bytes: m.bytes,
      });
    });
    child.once('error', reject);
    child.once('exit', code => {
      if (!done)
        reject(
          new Error(`load generator exited with ${code} before reporting`),
        );
    });
    child.send(options);
  });
}

// ---------------------------------------------------------------------------------------------
// jest shim

/**
 * `createMockActionContext` (scaffolder test utils) and the `mock()` helpers of
 * backend-test-utils call `jest.fn()`. Outside Jest, a minimal stand-in is enough for them.
 */
export function installJestShim(): void {
  const g = globalThis as any;
  if (g.jest) return;
  const fn = (impl?: (...args: any[]) => any) => {
    let implementation = impl;
    const mock: any = function mocked(this: unknown, ...args: any[]) {
      mock.mock.calls.push(args);
      return implementation?.apply(this, args);
    };
    mock.mock = { calls: [] as any[][] };
    mock.mockImplementation = (f: any) => {
      implementation = f;
      return mock;
    };
    mock.mockReturnValue = (v: any) => mock.mockImplementation(() => v);
    mock.mockResolvedValue = (v: any) => mock.mockImplementation(async () => v);
    mock.mockReturnThis = () =>
      mock.mockImplementation(function self(this: unknown) {
        return this;
      });
    return mock;
  };
  g.jest = { fn };
}

// ---------------------------------------------------------------------------------------------
// results

export function writeResults(
  ctx: BenchContext,
  extra: Record<string, unknown>,
): string {
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  let text = `${JSON.stringify(
    { ...extra, results: ctx.results, goals: ctx.goals, summary: ctx.summary },
    null,
    2,
  )}\n`;
  try {
    // formatted like the rest of the repository, so `prettier --check .` stays clean
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    text = require('prettier').format(text, { parser: 'json' });
  } catch {
    // plain JSON.stringify output is fine too
  }
  fs.writeFileSync(RESULTS_FILE, text);
  return RESULTS_FILE;
}

export function rssMiB(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

export function gc(): void {
  const g = (globalThis as any).gc;
  if (typeof g === 'function') {
    g();
    g();
  }
}
