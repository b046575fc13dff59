import type http from 'node:http';
import { apiVersionOf, ResourceType, typeKey } from '../discovery';
import { ApiError, badRequest } from '../errors';
import { matchesFilter, ObjectFilter } from '../selectors';
import type { SandboxStore, StoreEvent } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { toStatus } from './http';

export interface WatchRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  store: SandboxStore;
  type: ResourceType;
  filter: ObjectFilter;
  query: URLSearchParams;
  present: (o: KubeObject) => JsonObject;
  /** Open streams, ended when the server closes. */
  openStreams: Set<http.ServerResponse>;
}

/**
 * A watch: initial events (resourceVersion unset/0 or sendInitialEvents),
 * or a replay from the bounded history (410 Expired as an ERROR event),
 * then live events until timeoutSeconds or the client goes away.
 */
export function serveWatch(w: WatchRequest): void {
  const { req, res, store, type: t, filter, query: q, present } = w;
  const rvParam = q.get('resourceVersion') ?? '';
  const sendInitial = q.get('sendInitialEvents') === 'true';
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  w.openStreams.add(res);
  const write = (type: string, object: unknown) => {
    if (!res.writableEnded) res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const matches = (o: KubeObject | undefined) =>
    Boolean(o) && matchesFilter(o!, filter);
  const key = typeKey(t);
  const emit = (e: StoreEvent) => {
    if (typeKey(e.resource) !== key) return;
    const now = matches(e.object);
    const before = e.type === 'MODIFIED' && matches(e.previous);
    if (e.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', present(e.object));
      else if (now) write('ADDED', present(e.object));
      else if (before) write('DELETED', present(e.object));
    } else if (now) {
      write(e.type, present(e.object));
    }
  };
  const bookmark = (annotations?: Record<string, string>) =>
    write('BOOKMARK', {
      kind: t.kind,
      apiVersion: apiVersionOf(t),
      metadata: annotations
        ? { resourceVersion: store.resourceVersion, annotations }
        : { resourceVersion: store.resourceVersion },
    });

  if (!rvParam || rvParam === '0' || sendInitial) {
    for (const o of store.listFiltered(t, filter)) {
      if (matches(o)) write('ADDED', present(o));
    }
    if (sendInitial) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    let events: StoreEvent[];
    try {
      const since = Number(rvParam);
      if (!Number.isInteger(since)) {
        throw badRequest(`invalid resource version "${rvParam}"`);
      }
      events = store.eventsSince(since);
    } catch (e) {
      write('ERROR', e instanceof ApiError ? e.toStatus() : toStatus(e));
      res.end();
      w.openStreams.delete(res);
      return;
    }
    events.forEach(emit);
  }
  const unsubscribe = store.subscribe(emit);
  const timeout = Number(q.get('timeoutSeconds') ?? '0');
  let bookmarkTimer: NodeJS.Timeout | undefined;
  if (q.get('allowWatchBookmarks') === 'true') {
    bookmarkTimer = setInterval(() => bookmark(), 30000);
    bookmarkTimer.unref();
  }
  const timer =
    timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
  const cleanup = () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (bookmarkTimer) clearInterval(bookmarkTimer);
    w.openStreams.delete(res);
  };
  res.on('close', cleanup);
  res.on('finish', cleanup);
  req.on('close', cleanup);
}
