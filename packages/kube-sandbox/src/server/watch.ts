import type http from 'node:http';
import { apiVersionOf, ResourceType, typeKey } from '../discovery';
import { ApiError } from '../errors';
import { matchesFilter, ObjectFilter } from '../selectors';
import type { SandboxStore, StoreEvent } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { toStatus } from './http';
import {
  ListOptions,
  parseResourceVersionRaw,
  tooLargeResourceVersion,
} from './listOptions';

export interface WatchRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  store: SandboxStore;
  type: ResourceType;
  filter: ObjectFilter;
  options: ListOptions;
  present: (o: KubeObject) => JsonObject;
  /** Open streams, ended when the server closes. */
  openStreams: Set<http.ServerResponse>;
}

/**
 * How often a watch with bookmarks gets one (cacher.go bookmarkFrequency), and how long before
 * its timeout (cache_watcher.go nextBookmarkTime: the request's context has the deadline of
 * `timeoutSeconds`, endpoints/handlers/get.go). Either is sent only when the watch cache of the
 * kind has moved past the watch's resourceVersion (cache_watcher.go process).
 */
const BOOKMARK_EVERY_MS = 60_000;
const BOOKMARK_BEFORE_TIMEOUT_MS = 2_000;

/**
 * A watch as the watch cache serves it (k8s.io/apiserver/pkg/storage/cacher: cacher.go Watch,
 * watch_cache.go getAllEventsSinceLocked, cache_watcher.go):
 * - initial events (every object as ADDED) when `sendInitialEvents` is true — the default for a
 *   watch from "" or "0" (internalversion/defaults.go) — followed, with `allowWatchBookmarks`,
 *   by a BOOKMARK annotated `k8s.io/initial-events-end`;
 * - from a resourceVersion: the events after it, or a 410 Expired ERROR event when the history no
 *   longer reaches back that far; `sendInitialEvents=false` with "0": from now on;
 * - live events until `timeoutSeconds`; with bookmarks, one a minute and one 2 s before the
 *   timeout (nextBookmarkTime), each only once an event of the kind (selected or not) is newer
 *   than the watch's resourceVersion;
 * - Tables: the column definitions in the first event only (null after it);
 * - an object that stops matching the selectors is DELETED for this watch, one that starts to
 *   is ADDED.
 */
export function serveWatch(w: WatchRequest): void {
  const { req, res, store, type: t, filter, options: opts, present } = w;
  // a too new resourceVersion, or one that is no number, is refused before the stream starts
  let since: number | undefined;
  if (opts.resourceVersion !== undefined) {
    since = parseResourceVersionRaw(opts.resourceVersion);
  }
  const current = Number(store.resourceVersion);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  w.openStreams.add(res);
  let tableHeaders = true;
  const write = (type: string, object: unknown) => {
    if (res.writableEnded) return;
    const o = object as JsonObject;
    let sent = object;
    if (o?.kind === 'Table' && type !== 'ERROR') {
      // the watch encoder prints the headers once (get.go, NoHeaders after the first)
      if (!tableHeaders) sent = { ...o, columnDefinitions: null };
      tableHeaders = false;
    }
    res.write(`${JSON.stringify({ type, object: sent })}\n`);
  };
  const matches = (o: KubeObject | undefined) =>
    Boolean(o) && matchesFilter(o!, filter);
  const key = typeKey(t);
  // the revision the watch started from, and the newest event of its kind (the kind's cache)
  const startRv = since ?? current;
  let kindRv = startRv;
  const emit = (e: StoreEvent) => {
    if (typeKey(e.resource) !== key) return;
    kindRv = Math.max(kindRv, e.rv);
    const now = e.type !== 'DELETED' && matches(e.object);
    const before = e.previous !== undefined && matches(e.previous);
    if (now && before) write('MODIFIED', present(e.object));
    else if (now) write('ADDED', present(e.object));
    else if (before) {
      // the previous content with this event's resourceVersion
      const gone = e.type === 'DELETED' ? e.object : e.previous!;
      write(
        'DELETED',
        present({
          ...gone,
          metadata: { ...gone.metadata, resourceVersion: String(e.rv) },
        }),
      );
    }
  };
  const bookmark = (annotations: Record<string, string>) =>
    write('BOOKMARK', {
      kind: t.kind,
      apiVersion: apiVersionOf(t),
      metadata: { resourceVersion: store.resourceVersion, annotations },
    });

  if (opts.sendInitialEvents) {
    for (const o of store.listFiltered(t, filter)) write('ADDED', present(o));
    if (opts.allowWatchBookmarks) {
      bookmark({ 'k8s.io/initial-events-end': 'true' });
    }
  } else {
    let events: StoreEvent[] = [];
    try {
      // errors once the watch is accepted are ERROR events (cacher.go Watch)
      if (since !== undefined && since > current) {
        throw tooLargeResourceVersion(since, current);
      }
      events = since ? store.eventsSince(since) : [];
    } catch (e) {
      write('ERROR', e instanceof ApiError ? e.toStatus() : toStatus(e));
      res.end();
      w.openStreams.delete(res);
      return;
    }
    events.forEach(emit);
  }
  const unsubscribe = store.subscribe(emit);
  const timeoutMs = opts.timeoutSeconds * 1000;
  const timers: NodeJS.Timeout[] = [];
  if (opts.allowWatchBookmarks) {
    const progress = () => {
      if (kindRv > startRv) {
        write('BOOKMARK', {
          kind: t.kind,
          apiVersion: apiVersionOf(t),
          metadata: { resourceVersion: String(kindRv) },
        });
      }
    };
    const timer = setInterval(progress, BOOKMARK_EVERY_MS);
    timer.unref();
    timers.push(timer);
    if (timeoutMs > BOOKMARK_BEFORE_TIMEOUT_MS) {
      timers.push(setTimeout(progress, timeoutMs - BOOKMARK_BEFORE_TIMEOUT_MS));
    }
  }
  if (timeoutMs > 0) timers.push(setTimeout(() => res.end(), timeoutMs));
  const cleanup = () => {
    unsubscribe();
    timers.forEach(timer => {
      clearTimeout(timer);
      clearInterval(timer);
    });
    w.openStreams.delete(res);
  };
  res.on('close', cleanup);
  res.on('finish', cleanup);
  req.on('close', cleanup);
}
