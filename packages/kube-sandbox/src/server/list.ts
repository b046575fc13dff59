import { ApiError } from '../errors';
import { matchesFilter, ObjectFilter } from '../selectors';
import type { SandboxStore } from '../store';
import { objectKey } from '../bucket';
import type { ResourceType } from '../discovery';
import type { KubeObject } from '../types';
import {
  decodeContinue,
  encodeContinue,
  ListOptions,
  parseResourceVersion,
  tooLargeResourceVersion,
} from './listOptions';

/** One page of a list, with its ListMeta. */
export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

const EXPIRED = 'The resourceVersion for the provided list is too old.';
const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

const keyOf = (o: KubeObject) =>
  objectKey(o.metadata.namespace, o.metadata.name);

/**
 * A LIST as the watch cache serves it (k8s.io/apiserver/pkg/storage/cacher: delegator.go
 * ShouldDelegateList, watch_cache.go WaitUntilFreshAndList, cacher.go GetList):
 * - no resourceVersion: the latest state; `0`: any (the latest here), and `limit` is ignored;
 * - `resourceVersionMatch=Exact`, or a resourceVersion with a `limit` (the legacy exact match),
 *   or a continue token: the state at that revision (410 when it is older than the history);
 * - a resourceVersion newer than the store's: 504 Too large resource version;
 * - `limit`: the first matching items in key order; a continue token when items (matching or
 *   not) follow the last one, and `remainingItemCount` only without selectors.
 */
export function listPage(
  store: SandboxStore,
  t: ResourceType,
  filter: ObjectFilter,
  opts: ListOptions,
): ListPage {
  const current = Number(store.resourceVersion);
  const unfiltered: ObjectFilter = {
    namespace: filter.namespace,
    labels: [],
    fields: [],
  };
  let rv = current;
  let after: string | undefined;
  let all: KubeObject[];
  const exactAt = (n: number, message: string, token?: string) => {
    const state = store.listAt(t, unfiltered, n);
    if (!state) {
      const error = new ApiError(410, 'Expired', message);
      if (token) error.listMeta = { continue: token };
      throw error;
    }
    return state;
  };
  if (opts.continue) {
    const token = decodeContinue(opts.continue);
    after = token.after;
    if (token.rv > 0) {
      rv = token.rv;
      all = exactAt(
        rv,
        CONTINUE_EXPIRED,
        encodeContinue({ rv: -1, after: token.after }),
      );
    } else {
      all = store.list(t, { namespace: filter.namespace });
    }
  } else if (opts.resourceVersion !== undefined) {
    const wanted = parseResourceVersion(opts.resourceVersion);
    if (wanted > current) throw tooLargeResourceVersion(wanted, current);
    const exact =
      opts.resourceVersionMatch === 'Exact' ||
      (!opts.resourceVersionMatch && opts.limit > 0 && wanted !== 0);
    if (exact) {
      rv = wanted;
      all = exactAt(wanted, EXPIRED);
    } else {
      all = store.list(t, { namespace: filter.namespace });
    }
  } else {
    all = store.list(t, { namespace: filter.namespace });
  }
  if (after !== undefined) all = all.filter(o => keyOf(o) > after!);
  const limit = opts.resourceVersion === '0' ? 0 : Math.max(0, opts.limit);
  const items: KubeObject[] = [];
  let more = false;
  for (let i = 0; i < all.length; i++) {
    if (matchesFilter(all[i], filter)) items.push(all[i]);
    if (limit > 0 && items.length >= limit) {
      more = i < all.length - 1;
      break;
    }
  }
  const page: ListPage = { items, resourceVersion: String(rv) };
  if (more) {
    page.continue = encodeContinue({
      rv,
      after: keyOf(items[items.length - 1]),
    });
    if (!filter.labels.length && !filter.fields.length) {
      page.remainingItemCount = all.length - limit;
    }
  }
  return page;
}
