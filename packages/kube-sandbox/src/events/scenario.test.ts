import { statusOf, webCoreStore } from '../__testUtils__';
import {
  eventsAbout as about,
  ev,
  warningEvents as warnings,
} from '../__testUtils__/events';
import type { SandboxStore } from '../store';

/*
 * The Events of the web-core scenario's apps, as the scheduler, the
 * kubelet and the controllers would have written them, and the last
 * container terminations.
 */

describe('Events of the web-core scenario', () => {
  let store: SandboxStore;
  beforeAll(async () => {
    ({ store } = await webCoreStore());
  });

  it('landings: the kubelet backs off restarting the crashing container; lastState says how it ended', () => {
    const ns = 'web-landings-dev';
    const [pod] = store.list('pods', ns);
    const [status] = statusOf(pod).containerStatuses;
    expect(status.lastState.terminated).toMatchObject({
      reason: 'Error',
      exitCode: 1,
      finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    const [backOff] = warnings(store, ns);
    expect(warnings(store, ns)).toHaveLength(1);
    expect(backOff).toMatchObject({
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container app in pod ${pod.metadata.name}_${ns}(${pod.metadata.uid})`,
      involvedObject: {
        kind: 'Pod',
        name: pod.metadata.name,
        namespace: ns,
        uid: pod.metadata.uid,
        apiVersion: 'v1',
        fieldPath: 'spec.containers{app}',
      },
      source: { component: 'kubelet', host: 'sandbox-node' },
      reportingComponent: 'kubelet',
      count: status.restartCount,
    });
    expect(backOff.metadata.name).toMatch(
      new RegExp(`^${pod.metadata.name}\\.[0-9a-f]+$`),
    );
    // each restart pulled, created and started the container again
    const started = about(store, ns, pod.metadata.name).find(
      e => e.reason === 'Started',
    );
    expect(started).toMatchObject({
      type: 'Normal',
      message: 'Started container app',
      count: status.restartCount + 1,
    });
  });

  it('blog: the ReplicaSet controller reports the refused clone pod (FailedCreate), the compliant original ran', () => {
    const ns = 'web-blog-dev';
    const rs = store
      .list('replicasets', ns)
      .find(r => r.metadata.name.startsWith(`${ns}-web-app-okteto-`))!;
    const all = warnings(store, ns);
    expect(all.map(e => e.involvedObject.name)).toEqual([rs.metadata.name]);
    expect(all[0]).toMatchObject({
      reason: 'FailedCreate',
      involvedObject: { kind: 'ReplicaSet', uid: rs.metadata.uid },
      source: { component: 'replicaset-controller' },
      message: `Error creating: ${statusOf(rs).conditions[0].message}`,
    });
    expect(all[0].message).toMatch(
      /^Error creating: pods "web-blog-dev-web-app-okteto-\w+-\w{5}" is forbidden: violates PodSecurity "restricted:latest": /,
    );
    const original = store
      .list('events', ns)
      .map(ev)
      .filter(e => e.involvedObject.name === `${ns}-web-app`)
      .map(e => e.message);
    expect(original).toEqual([
      expect.stringMatching(
        /^Scaled up replica set web-blog-dev-web-app-\w+ from 0 to 1$/,
      ),
      expect.stringMatching(
        /^Scaled down replica set web-blog-dev-web-app-\w+ from 1 to 0$/,
      ),
    ]);
  });

  it('docs: the scheduler cannot place the dev pod (events.k8s.io, FailedScheduling); no provisioner for the claim', () => {
    const ns = 'web-docs-dev';
    const pod = store
      .list('pods', ns)
      .find(p => p.metadata.name.startsWith(`${ns}-web-app-okteto-`))!;
    const byReason = Object.fromEntries(
      warnings(store, ns).map(e => [e.reason, e]),
    );
    expect(Object.keys(byReason).sort()).toEqual([
      'FailedScheduling',
      'ProvisioningFailed',
    ]);
    expect(byReason.FailedScheduling).toMatchObject({
      involvedObject: { kind: 'Pod', name: pod.metadata.name },
      message:
        '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found',
      action: 'Scheduling',
      reportingComponent: 'default-scheduler',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: expect.stringMatching(/\.\d{6}Z$/),
    });
    expect(byReason.FailedScheduling.count).toBeUndefined();
    expect(byReason.ProvisioningFailed).toMatchObject({
      involvedObject: { kind: 'PersistentVolumeClaim', name: `${ns}-okteto` },
      message: 'storageclass.storage.k8s.io "fast-ssd" not found',
      source: { component: 'persistentvolume-controller' },
    });
  });

  it('admin: dev mode started two days ago, past the event TTL: no Events about the clone', () => {
    const ns = 'web-admin-dev';
    const names = store
      .list('events', ns)
      .map(e => ev(e).involvedObject.name as string);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter(n => n.startsWith(`${ns}-web-app-okteto`))).toEqual([]);
  });

  it('normal lives: Scheduled, Pulled, Created, Started, SuccessfulCreate, ScalingReplicaSet', () => {
    const ns = 'web-corporate-dev';
    const reasons = store
      .list('events', ns)
      .map(e => `${ev(e).involvedObject.kind}/${ev(e).reason}`);
    expect(reasons.sort()).toEqual([
      'Deployment/ScalingReplicaSet',
      'Pod/Created',
      'Pod/Pulled',
      'Pod/Scheduled',
      'Pod/Started',
      'ReplicaSet/SuccessfulCreate',
    ]);
    expect(warnings(store, ns)).toEqual([]);
  });
});
