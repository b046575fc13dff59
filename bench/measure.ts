// What a view costs, measured on the sandbox: one round trip, the requests a view made and in how
// many sequential round trips they came.
import { Sandbox } from '@okteto-dev/kube-sandbox';
import { percentiles } from './lib';
import { BenchBackend } from './setup';

/** One sandbox round trip: a namespaced LIST of Deployments, keep-alive, sequential (p50 of 18). */
export async function measureRtt(sandbox: Sandbox): Promise<{
  p50: number;
  samples: number;
}> {
  const rtts: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const res = await fetch(
      `${sandbox.url}/apis/apps/v1/namespaces/web-corporate-dev/deployments`,
      { headers: { authorization: `Bearer ${sandbox.token}` } },
    );
    await res.text();
    rtts.push(performance.now() - t);
  }
  return { p50: percentiles(rtts.slice(2)).p50, samples: rtts.length - 2 };
}

type RequestRecord = Sandbox['requests'][number];

/**
 * In how many sequential round trips `requests` came: a request that arrives more than half a
 * latency after the first of its wave starts the next wave (parallel requests arrive together).
 */
export function roundTrips(requests: RequestRecord[], latencyMs: number) {
  const times = requests.map(r => Date.parse(r.time)).sort((a, b) => a - b);
  let waves = 0;
  let waveStart = -Infinity;
  for (const t of times) {
    if (t - waveStart > latencyMs / 2) {
      waves++;
      waveStart = t;
    }
  }
  return waves;
}

/** A short label of one sandbox request: verb, resource path without the namespace, selector. */
export function label(r: RequestRecord): string {
  const selector = r.query.fieldSelector
    ? `?fieldSelector=${r.query.fieldSelector}`
    : r.query.labelSelector
    ? `?labelSelector=${r.query.labelSelector}`
    : '';
  return `${r.verb} ${r.path}${selector}`;
}

export interface ViewCost {
  status: number;
  ms: number;
  /** Cluster requests, round trips and what they were. */
  reads: number;
  roundTrips: number;
  paths: string[];
  /** Repository files read through the UrlReader. */
  repoReads: string[];
  body: any;
}

/** Runs `fn` and says what it cost the sandbox and the repository. */
export async function costOf(
  b: BenchBackend,
  latencyMs: number,
  fn: () => Promise<{ status: number; body?: any }>,
): Promise<ViewCost> {
  b.sandbox.counters.reset();
  b.repoReads.length = 0;
  const t = performance.now();
  const answer = await fn();
  const ms = performance.now() - t;
  const requests = [...b.sandbox.requests];
  const repoReads = [...b.repoReads];
  b.sandbox.counters.reset();
  b.repoReads.length = 0;
  return {
    status: answer.status,
    ms,
    reads: requests.length,
    roundTrips: roundTrips(requests, latencyMs),
    paths: requests.map(label),
    repoReads,
    body: answer.body,
  };
}
