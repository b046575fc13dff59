/*
 * Watches, side by side on the kube-sandbox and the real kube-apiserver: the
 * initial events and the initial-events-end bookmark (a watch from "" or "0"
 * sends them, internalversion/defaults.go), events from a resourceVersion,
 * 410 Expired for one the history no longer has, selectors that an object
 * enters and leaves, when bookmarks come, Table and metadata-only
 * events, and the 422 / 406 a watch can get. server/watch.ts names the
 * upstream files (k8s.io/apiserver/pkg/storage/cacher).
 */
import {
  ApiRequest,
  Differential,
  normalize,
  startDifferential,
} from './__testUtils__';

jest.setTimeout(180_000);

const TABLE = 'application/json;as=Table;g=meta.k8s.io;v=v1';
const META = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

/** A watch's answer as compared: status, events (normalized), a refusal's body. */
function shown(answer: { status: number; events: any[]; body?: any }) {
  const events = normalize(answer.events).map((e: any) => {
    // the revision the watch cache had lost is in the message
    if (e.type === 'ERROR' && typeof e.object?.message === 'string') {
      e.object.message = e.object.message.replace(/\(\d+\)/, '(<rv>)');
    }
    // Table watch events: the API's field documentation is not reproduced
    for (const c of e.object?.columnDefinitions ?? []) c.description = '';
    return e;
  });
  // how many bookmarks a watch gets in a row depends on how far the kind's watch cache moved (other
  // suites write ConfigMaps on the shared cluster: cacher.go, cache_watcher.go nextBookmarkTime):
  // bookmarks in a row count as one
  const collapsed = events.filter(
    (e: any, i: number) =>
      !(e.type === 'BOOKMARK' && events[i - 1]?.type === 'BOOKMARK'),
  );
  return {
    status: answer.status,
    events: collapsed,
    ...(answer.body !== undefined ? { body: answer.body } : {}),
  };
}

