import { oktetoDown, oktetoUp } from '.';
import { Any, recordWrites, specOf, statusOf } from '../__testUtils__';
import { createStore } from '../createStore';
import type { SandboxStore } from '../store';

/*
 * A StatefulSet as okteto's dev target (okteto pkg/k8s/apps/crud.go Get: a Deployment first, else
 * a StatefulSet; statefulsets.go DevClone), on the sandbox's StatefulSet controller (kubernetes
 * pkg/controller/statefulset).
 */

const NS = 'db-dev';
const SET = 'db';
const CLONE = `${SET}-okteto`;
const DEV = { devName: 'db', namespace: NS, workload: SET, user: 'erin' };

function storeWithSet(replicas = 2): SandboxStore {
  const store = createStore();
  store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  store.put({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db-env', namespace: NS },
    data: { PASSWORD: 'eA==' },
  });
  store.put({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: SET,
      namespace: NS,
      labels: { 'app.kubernetes.io/name': 'db' },
      annotations: {
        'argocd.argoproj.io/tracking-id': `db-dev:apps/StatefulSet:${NS}/${SET}`,
      },
    },
    spec: {
      replicas,
      serviceName: 'db',
      selector: { matchLabels: { 'app.kubernetes.io/name': 'db' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'db' } },
        spec: {
          containers: [
            {
              name: 'db',
              image: 'postgres:16',
              envFrom: [{ secretRef: { name: 'db-env' } }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '1Gi' } },
          },
        },
      ],
    },
  });
  return store;
}

const podNames = (store: SandboxStore) =>
  store
    .list('pods', NS)
    .map(p => p.metadata.name)
    .sort();

describe('the StatefulSet controller', () => {
  it('makes pods <set>-<ordinal> with their identity and claims, and counts them in its status', () => {
    const store = storeWithSet(2);
    expect(podNames(store)).toEqual(['db-0', 'db-1']);
    const pod = store.get('pods', NS, 'db-1')!;
    expect(pod.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'db',
      'statefulset.kubernetes.io/pod-name': 'db-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': expect.stringMatching(/^db-/),
    });
    expect(pod.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'StatefulSet', name: SET }),
    ]);
    expect(pod.metadata.generateName).toBeUndefined();
    expect(specOf(pod)).toMatchObject({
      hostname: 'db-1',
      subdomain: 'db',
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } },
      ],
    });
    expect(
      statusOf(store.get('persistentvolumeclaims', NS, 'data-db-1')).phase,
    ).toBe('Bound');
    expect(statusOf(store.get('statefulsets', NS, SET))).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      currentRevision: expect.stringMatching(/^db-/),
    });
  });

  it('scales down from the highest ordinal; OrderedReady stops behind a pod that is not ready', () => {
    const store = storeWithSet(3);
    store.patch('statefulsets', NS, SET, { spec: { replicas: 1 } }, 'merge');
    expect(podNames(store)).toEqual(['db-0']);
    store.delete('secrets', NS, 'db-env');
    store.delete('pods', NS, 'db-0');
    store.patch('statefulsets', NS, SET, { spec: { replicas: 3 } }, 'merge');
    // db-0 waits for its Secret, so db-1 is not created
    expect(podNames(store)).toEqual(['db-0']);
    expect(
      (statusOf(store.get('pods', NS, 'db-0')).containerStatuses as Any[])[0]
        .state.waiting.reason,
    ).toBe('CreateContainerConfigError');
    store.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db-env', namespace: NS },
      data: { PASSWORD: 'eA==' },
    });
    expect(podNames(store)).toEqual(['db-0', 'db-1', 'db-2']);
  });

  it('a refused pod is only a FailedCreate Event on the set (stateful_pod_control.go recordPodEvent)', () => {
    const store = storeWithSet(1);
    store.patch(
      'namespaces',
      undefined,
      NS,
      {
        metadata: {
          labels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
        },
      },
      'merge',
    );
    // the running pod stays (admission checks creations); its replacement is refused
    store.delete('pods', NS, 'db-0');
    expect(podNames(store)).toEqual([]);
    const set = store.get('statefulsets', NS, SET)!;
    expect(statusOf(set).replicas).toBe(0);
    expect(statusOf(set).conditions).toBeUndefined();
    const failed = store
      .list('events', NS)
      .filter(e => (e as Any).reason === 'FailedCreate');
    expect((failed[0] as Any).message).toMatch(
      /^create Pod db-0 in StatefulSet db failed error: pods "db-0" is forbidden: violates PodSecurity/,
    );
  });
});

