import { Any, statusOf } from '../__testUtils__';
import {
  eventsAbout as about,
  ev,
  warningEvents as warnings,
} from '../__testUtils__/events';
import { createStore } from '../createStore';
import type { SandboxStore } from '../store';
import type { KubeObject } from '../types';
import { INIT_STATE_ANNOTATION, POD_STATE_ANNOTATION } from '../workload';
import { EventRecorder } from './recorder';

/*
 * The event recorder (client-go tools/record and tools/events semantics)
 * and the Events the workload controller writes for each pod state.
 */

function storeWith(eventsPerNamespace?: number): SandboxStore {
  const store = createStore({ eventsPerNamespace });
  store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
  return store;
}

function deployment(
  annotations: Record<string, string> = {},
  extra: Any = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'n' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'd' } },
      template: {
        metadata: { labels: { app: 'd' }, annotations },
        spec: { containers: [{ name: 'app', image: 'shop:1.0' }], ...extra },
      },
    },
  };
}

describe('the event recorder', () => {
  it('deduplicates like client-go: the same object, reason and message again → count + 1, lastTimestamp now, same Event', () => {
    const store = storeWith();
    store.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'n',
        labels: { 'pod-security.kubernetes.io/enforce': 'baseline' },
      },
    });
    store.put(
      deployment(
        {},
        {
          containers: [
            {
              name: 'app',
              image: 'shop:1.0',
              securityContext: { privileged: true },
            },
          ],
        },
      ),
    );
    const [first] = warnings(store, 'n');
    expect(first.reason).toBe('FailedCreate');
    const events = store.list('events', 'n').length;
    // every change of the namespace makes the ReplicaSet controller try again
    store.patch('namespaces', undefined, 'n', {
      metadata: { labels: { retry: '1' } },
    });
    store.patch('namespaces', undefined, 'n', {
      metadata: { labels: { retry: '2' } },
    });
    const [again] = warnings(store, 'n');
    expect(again.metadata.name).toBe(first.metadata.name);
    expect(again.count).toBe(first.count + 2);
    expect(again.firstTimestamp).toBe(first.firstTimestamp);
    expect(Date.parse(again.lastTimestamp)).toBeGreaterThanOrEqual(
      Date.parse(first.lastTimestamp),
    );
    expect(store.list('events', 'n')).toHaveLength(events);
  });

  it('keeps at most eventsPerNamespace Events, dropping the least recently written', () => {
    const store = storeWith(6);
    store.put(deployment());
    const first = store.list('events', 'n').map(e => e.metadata.name);
    for (const replicas of [2, 0, 3, 1]) {
      store.patch('deployments', 'n', 'd', { spec: { replicas } });
    }
    const now = store.list('events', 'n').map(ev);
    expect(now).toHaveLength(6);
    expect(now.map(e => e.metadata.name)).not.toContain(first[0]);
    expect(now.map(e => e.message)).toContain(
      `Scaled down replica set ${
        store.list('replicasets', 'n')[0].metadata.name
      } from 3 to 1`,
    );
  });

  it('OOMKilled: crash-looping, the last termination OOMKilled with exit code 137', () => {
    const store = storeWith();
    store.put(deployment({ [POD_STATE_ANNOTATION]: 'OOMKilled' }));
    const [pod] = store.list('pods', 'n');
    const [status] = statusOf(pod).containerStatuses;
    expect(status.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(status.lastState.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
    });
    expect(warnings(store, 'n').map(e => e.reason)).toEqual(['BackOff']);
  });

  const notFound =
    'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/shop:1.0": failed to resolve reference "docker.io/library/shop:1.0": docker.io/library/shop:1.0: not found';
  const pulling = 'Normal Pulling: Pulling image "shop:1.0" (x4)';
  const failedPull = `Warning Failed: Failed to pull image "shop:1.0": ${notFound} (x4)`;
  it.each([
    [
      'ImagePullBackOff',
      'Back-off pulling image "shop:1.0"',
      [
        pulling,
        failedPull,
        'Warning Failed: Error: ErrImagePull (x4)',
        // image_manager.go: the back-off itself is a Normal event
        'Normal BackOff: Back-off pulling image "shop:1.0" (x7)',
        'Warning Failed: Error: ImagePullBackOff (x6)',
      ],
    ],
    [
      'ErrImagePull',
      notFound,
      [
        pulling.replace('x4', 'x1'),
        failedPull.replace('x4', 'x1'),
        'Warning Failed: Error: ErrImagePull (x1)',
      ],
    ],
  ])('%s: the kubelet reports the failed pulls', (state, waiting, events) => {
    const store = storeWith();
    store.put(deployment({ [POD_STATE_ANNOTATION]: state }));
    const [pod] = store.list('pods', 'n');
    expect(statusOf(pod).phase).toBe('Pending');
    expect(statusOf(pod).containerStatuses[0].state.waiting).toEqual({
      reason: state,
      message: waiting,
    });
    const kubelet = about(store, 'n', pod.metadata.name)
      .filter(e => e.source.component === 'kubelet')
      .map(e => `${e.type} ${e.reason}: ${e.message} (x${e.count})`);
    expect(kubelet).toEqual(events);
  });

  it('an init container whose image cannot be pulled: Events about spec.initContainers{…}, none for later containers', () => {
    const store = storeWith();
    store.put(
      deployment(
        { [INIT_STATE_ANNOTATION]: 'okteto-bin=ImagePullBackOff' },
        {
          initContainers: [
            { name: 'okteto-bin', image: 'ghcr.io/okteto/okteto:3.21.0' },
          ],
        },
      ),
    );
    const [pod] = store.list('pods', 'n');
    const paths = new Set(
      about(store, 'n', pod.metadata.name)
        .filter(e => e.source.component === 'kubelet')
        .map(e => e.involvedObject.fieldPath),
    );
    expect([...paths]).toEqual(['spec.initContainers{okteto-bin}']);
    expect(warnings(store, 'n').map(e => e.message)).toContain(
      'Error: ImagePullBackOff',
    );
  });

  it('a claim that binds later: the scheduler places the pod (Scheduled), the kubelet starts it', () => {
    const store = storeWith();
    store.put(
      deployment(
        {},
        { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'c' } }] },
      ),
    );
    const [pod] = store.list('pods', 'n');
    expect(warnings(store, 'n').map(e => e.reason)).toEqual([
      'FailedScheduling',
    ]);
    store.put({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c', namespace: 'n' },
      spec: { resources: { requests: { storage: '1Gi' } } },
    });
    const reasons = about(store, 'n', pod.metadata.name).map(e => e.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulled', 'Created', 'Started']),
    );
  });

  it('a deleted pod: SuccessfulDelete from the ReplicaSet, Killing from the kubelet', () => {
    const store = storeWith();
    store.put(deployment());
    const [pod] = store.list('pods', 'n');
    store.patch('deployments', 'n', 'd', { spec: { replicas: 0 } });
    const messages = store.list('events', 'n').map(e => ev(e).message);
    expect(messages).toEqual(
      expect.arrayContaining([
        `Deleted pod: ${pod.metadata.name}`,
        'Stopping container app',
      ]),
    );
  });

  it('an events.k8s.io recorder (kube-scheduler) counts isomorphic Events in a series', () => {
    const store = storeWith();
    const pod = store.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'n' },
      spec: { containers: [] },
    });
    const times = ['2025-06-02T09:30:00.000Z', '2025-06-02T09:31:00.000Z'];
    const recorder = new EventRecorder(store, {
      clock: () => new Date(times.shift() ?? '2025-06-02T09:32:00.000Z'),
    });
    const scheduler = { controller: 'default-scheduler', instance: 'x' };
    const failed = {
      regarding: pod,
      type: 'Warning' as const,
      reason: 'FailedScheduling',
      action: 'Scheduling',
      message: '0/3 nodes are available: …',
    };
    const first = ev(recorder.recordSeries(scheduler, failed));
    expect(first.series).toBeUndefined();
    expect(first.eventTime).toBe('2025-06-02T09:30:00.000000Z');
    const second = ev(recorder.recordSeries(scheduler, failed));
    expect(second.metadata.name).toBe(first.metadata.name);
    expect(second.series).toEqual({
      count: 2,
      lastObservedTime: '2025-06-02T09:31:00.000000Z',
    });
    expect(ev(recorder.recordSeries(scheduler, failed)).series.count).toBe(3);
    // another message is another Event
    recorder.recordSeries(scheduler, { ...failed, message: 'other' });
    expect(store.list('events', 'n')).toHaveLength(2);
  });
});
