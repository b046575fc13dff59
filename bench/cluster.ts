// The cluster a bench reads: the kube-sandbox (in process, a fixed added latency) or the real
// kube-apiserver (bench/realCluster.ts). Both count every request okteto-dev and the Kubernetes
// plugin send them, say when each arrived and finished, and measure one round trip: the unit of
// the latency ratios.
import { JsonObject } from '@backstage/types';
import { Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import https from 'node:https';
import { percentiles } from './lib';

/** One request the cluster received, as the cluster recorded it. */
export interface ClusterRequest {
  /** Kubernetes verb: list, get, watch, … */
  verb: string;
  /** The path without the query. */
  path: string;
  query: Record<string, string>;
  /** HTTP status of the answer (0: none, e.g. a refused connection). */
  status: number;
  /** When the server received it and when it finished (ms since the epoch; the sandbox's end is
   * its arrival plus the added latency). */
  receivedMs: number;
  completedMs: number;
  /** Who sent it, when the cluster can tell: `okteto-dev` or `kubernetes` (the plugin). */
  client?: 'okteto-dev' | 'kubernetes';
}

/** A cluster under bench. */
export interface BenchCluster {
  kind: 'sandbox' | 'real';
  /** Short, for table titles: `sandbox` or `real kube-apiserver v1.36.3`. */
  label: string;
  /** The API server's URL. */
  url: string;
  /** okteto-dev's `oktetoDev.clusters[]` entry for it. */
  oktetoDevCluster: JsonObject;
  /** The Kubernetes plugin's cluster entry (config locator). */
  kubernetesCluster: JsonObject;
  /** Forgets the requests counted so far. */
  reset(): Promise<void>;
  /** The requests since reset(), once the cluster has recorded all of them. */
  requests(): Promise<ClusterRequest[]>;
  /** How many requests since reset() (cheaper than requests() on a long load). */
  count(): Promise<number>;
  /** One round trip: a namespaced LIST of Deployments, keep-alive, sequential (p50 of 18). */
  roundTrip(): Promise<{ p50: number; samples: number }>;
  /** The sandbox itself (drills, live mode), when it is one. */
  sandbox?: Sandbox;
  /** Stops what this handle owns (a shared real cluster stays up). */
  close(): Promise<void>;
}

/** One HTTP request this process sent to the cluster, seen from the client. */
export interface ClientCall {
  path: string;
  /** When it was sent and when its answer's body ended (performance.now()). */
  startMs: number;
  endMs: number;
}

/**
 * Records the HTTP requests this process sends to `url`'s host (okteto-dev's and the Kubernetes
 * plugin's clients both use Node's http/https) through Node's diagnostics channel
 * `http.client.request.start`, each until its answer ends. Client-side times tell which requests
 * were sent together: on a server answering in 2 ms, the server's own arrival times also show
 * the client's event loop, busy between two sends of one batch.
 */
export function clientTimeline(url: string): { stop(): ClientCall[] } {
  const host = new URL(url).host;
  const calls: ClientCall[] = [];
  const onStart = (message: unknown) => {
    const req = (message as { request: http.ClientRequest }).request;
    if (String(req.getHeader('host') ?? req.host) !== host) return;
    const call: ClientCall = {
      path: req.path,
      startMs: performance.now(),
      endMs: Infinity,
    };
    calls.push(call);
    req.once('response', (res: http.IncomingMessage) =>
      res.once('end', () => {
        call.endMs = performance.now();
      }),
    );
  };
  diagnostics.subscribe('http.client.request.start', onStart);
  return {
    stop() {
      diagnostics.unsubscribe('http.client.request.start', onStart);
      return calls;
    },
  };
}

/**
 * In how many sequential round trips `calls` went: a call sent after an answer of the current
 * wave had ended starts the next wave (it may have waited for that answer); calls sent before
 * any of them was answered went together.
 */
export function roundTrips(
  calls: Array<Pick<ClientCall, 'startMs' | 'endMs'>>,
): number {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs);
  let waves = 0;
  let firstEnd = -Infinity;
  for (const c of sorted) {
    if (c.startMs >= firstEnd) {
      waves++;
      firstEnd = c.endMs;
    } else {
      firstEnd = Math.min(firstEnd, c.endMs);
    }
  }
  return waves;
}

/** A short label of one request: verb, path, selector. */
export function requestLabel(r: ClusterRequest): string {
  const selector = r.query.fieldSelector
    ? `?fieldSelector=${r.query.fieldSelector}`
    : r.query.labelSelector
    ? `?labelSelector=${r.query.labelSelector}`
    : '';
  return `${r.verb} ${r.path}${selector}`;
}

/** Sequential GETs of `url` over one keep-alive connection; p50 of all but the first two. */
export async function measureRoundTrip(
  get: () => Promise<unknown>,
): Promise<{ p50: number; samples: number }> {
  const rtts: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await get();
    rtts.push(performance.now() - t);
  }
  return { p50: percentiles(rtts.slice(2)).p50, samples: rtts.length - 2 };
}

/** A GET over HTTPS trusting `ca`, through a keep-alive agent; resolves with the status. */
export function httpsGetter(options: {
  url: string;
  token: string;
  ca: string;
}): { get(path: string): Promise<number>; close(): void } {
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 1,
    ca: options.ca,
  });
  return {
    get: path =>
      new Promise((resolve, reject) => {
        const req = https.request(
          `${options.url}${path}`,
          {
            agent,
            headers: { authorization: `Bearer ${options.token}` },
          },
          res => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end();
      }),
    close: () => agent.destroy(),
  };
}

/**
 * The kube-sandbox with the web-core scenario and a fixed added latency per request. It counts
 * every request it receives (arrival time); a request's end is its arrival plus that latency,
 * which dominates the sandbox's time. One token for both plugins: it cannot tell them apart.
 */
export async function sandboxCluster(latencyMs: number): Promise<BenchCluster> {
  const sandbox = await startSandbox({ scenario: 'web-core', latencyMs });
  const entry = {
    name: 'default',
    url: sandbox.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: sandbox.token!,
  };
  const requests = (): ClusterRequest[] =>
    sandbox.requests.map(r => {
      const receivedMs = Date.parse(r.time);
      return {
        verb: r.verb,
        path: r.path,
        query: r.query,
        status: r.status,
        receivedMs,
        completedMs: receivedMs + sandbox.latencyMs,
      };
    });
  return {
    kind: 'sandbox',
    label: 'sandbox',
    url: sandbox.url,
    // the sandbox serves plain http on loopback
    oktetoDevCluster: { ...entry, dangerouslyAllowPlainHttp: true },
    kubernetesCluster: {
      ...entry,
      skipTLSVerify: true,
      skipMetricsLookup: true,
    },
    async reset() {
      sandbox.counters.reset();
    },
    async requests() {
      return requests();
    },
    async count() {
      return sandbox.counters.total;
    },
    roundTrip: () =>
      measureRoundTrip(async () => {
        const res = await fetch(
          `${sandbox.url}/apis/apps/v1/namespaces/web-corporate-dev/deployments`,
          { headers: { authorization: `Bearer ${sandbox.token}` } },
        );
        await res.text();
      }),
    sandbox,
    close: () => sandbox.close(),
  };
}