describe('okteto up/down on a StatefulSet', () => {
  it('up: the clone is a StatefulSet <set>-okteto written FIRST, then the original labelled at 0', async () => {
    const store = storeWithSet(1);
    const rec = recordWrites(store, ['StatefulSet', 'Deployment', 'Secret']);
    await oktetoUp(store, DEV);
    rec.stop();
    expect(rec.writes).toEqual([
      { type: 'ADDED', kind: 'Secret', name: 'okteto-db' },
      { type: 'ADDED', kind: 'StatefulSet', name: CLONE },
      { type: 'MODIFIED', kind: 'StatefulSet', name: SET },
    ]);
    const original = store.get('statefulsets', NS, SET)!;
    const clone = store.get('statefulsets', NS, CLONE)!;
    expect(specOf(original).replicas).toBe(0);
    expect(original.metadata.labels?.['dev.okteto.com']).toBe('true');
    expect(original.metadata.annotations?.['dev.okteto.com/replicas']).toBe(
      '1',
    );
    expect(clone.metadata.labels).toMatchObject({
      'dev.okteto.com/clone': original.metadata.uid,
      'app.kubernetes.io/name': 'db',
    });
    // StatefulSetApp.DevClone copies the spec as it is: no Deployment strategy
    expect(specOf(clone).strategy).toBeUndefined();
    expect(specOf(clone).serviceName).toBe('db');
    expect(clone.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe(
      `db-dev:apps/StatefulSet:${NS}/${SET}`,
    );
    expect(podNames(store)).toEqual(['db-okteto-0']);
    expect(store.get('pods', NS, 'db-okteto-0')!.metadata.labels).toMatchObject(
      { 'interactive.dev.okteto.com': 'db' },
    );
    expect(
      store.get('persistentvolumeclaims', NS, 'data-db-okteto-0'),
    ).toBeDefined();
  });

  it('down: the original restored FIRST, then the clone StatefulSet deleted (pkg/cmd/down/run.go)', async () => {
    const store = storeWithSet(1);
    await oktetoUp(store, DEV);
    const rec = recordWrites(store, ['StatefulSet', 'Secret']);
    const r = await oktetoDown(store, DEV);
    rec.stop();
    expect(rec.writes).toEqual([
      { type: 'MODIFIED', kind: 'StatefulSet', name: SET },
      { type: 'DELETED', kind: 'StatefulSet', name: CLONE },
      { type: 'DELETED', kind: 'Secret', name: 'okteto-db' },
    ]);
    expect(r.deletedClone).toBe(true);
    expect(specOf(store.get('statefulsets', NS, SET)).replicas).toBe(1);
    expect(podNames(store)).toEqual(['db-0']);
  });

  it('found by selector when no Deployment matches (apps.Get: Deployment first, then StatefulSet)', async () => {
    const store = storeWithSet(1);
    const r = await oktetoUp(store, {
      devName: 'db',
      namespace: NS,
      selector: { 'app.kubernetes.io/name': 'db' },
      stopAfter: 'clone',
    });
    expect(r.clone?.kind).toBe('StatefulSet');
    await expect(
      oktetoUp(store, { devName: 'nope', namespace: NS }),
    ).rejects.toThrow(
      `okteto: the application 'nope' referred by your okteto manifest doesn't exist in namespace "${NS}"`,
    );
  });
});
