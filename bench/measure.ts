// What a view costs: the requests the cluster received (counted by the cluster), in how many
// sequential round trips the backend sent them (seen from the client), and the repository files
// it read.
import { clientTimeline, requestLabel, roundTrips } from './cluster';
import { BenchBackend } from './setup';

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

/** Runs `fn` and says what it cost the cluster and the repository. */
export async function costOf(
  b: BenchBackend,
  fn: () => Promise<{ status: number; body?: any }>,
): Promise<ViewCost> {
  await b.cluster.reset();
  b.repoReads.length = 0;
  const timeline = clientTimeline(b.cluster.url);
  const t = performance.now();
  const answer = await fn();
  const ms = performance.now() - t;
  const calls = timeline.stop();
  const requests = await b.cluster.requests();
  const repoReads = [...b.repoReads];
  await b.cluster.reset();
  b.repoReads.length = 0;
  return {
    status: answer.status,
    ms,
    reads: requests.length,
    roundTrips: roundTrips(calls),
    paths: requests.map(requestLabel),
    repoReads,
    body: answer.body,
  };
}
