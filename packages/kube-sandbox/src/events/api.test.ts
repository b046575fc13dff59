import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CoreV1Api,
  EventsV1Api,
  KubeConfig,
  Watch,
} from '@kubernetes/client-node';
import { hasKubectl, kubectlRun, raw } from '../__testUtils__';
import { eventually } from '../eventually';
import { startSandbox, Sandbox } from '../index';

/* core/v1 Events through the API: @kubernetes/client-node and kubectl. */

describe('Events through @kubernetes/client-node', () => {
  let sb: Sandbox;
  let core: CoreV1Api;
  let kc: KubeConfig;

  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'web-core' });
    kc = new KubeConfig();
    kc.loadFromFile(sb.kubeconfigPath);
    core = kc.makeApiClient(CoreV1Api);
  });
  afterAll(() => sb.close());

  it('lists the Warning events of a namespace (fieldSelector type=Warning), as okteto-dev reads them', async () => {
    const list = await core.listNamespacedEvent({
      namespace: 'web-landings-dev',
      fieldSelector: 'type=Warning',
    });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every(e => e.type === 'Warning')).toBe(true);
    const [backOff] = list.items;
    expect(backOff.reason).toBe('BackOff');
    expect(backOff.involvedObject.kind).toBe('Pod');
    expect(backOff.involvedObject.name).toMatch(/^web-landings-dev-web-app-/);
    expect(backOff.count).toBe(7);
    expect(backOff.lastTimestamp).toBeInstanceOf(Date);
    const all = await core.listNamespacedEvent({
      namespace: 'web-landings-dev',
    });
    expect(all.items.length).toBeGreaterThan(list.items.length);
  });

  it('blog and docs: FailedCreate on the clone ReplicaSet, FailedScheduling on the dev pod', async () => {
    const blog = await core.listNamespacedEvent({
      namespace: 'web-blog-dev',
      fieldSelector: 'type=Warning,involvedObject.kind=ReplicaSet',
    });
    expect(blog.items.map(e => e.reason)).toEqual(['FailedCreate']);
    expect(blog.items[0].involvedObject.name).toMatch(
      /^web-blog-dev-web-app-okteto-/,
    );
    const docs = await core.listNamespacedEvent({
      namespace: 'web-docs-dev',
      fieldSelector: 'reason=FailedScheduling',
    });
    expect(docs.items).toHaveLength(1);
    expect(docs.items[0].message).toMatch(
      /^0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\. /,
    );
    expect(docs.items[0].reportingComponent).toBe('default-scheduler');
    // a MicroTime: client-node hands it over as the string it received
    expect(String(docs.items[0].eventTime)).toMatch(/\.\d{6}Z$/);
  });

  it('selects by involvedObject.name and gets one Event by name', async () => {
    const [pod] = sb.store.list('pods', 'web-corporate-dev');
    const list = await core.listNamespacedEvent({
      namespace: 'web-corporate-dev',
      fieldSelector: `involvedObject.name=${pod.metadata.name},involvedObject.kind=Pod`,
    });
    expect(list.items.map(e => e.reason)).toEqual([
      'Scheduled',
      'Pulled',
      'Created',
      'Started',
    ]);
    const one = await core.readNamespacedEvent({
      namespace: 'web-corporate-dev',
      name: list.items[0].metadata!.name!,
    });
    expect(one.reason).toBe('Scheduled');
  });

  it('serves the same Events as events.k8s.io/v1 (regarding, note, reportingController)', async () => {
    const v1 = kc.makeApiClient(EventsV1Api);
    const list = await v1.listNamespacedEvent({
      namespace: 'web-docs-dev',
      fieldSelector: 'type=Warning,regarding.kind=Pod',
    });
    expect(list.items).toHaveLength(1);
    const [e] = list.items;
    expect(e.reason).toBe('FailedScheduling');
    expect(e.regarding?.name).toMatch(/^web-docs-dev-web-app-okteto-/);
    expect(e.note).toMatch(/^0\/3 nodes are available/);
    expect(e.reportingController).toBe('default-scheduler');
    expect(e.action).toBe('Scheduling');

    // written as events.k8s.io/v1, read as core/v1
    const [pod] = sb.store.list('pods', 'web-corporate-dev');
    await v1.createNamespacedEvent({
      namespace: 'web-corporate-dev',
      body: {
        metadata: { name: 'probe.1' },
        eventTime: new Date('2025-06-02T09:30:00Z'),
        reportingController: 'example.com/prober',
        reportingInstance: 'prober-1',
        action: 'Probe',
        reason: 'Unhealthy',
        type: 'Warning',
        note: 'Readiness probe failed',
        regarding: {
          kind: 'Pod',
          name: pod.metadata.name,
          namespace: 'web-corporate-dev',
        },
      },
    });
    const core1 = await core.readNamespacedEvent({
      namespace: 'web-corporate-dev',
      name: 'probe.1',
    });
    expect(core1).toMatchObject({
      message: 'Readiness probe failed',
      reportingComponent: 'example.com/prober',
      involvedObject: { kind: 'Pod', name: pod.metadata.name },
    });
  });

  it('refuses a field label the API server does not support (400)', async () => {
    const r = await raw(
      sb,
      'GET',
      '/api/v1/namespaces/web-docs-dev/events?fieldSelector=spec.foo%3Dbar',
    );
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'field label not supported: spec.foo',
    });
  });

  it('watches Warning events: a repeated failure arrives as MODIFIED with a higher count', async () => {
    const ns = 'web-blog-dev';
    const seen: Array<{ type: string; count?: number }> = [];
    const ctl = await new Watch(kc).watch(
      `/api/v1/namespaces/${ns}/events`,
      {
        fieldSelector: 'type=Warning',
        resourceVersion: sb.store.resourceVersion,
      },
      (type, obj) => seen.push({ type, count: obj.count }),
      () => undefined,
    );
    try {
      const [before] = await core
        .listNamespacedEvent({ namespace: ns, fieldSelector: 'type=Warning' })
        .then(l => l.items);
      // the namespace changes: the ReplicaSet controller tries the clone pod again
      sb.store.patch('namespaces', undefined, ns, {
        metadata: { labels: { touched: 'yes' } },
      });
      await eventually(() => seen.some(e => e.type === 'MODIFIED'), {
        timeoutMs: 10_000,
      });
      expect(seen.find(e => e.type === 'MODIFIED')?.count).toBe(
        (before.count ?? 0) + 1,
      );
    } finally {
      ctl.abort();
    }
  });
});

