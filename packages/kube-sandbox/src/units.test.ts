import { chooseAccept, negotiate } from './accept';
import { globToRegExp } from './faults';
import { jsonPatch, strategicMerge } from './patch';
import { createStore } from './createStore';
import { SandboxStore } from './store';
import type { WatchEventType } from './types';

// Label selectors and merge patches are not re-tested here: src/differential/reads.real.test.ts
// ("label selectors": every operator, and the syntax errors) and writes.real.test.ts ("patch":
// merge with null deletes) send them to the real kube-apiserver and the sandbox side by side.
// Kept: what those suites do not send ($setElementOrder, JSON patch move and copy).
describe('patches', () => {
  it('strategic merge merges lists by name and drops directives', () => {
    const target = {
      containers: [
        { name: 'a', image: '1', env: [{ name: 'X', value: '1' }] },
        { name: 'b' },
      ],
    };
    const patch = {
      $setElementOrder: [{ name: 'a' }],
      containers: [
        { name: 'a', image: '2' },
        { name: 'b', $patch: 'delete' },
      ],
    };
    expect(strategicMerge(target, patch)).toEqual({
      containers: [{ name: 'a', image: '2', env: [{ name: 'X', value: '1' }] }],
    });
  });
  it('JSON patch (RFC 6902) add/remove/replace/test/move/copy', () => {
    const doc = { a: [1, 2], b: { c: 'x' } };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/a/-', value: 3 },
        { op: 'remove', path: '/a/0' },
        { op: 'replace', path: '/b/c', value: 'y' },
        { op: 'test', path: '/b/c', value: 'y' },
        { op: 'copy', from: '/b', path: '/d' },
        { op: 'move', from: '/b/c', path: '/e~1f' },
      ]),
    ).toEqual({ a: [2, 3], b: {}, d: { c: 'y' }, 'e/f': 'y' });
    // the API server's generic 422 (handlers/patch.go), without the library's reason
    expect(() =>
      jsonPatch(doc, [{ op: 'test', path: '/a/0', value: 9 }]),
    ).toThrow('the server rejected our request due to an error in our request');
  });
});

describe('accept header', () => {
  it('honours the first supported type', () => {
    expect(
      chooseAccept(
        'application/vnd.kubernetes.protobuf,application/json;as=Table;v=v1;g=meta.k8s.io',
      ).kind,
    ).toBe('table');
    expect(
      chooseAccept(
        'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json',
      ).kind,
    ).toBe('metadata');
    expect(
      chooseAccept(
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      ),
    ).toEqual({
      kind: 'discovery',
      discoveryVersion: 'v2',
      format: 'json',
    });
    expect(chooseAccept(undefined).kind).toBe('full');
  });
  // kube-apiserver negotiation/negotiate.go: no satisfiable clause → 406.
  it.each([
    ['application/json;as=Foo;g=meta.k8s.io;v=v1', 'resource'],
    ['application/json;as=Table', 'resource'],
    ['application/json;as=Table;g=meta.k8s.io;v=v9', 'resource'],
    ['application/vnd.kubernetes.protobuf', 'resource'],
    ['text/html', 'resource'],
    ['garbage', 'resource'],
    ['application/json;stream=nope', 'resource'],
    ['application/json;as=Table;g=meta.k8s.io;v=v1', 'plain'],
    [
      'application/json;as=APIGroupDiscoveryList;g=apidiscovery.k8s.io;v=v3',
      'discovery',
    ],
  ] as const)('%s is not acceptable (%s endpoint)', (header, endpoint) => {
    expect(negotiate(header, endpoint)).toBeUndefined();
  });
  it.each([
    [undefined, 'full'],
    ['*/*', 'full'],
    ['application/*;q=0.5', 'full'],
    ['text/html,application/xhtml+xml,*/*;q=0.8', 'full'],
    ['application/json;as=Foo;g=meta.k8s.io;v=v1, application/json', 'full'],
    [
      'application/json;q=0.5,application/json;as=Table;g=meta.k8s.io;v=v1',
      'table',
    ],
    // q=0 orders the clause last but does not refuse it: the real server serves it
    ['application/json;q=0', 'full'],
    ['application/json;q=0,*/*', 'full'],
  ] as const)('%s is served as %s', (header, kind) => {
    expect(negotiate(header, 'resource')?.kind).toBe(kind);
  });
  it('globs match path segments', () => {
    expect(
      globToRegExp('/api/v1/namespaces/*/pods').test(
        '/api/v1/namespaces/x/pods',
      ),
    ).toBe(true);
    expect(
      globToRegExp('/api/v1/namespaces/*/pods').test(
        '/api/v1/namespaces/x/y/pods',
      ),
    ).toBe(false);
    expect(globToRegExp('/apis/**').test('/apis/apps/v1/deployments')).toBe(
      true,
    );
  });
});

describe('store', () => {
  it('bumps resourceVersion, emits events and bounds history', () => {
    const store = new SandboxStore({ historySize: 3 });
    const seen: WatchEventType[] = [];
    const off = store.subscribe(e => seen.push(e.type));
    store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
    const cm = store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'n' },
    });
    const updated = store.patch('cm', 'n', 'c', { data: { a: '1' } });
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(
      Number(cm.metadata.resourceVersion),
    );
    store.delete('ConfigMap', 'n', 'c');
    off();
    expect(seen).toEqual(['ADDED', 'ADDED', 'MODIFIED', 'DELETED']);
    expect(store.eventsSince(1).map(e => e.type)).toEqual([
      'ADDED',
      'MODIFIED',
      'DELETED',
    ]);
    expect(() => store.eventsSince(0)).toThrow(/too old resource version/);
  });

  it('scales pods with the Deployment and garbage-collects them', () => {
    const store = createStore();
    store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
    store.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'n' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'd' } },
        template: {
          metadata: { labels: { app: 'd' } },
          spec: { containers: [{ name: 'c', image: 'i' }] },
        },
      },
    });
    const pods = store.list('pods', 'n');
    expect(pods).toHaveLength(3);
    expect(pods[0].metadata.name).toMatch(/^d-[b-z2-9]+-[b-z2-9]{5}$/);
    expect(pods[0].metadata.labels?.['pod-template-hash']).toBeTruthy();
    store.patch('deployments', 'n', 'd', { spec: { replicas: 1 } });
    expect(store.list('pods', 'n')).toHaveLength(1);
    store.delete('deployments', 'n', 'd');
    expect(store.list('pods', 'n')).toHaveLength(0);
    expect(store.list('replicasets', 'n')).toHaveLength(0);
  });
});