describe('watch: the sandbox streams as the real API server', () => {
  let d: Differential;
  let ns: string;
  const base = () => `/api/v1/namespaces/${ns}`;
  const create = (name: string, labels: Record<string, string> = {}) =>
    d.both({
      method: 'POST',
      path: `${base()}/configmaps`,
      body: { metadata: { name, labels }, data: { v: '1' } },
    });

  /** Opens the watch on both sides, runs `act` once both are open, collects `count` events. */
  async function expectSameWatch(
    request: ApiRequest,
    options: {
      count?: number;
      maxMs?: number;
      act?: () => Promise<unknown>;
    } = {},
  ) {
    const { count, maxMs = 10_000, act } = options;
    const watches = d.sides.map(side =>
      side.watch(request, {
        maxMs,
        ...(count ? { until: (events: any[]) => events.length >= count } : {}),
      }),
    );
    if (act) {
      // both streams are open once the server answered its headers; a short poll of the
      // initial events is not needed: the writes below come after the initial state
      await new Promise(resolve => setTimeout(resolve, 300));
      await act();
    }
    const [s, r] = await Promise.all(watches);
    expect(shown(s)).toEqual(shown(r));
    return [s, r];
  }

  beforeAll(async () => {
    // a short history, so that an old resourceVersion is gone on the sandbox as on the real
    // server (whose watch cache starts at its own start)
    d = await startDifferential({ historySize: 40 });
    ns = await d.namespace('watch');
    await create('a', { n: 'a', tier: 'x' });
    await create('b', { n: 'b', tier: 'y' });
    // the root CA ConfigMap: only configmaps labelled `n` are watched below
  });
  afterAll(() => d?.close());

  const labelled = { labelSelector: 'n' };

  it('from "": initial ADDED events, then the stream ends at timeoutSeconds', async () => {
    await expectSameWatch({
      path: `${base()}/configmaps`,
      query: { watch: 'true', ...labelled, timeoutSeconds: '1' },
    });
  });

  it('from "" with bookmarks: the initial-events-end bookmark follows', async () => {
    await expectSameWatch({
      path: `${base()}/configmaps`,
      query: {
        watch: 'true',
        ...labelled,
        allowWatchBookmarks: 'true',
        timeoutSeconds: '1',
      },
    });
  });

  it('from "0" with bookmarks', async () => {
    await expectSameWatch({
      path: `${base()}/configmaps`,
      query: {
        watch: 'true',
        ...labelled,
        resourceVersion: '0',
        allowWatchBookmarks: 'true',
        timeoutSeconds: '1',
      },
    });
  });

  it('sendInitialEvents=true without bookmarks: no bookmark', async () => {
    await expectSameWatch({
      path: `${base()}/configmaps`,
      query: {
        watch: 'true',
        ...labelled,
        sendInitialEvents: 'true',
        resourceVersionMatch: 'NotOlderThan',
        timeoutSeconds: '1',
      },
    });
  });

  it('sendInitialEvents=false from "0": only what happens from now', async () => {
    await expectSameWatch(
      {
        path: `${base()}/configmaps`,
        query: {
          watch: 'true',
          ...labelled,
          resourceVersion: '0',
          sendInitialEvents: 'false',
          resourceVersionMatch: 'NotOlderThan',
          timeoutSeconds: '3',
        },
      },
      { count: 1, act: () => create('c', { n: 'c' }) },
    );
  });

  it('ADDED, MODIFIED, DELETED as they happen', async () => {
    const latest = await d.both({
      path: `${base()}/configmaps`,
      query: labelled,
    });
    const watches = d.sides.map((side, i) =>
      side.watch(
        {
          path: `${base()}/configmaps`,
          query: {
            watch: 'true',
            ...labelled,
            resourceVersion: latest[i].body.metadata.resourceVersion,
            timeoutSeconds: '5',
          },
        },
        { until: events => events.length >= 3, maxMs: 10_000 },
      ),
    );
    await new Promise(resolve => setTimeout(resolve, 300));
    await create('e', { n: 'e' });
    await d.both({
      method: 'PATCH',
      path: `${base()}/configmaps/e`,
      contentType: 'application/merge-patch+json',
      body: { data: { v: '2' } },
    });
    await d.both({ method: 'DELETE', path: `${base()}/configmaps/e` });
    const [s, r] = await Promise.all(watches);
    expect(shown(s)).toEqual(shown(r));
    expect(r.events.map((e: any) => e.type)).toEqual([
      'ADDED',
      'MODIFIED',
      'DELETED',
    ]);
  });

  it('an object leaving and entering the selector: DELETED, then ADDED', async () => {
    const latest = await d.both({
      path: `${base()}/configmaps`,
      query: labelled,
    });
    const watches = d.sides.map((side, i) =>
      side.watch(
        {
          path: `${base()}/configmaps`,
          query: {
            watch: 'true',
            labelSelector: 'tier=x',
            resourceVersion: latest[i].body.metadata.resourceVersion,
            timeoutSeconds: '5',
          },
        },
        { until: events => events.length >= 2, maxMs: 10_000 },
      ),
    );
    await new Promise(resolve => setTimeout(resolve, 300));
    const label = (tier: string | null) =>
      d.both({
        method: 'PATCH',
        path: `${base()}/configmaps/a`,
        contentType: 'application/merge-patch+json',
        body: { metadata: { labels: { tier } } },
      });
    await label('z');
    await label('x');
    const [s, r] = await Promise.all(watches);
    expect(shown(s)).toEqual(shown(r));
    expect(r.events.map((e: any) => e.type)).toEqual(['DELETED', 'ADDED']);
  });

  it('one object by name (fieldSelector metadata.name)', async () => {
    await expectSameWatch({
      path: `${base()}/configmaps`,
      query: {
        watch: 'true',
        fieldSelector: 'metadata.name=b',
        timeoutSeconds: '1',
      },
    });
  });

  it('a quiet 4 s watch: one bookmark 2 s before its timeout, once its kind moved on', async () => {
    // cache_watcher.go nextBookmarkTime (deadline - 2 s: the context of timeoutSeconds,
    // endpoints/handlers/get.go) and process (only a revision newer than the watch's): a write
    // the watch does not select moves the kind's cache on. Without one, no bookmark comes; that is
    // not compared here, as the shared cluster's other suites write ConfigMaps at any time.
    const latest = await d.both({
      path: `${base()}/configmaps`,
      query: labelled,
    });
    const watches = d.sides.map((side, i) =>
      side.watch(
        {
          path: `${base()}/configmaps`,
          query: {
            watch: 'true',
            ...labelled,
            resourceVersion: latest[i].body.metadata.resourceVersion,
            allowWatchBookmarks: 'true',
            timeoutSeconds: '4',
          },
        },
        { maxMs: 8_000 },
      ),
    );
    await new Promise(resolve => setTimeout(resolve, 300));
    await create('unselected');
    const [s, r] = await Promise.all(watches);
    // The real server may send that bookmark twice: watchers wait in one-second buckets
    // (cacher.go watcherBookmarkTimeBuckets), so one due at deadline - 2 s can fire up to a
    // second early, and nextBookmarkTime, asked again, schedules it once more. Repeats of the
    // same bookmark are one here.
    const once = (answer: typeof s) => {
      const events = shown(answer).events;
      return events.filter(
        (e: unknown, i: number) =>
          i === 0 || JSON.stringify(e) !== JSON.stringify(events[i - 1]),
      );
    };
    expect(once(s)).toEqual(once(r));
    expect(once(r).map((e: any) => e.type)).toEqual(['BOOKMARK']);
    expect(s.status).toBe(r.status);
  });

  it('from a resourceVersion the history no longer has: a 410 Expired ERROR event', async () => {
    // enough writes that the sandbox's short history no longer reaches back to the start
    for (let i = 0; i < 45; i++) {
      await d.both({
        method: 'PATCH',
        path: `${base()}/configmaps/b`,
        contentType: 'application/merge-patch+json',
        body: { data: { v: String(i) } },
      });
    }
    // Applications: their watch cache starts when their CRD is established, well after
    // revision 1 (a ConfigMap watch of a fresh API server may still reach back that far)
    const [s, r] = await expectSameWatch({
      path: `/apis/argoproj.io/v1alpha1/namespaces/${ns}/applications`,
      query: { watch: 'true', resourceVersion: '1', timeoutSeconds: '2' },
    });
    expect(r.events[0].object.code).toBe(410);
    expect(s.events[0].object.reason).toBe('Expired');
  });

  it('a Table of each object', async () => {
    await expectSameWatch({
      path: `${base()}/configmaps`,
      query: { watch: 'true', ...labelled, timeoutSeconds: '1' },
      accept: TABLE,
    });
  });

  it('metadata only', async () => {
    await expectSameWatch({
      path: `${base()}/configmaps`,
      query: { watch: 'true', ...labelled, timeoutSeconds: '1' },
      accept: META,
    });
  });

  it.each([
    [
      'resourceVersionMatch without sendInitialEvents (422)',
      { resourceVersionMatch: 'NotOlderThan' },
    ],
    [
      'sendInitialEvents without resourceVersionMatch (422)',
      { sendInitialEvents: 'true' },
    ],
    ['a resourceVersion that is no number (400)', { resourceVersion: 'abc' }],
  ])('%s', async (_what, query) => {
    const [s, r] = await d.both({
      path: `${base()}/configmaps`,
      query: { watch: 'true', timeoutSeconds: '1', ...query },
    });
    expect({ status: s.status, body: s.body }).toEqual({
      status: r.status,
      body: r.body,
    });
  });

  it('YAML, which has no streaming form (406)', async () => {
    const [s, r] = await d.both({
      path: `${base()}/configmaps`,
      query: { watch: 'true', timeoutSeconds: '1' },
      accept: 'application/yaml',
    });
    expect(s.status).toBe(r.status);
    const yaml = require('yaml');
    expect(yaml.parse(s.body)).toEqual(yaml.parse(r.body));
  });
});