const describeKubectl = hasKubectl ? describe : describe.skip;

describeKubectl('kubectl get events', () => {
  let sb: Sandbox;
  let cache: string;
  const k = (...args: string[]) => kubectlRun(sb.kubeconfigPath, cache, args);

  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'web-core', tls: true });
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-sandbox-cache-'));
  });
  afterAll(async () => {
    await sb.close();
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('prints the server-side table, Warnings only with --field-selector', async () => {
    const r = await k(
      'get',
      'events',
      '-n',
      'web-docs-dev',
      '--field-selector',
      'type=Warning',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toMatch(
      /Warning\s+FailedScheduling\s+pod\/web-docs-dev-web-app-okteto-\S+\s+0\/3 nodes are available/,
    );
    expect(rows.join('\n')).toMatch(
      /Warning\s+ProvisioningFailed\s+persistentvolumeclaim\/web-docs-dev-okteto\s+storageclass/,
    );
    expect(rows.join('\n')).not.toContain('Normal');
  });

  it('-o wide adds the source, count and name columns', async () => {
    const r = await k('get', 'ev', '-n', 'web-landings-dev', '-o', 'wide');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME/,
    );
    expect(r.stdout).toMatch(
      /Warning\s+BackOff\s+pod\/\S+\s+spec\.containers\{app\}\s+kubelet, sandbox-node\s+Back-off restarting failed container app in pod \S+\s+\S+\s+7\s+web-landings-dev-web-app-\S+\.[0-9a-f]+/,
    );
  });

  it('lists events in api-resources', async () => {
    const r = await k('api-resources', '--api-group=');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/events\s+ev\s+v1\s+true\s+Event/);
  });
});
