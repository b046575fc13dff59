// A closed-loop HTTP load generator, run in its own process so it has its own event loop (and, on
// a 2-core machine, its own core) and its own memory, apart from the backend under test.
// `concurrency` virtual viewers each send one request, wait for the answer, and send the next,
// until `durationMs` has passed. Bounded: no new request starts after the deadline, and every
// request gives up after `timeoutMs`.
//
// `revalidate`: like a browser's HTTP cache, each target remembers the ETag of its last 200 and
// sends it as If-None-Match; a 304 counts as an answer (the browser shows the body it has).
// `freshUsers`: `{user}` in a header becomes a user never seen before on every request, so
// nothing remembered per user (authorization) is ever reused.
// A target may name its own `port` (several replicas behind one load).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

async function main(config) {
  const {
    port,
    targets, // [{ method, path, headers, body }], used round-robin
    concurrency,
    durationMs,
    timeoutMs = 30_000,
    inspect = false, // parse JSON answers: stale ages and error types (fault drill)
    revalidate = false,
    freshUsers = false,
    pauseAfterErrorMs = 0, // a viewer whose request failed waits this long, as a browser would
  } = config;

  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const etags = new Map();
  let users = 0;
  let bytes = 0;
  const latencies = [];
  const statuses = {};
  let nonJson = 0;
  let clientErrors = 0;
  let staleAnswers = 0;
  let maxStaleAge = 0;
  const staleAges = [];
  const errorTypes = {};
  let next = 0;

  function headersOf(target, index) {
    let headers = target.headers;
    if (freshUsers) {
      const user = `viewer-${++users}`;
      headers = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, v.replace('{user}', user)]),
      );
    }
    const etag = revalidate ? etags.get(index) : undefined;
    return etag ? { ...headers, 'if-none-match': etag } : headers;
  }

  function once(target, index) {
    return new Promise(resolve => {
      const started = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port: target.port ?? port,
          method: target.method,
          path: target.path,
          headers: headersOf(target, index),
          agent,
        },
        res => {
          const chunks = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            if (revalidate && res.statusCode === 200 && res.headers.etag) {
              etags.set(index, res.headers.etag);
            }
            const body = Buffer.concat(chunks);
            bytes += body.length;
            resolve({
              status: res.statusCode ?? 0,
              latency: performance.now() - started,
              body,
              type: String(res.headers['content-type'] ?? ''),
            });
          });
          res.on('error', () =>
            resolve({ status: 0, latency: performance.now() - started }),
          );
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', () =>
        resolve({ status: 0, latency: performance.now() - started }),
      );
      req.end(target.body);
    });
  }

  function record(answer) {
    latencies.push(answer.latency);
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer.status === 0) {
      clientErrors++;
      return;
    }
    if (!inspect) return;
    let json;
    try {
      json = JSON.parse(answer.body.toString('utf8'));
    } catch {
      nonJson++;
      return;
    }
    if (json && json.stale && typeof json.stale.ageSeconds === 'number') {
      staleAnswers++;
      maxStaleAge = Math.max(maxStaleAge, json.stale.ageSeconds);
      if (staleAges.length < 100_000) staleAges.push(json.stale.ageSeconds);
    }
    for (const e of (json && json.errors) || []) {
      errorTypes[e.type] = (errorTypes[e.type] ?? 0) + 1;
    }
  }

  async function viewer(deadline) {
    while (performance.now() < deadline) {
      const index = next++ % targets.length;
      const answer = await once(targets[index], index);
      record(answer);
      if (answer.status === 0 && pauseAfterErrorMs > 0) {
        await new Promise(r => setTimeout(r, pauseAfterErrorMs));
      }
    }
  }

  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, () => viewer(deadline)),
  );
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return {
    latencies,
    statuses,
    nonJson,
    clientErrors,
    staleAnswers,
    maxStaleAge,
    staleAges,
    errorTypes,
    elapsedMs,
    bytes,
  };
}

// Run as a worker thread (workerData) or as a forked child process (first IPC message); a child
// process keeps the load generator's memory out of the measured process's RSS.
if (parentPort) {
  parentPort.postMessage(await main(workerData));
} else {
  process.once('message', async config => {
    const result = await main(config);
    process.send(result, () => process.exit(0));
  });
}
