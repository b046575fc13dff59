import { Read } from '../derive/types';
import { ListScope } from '../kube/ClusterClient';
import { ClusterReads } from './fetchDevObjects';

/** How long a LIST across all namespaces answers the batches that follow it. */
export const RECENT_LISTS_MS = 5000;

interface Kept {
  at: number;
  read: Promise<Read<unknown[]>>;
}

/**
 * The wide LISTs of batches — one kind across all namespaces, or every Application of an Argo CD
 * namespace — reused by the batches that follow within `maxAgeMs`: a search collation asks for
 * its entities a page of 500 at a time, one batch after the other, and 2,000 entities then cost
 * the LISTs of one batch, not of four. Reads of one namespace or one Application (a card view)
 * are never reused. The answers say when their data was read: {@link RecentLists.reader}'s
 * `oldest` is the time of the oldest LIST a fetch used, which becomes its `fetchedAt`.
 */
export class RecentLists {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly maxAgeMs = RECENT_LISTS_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** `client`, with its wide LISTs shared; `used.oldest` is set to the oldest one served. */
  reader(
    cluster: string,
    client: ClusterReads,
    used: { oldest?: number },
  ): ClusterReads {
    const shared = <T>(
      key: string,
      list: () => Promise<Read<T[]>>,
    ): Promise<Read<T[]>> => {
      const now = this.now();
      let kept = this.kept.get(key);
      if (!kept || now - kept.at >= this.maxAgeMs) {
        kept = { at: now, read: list() as Promise<Read<unknown[]>> };
        this.kept.set(key, kept);
        const mine = kept;
        // a failed read is not kept: the next batch asks again
        mine.read.then(read => {
          if (!read.ok && this.kept.get(key) === mine) this.kept.delete(key);
        });
      }
      used.oldest = Math.min(used.oldest ?? kept.at, kept.at);
      return kept.read as Promise<Read<T[]>>;
    };
    const wide = <T>(
      kind: string,
      scope: ListScope,
      list: (scope: ListScope) => Promise<Read<T[]>>,
    ) =>
      'allNamespaces' in scope
        ? shared(`${cluster}\n${kind}\n*`, () => list(scope))
        : list(scope);
    return {
      get mayListClusterWide() {
        return client.mayListClusterWide;
      },
      clusterWideListRefused: () => client.clusterWideListRefused(),
      listWorkloads: (kind, scope) =>
        wide(kind, scope, s => client.listWorkloads(kind, s)),
      listPods: scope => wide('pods', scope, s => client.listPods(s)),
      // one Secret by name: never shared, like a card's own reads
      secretExists: (namespace, name) => client.secretExists(namespace, name),
      listApplications: async (namespace, names) => {
        if (!names || names.length <= 1) {
          return client.listApplications(namespace, names);
        }
        const all = await shared(`${cluster}\napplications\n${namespace}`, () =>
          client.listApplications(namespace),
        );
        return all.ok
          ? {
              ok: true,
              value: all.value.filter(a => names.includes(a.metadata.name)),
            }
          : all;
      },
    };
  }
}
