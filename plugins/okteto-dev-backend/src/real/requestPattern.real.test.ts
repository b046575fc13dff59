/*
 * The backend's own requests (issue 21.4), sent to the real kube-apiserver and to the kube-sandbox
 * holding the same objects: every read of ClusterClient (the polling reads: Applications by
 * namespace and by name, Deployments, StatefulSets and Pods per namespace and across all, the
 * opt-in metadata-only GET of a Secret, Warning Events, the version) and the live Reflector's list-then-watch. What comes back is
 * compared as the derivation reads it (service/live/slim.ts keeps exactly those fields), after
 * the differences two clusters may have (ids, times, generated names, where pods run).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import { isDeepStrictEqual } from 'node:util';
import { httpOps, namesOf } from '@okteto-dev/kube-sandbox';
import { ClusterClient, ListScope } from '../service/kube/ClusterClient';
import type { Read } from '../service/derive/types';
import { KubeHttp } from '../service/live/kubeHttp';
import { Reflector } from '../service/live/Reflector';
import { KINDS, LiveKind } from '../service/live/resources';
import {
  applyDevMode,
  applyState,
  AppState,
  STATES,
  suffixedConventions,
} from './__testUtils__/states';
import {
  newSuffix,
  realSide,
  sandboxSide,
  Side,
  until,
} from './__testUtils__/sides';

jest.setTimeout(300_000);

const suffix = newSuffix();
const c = suffixedConventions(suffix);
const APPS = ['healthy', 'nosecret', 'devon', 'psa', 'pvc', 'interrupted'];
const states: AppState[] = STATES.filter(s => APPS.includes(s.app));
const names = (app: string) => namesOf(c, app);

let real: Awaited<ReturnType<typeof realSide>>;
let sandbox: Awaited<ReturnType<typeof sandboxSide>>;

/** A client-node KubeConfig for a side, as the backend builds one (token, CA or plain http). */
function kubeConfigOf(side: Side): KubeConfig {
  const kc = new KubeConfig();
  const { server, token, ca } = side.access;
  kc.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server,
        ...(ca
          ? { caData: Buffer.from(ca).toString('base64') }
          : { skipTLSVerify: true }),
      },
    ],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return kc;
}

const GENERATED =
  /\b([a-z0-9-]+?-web-app(?:-okteto)?)-[bcdfghjklmnpqrstvwxz2456789]{6,10}(?:-[bcdfghjklmnpqrstvwxz2456789]{5})?\b/g;

/** What two clusters may differ in, out of what the derivation reads. */
function comparable(value: unknown, key = ''): unknown {
  if (value instanceof Date) return '<time>';
  if (Array.isArray(value)) {
    const items = value.map(v => comparable(v));
    // list order: by name, as the derivation finds objects by name
    return key === '' || key === 'items'
      ? [...items].sort((a, b) =>
          JSON.stringify(a).localeCompare(JSON.stringify(b)),
        )
      : items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // ids and where a pod runs; the deployment controller's revision (the sandbox's keeps none)
      if (
        [
          'uid',
          'resourceVersion',
          'hostIP',
          'podIP',
          'nodeName',
          'deployment.kubernetes.io/revision',
        ].includes(k)
      ) {
        continue;
      }
      if (/Timestamp$|Time$|At$/.test(k)) {
        out[k] = v === undefined || v === null ? v : '<time>';
        continue;
      }
      out[k] = comparable(v, k);
    }
    return out;
  }
  if (typeof value === 'string') {
    return value
      .replace(GENERATED, '$1-<hash>')
      .replace(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
        '<uid>',
      );
  }
  return value;
}

/**
 * Pods as the derivation reads them: the conditions it looks at (kwok leaves the reason and
 * message of a Ready condition that was False on it once it is True, the kubelet clears them:
 * they are not compared on a True condition), and the template hash each controller computes
 * its own way.
 */
function podView(pod: any): unknown {
  const labels = { ...pod.metadata?.labels };
  if (labels['pod-template-hash']) labels['pod-template-hash'] = '<hash>';
  return {
    ...pod,
    metadata: { ...pod.metadata, labels },
    status: {
      ...pod.status,
      conditions: (pod.status?.conditions ?? [])
        .filter((x: any) => ['Ready', 'PodScheduled'].includes(x.type))
        .map((x: any) =>
          x.status === 'True' ? { type: x.type, status: x.status } : x,
        )
        .sort((a: any, b: any) => a.type.localeCompare(b.type)),
    },
  };
}

function slimmed(kind: LiveKind, items: unknown[]): unknown {
  const slim = items.map(i => KINDS[kind].slim(JSON.parse(JSON.stringify(i))));
  return comparable(kind === 'pods' ? slim.map(podView) : slim);
}

beforeAll(async () => {
  real = await realSide();
  sandbox = await sandboxSide();
  for (const side of [real.side, sandbox.side]) {
    for (const state of states) await applyState(side.access, c, state);
    for (const state of states) await applyDevMode(side.access, c, state);
  }
  // settled: every Deployment of the real cluster observed, the dev pods placed or refused
  await until(
    async () => {
      const client = new ClusterClient('real', kubeConfigOf(real.side), 5000);
      for (const state of states) {
        const pods = await client.listPods({
          namespace: names(state.app).namespace,
        });
        if (!pods.ok) return false;
        const deployments = await client.listDeployments({
          namespace: names(state.app).namespace,
        });
        if (
          !deployments.ok ||
          deployments.value.some(
            d =>
              (d.status as { observedGeneration?: number } | undefined)
                ?.observedGeneration !==
              (d.metadata as { generation?: number }).generation,
          )
        ) {
          return false;
        }
        const want = deployments.value.reduce(
          (n, d) => n + (d.spec?.replicas ?? 1),
          0,
        );
        const refused = state.app === 'psa' ? 1 : 0;
        if (pods.value.length !== want - refused) return false;
        // kwok has brought each pod to its state
        if (pods.value.some(p => !p.status?.conditions?.length)) return false;
      }
      return true;
    },
    'the real cluster settled',
    120_000,
  );
});

afterAll(async () => {
  await sandbox?.sandbox.close();
  if (real) {
    const ops = httpOps(real.side.access);
    for (const ns of [
      ...states.map(s => names(s.app).namespace),
      c.argo.namespace,
    ]) {
      await ops.delete('namespaces', undefined, ns).catch(() => undefined);
    }
    await real.cluster.close();
  }
});

/** The value of a read, or the read's error as a test failure. */
function valueOf<T>(read: Read<T>): T {
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

const clients = () => ({
  real: new ClusterClient('real', kubeConfigOf(real.side), 5000),
  sandbox: new ClusterClient('sandbox', kubeConfigOf(sandbox.side), 5000),
});

/** Reads both sides until they agree (up to 30 s: the real controllers may still be counting). */
async function agreed<T>(read: () => Promise<T[]>): Promise<T[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const sides = await read();
    if (isDeepStrictEqual(sides[0], sides[1]) || Date.now() > deadline) {
      return sides;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

describe('ClusterClient: the polling reads', () => {
  it('Applications of Argo CD’s namespace, all and by name (fieldSelector)', async () => {
    const { real: r, sandbox: s } = clients();
    for (const args of [
      [c.argo.namespace],
      [c.argo.namespace, [names('devon').application]],
      [
        c.argo.namespace,
        [names('devon').application, names('psa').application],
      ],
    ] as const) {
      const [a, b] = await Promise.all([
        s.listApplications(args[0], args[1] as string[] | undefined),
        r.listApplications(args[0], args[1] as string[] | undefined),
      ]);
      expect(slimmed('applications', valueOf(a))).toEqual(
        slimmed('applications', valueOf(b)),
      );
    }
  });

  it.each(APPS)(
    'Deployments, StatefulSets, Pods and the env Secret’s existence in %s’s namespace',
    async app => {
      const { real: r, sandbox: s } = clients();
      const scope: ListScope = { namespace: names(app).namespace };
      // status is the controllers' (the real one counts on, the sandbox's is settled): on a busy
      // machine the real Deployment controller may not have counted the pods yet, so both sides
      // are read again until they agree, for up to 30 s, and then compared
      const deployments = async () => {
        const [dA, dB] = await Promise.all([
          s.listDeployments(scope),
          r.listDeployments(scope),
        ]);
        const specOnly = (list: unknown[]) =>
          (slimmed('deployments', list) as any[]).map(({ status, ...d }) => ({
            ...d,
            status: {
              replicas: status?.replicas ?? 0,
              readyReplicas: status?.readyReplicas ?? 0,
              conditions: (status?.conditions ?? [])
                .filter((x: any) => x.type === 'ReplicaFailure')
                .map((x: any) => ({
                  type: x.type,
                  status: x.status,
                  reason: x.reason,
                })),
            },
          }));
        return [specOnly(valueOf(dA)), specOnly(valueOf(dB))];
      };
      const pods = async () => {
        const [pA, pB] = await Promise.all([
          s.listPods(scope),
          r.listPods(scope),
        ]);
        return [slimmed('pods', valueOf(pA)), slimmed('pods', valueOf(pB))];
      };
      for (const read of [deployments, pods]) {
        const [fromSandbox, fromReal] = await agreed(read);
        expect(fromSandbox).toEqual(fromReal);
      }
      const [tA, tB] = await Promise.all([
        s.listStatefulSets(scope),
        r.listStatefulSets(scope),
      ]);
      expect(valueOf(tA)).toEqual([]);
      expect(valueOf(tB)).toEqual([]);
      // the opt-in Secret read: a metadata-only GET by name, 404 an answer (false)
      for (const name of [names(app).envSecret, 'no-such-secret']) {
        const [eA, eB] = await Promise.all([
          s.secretExists(names(app).namespace, name),
          r.secretExists(names(app).namespace, name),
        ]);
        expect(valueOf(eA)).toBe(valueOf(eB));
      }
    },
  );

  it('across all namespaces: the same objects of these namespaces', async () => {
    const { real: r, sandbox: s } = clients();
    const ours = new Set(states.map(x => names(x.app).namespace));
    const mine = <T extends { metadata: { namespace?: string } }>(list: T[]) =>
      list.filter(o => ours.has(o.metadata.namespace ?? ''));
    const [a, b] = await Promise.all([
      s.listDeployments({ allNamespaces: true }),
      r.listDeployments({ allNamespaces: true }),
    ]);
    expect(
      mine(valueOf(a))
        .map(d => d.metadata.name)
        .sort(),
    ).toEqual(
      mine(valueOf(b))
        .map(d => d.metadata.name)
        .sort(),
    );
    const [pa, pb] = await Promise.all([
      s.listPods({ allNamespaces: true }),
      r.listPods({ allNamespaces: true }),
    ]);
    expect(
      slimmed(
        'pods',
        mine(valueOf(pa) as unknown as { metadata: { namespace?: string } }[]),
      ),
    ).toEqual(
      slimmed(
        'pods',
        mine(valueOf(pb) as unknown as { metadata: { namespace?: string } }[]),
      ),
    );
  });

  it('Warning Events (fieldSelector type=Warning): the same reasons about the same kinds', async () => {
    const { real: r, sandbox: s } = clients();
    for (const app of ['psa', 'pvc']) {
      const ns = names(app).namespace;
      const read = async (client: ClusterClient) => {
        const events = await until(async () => {
          const e = await client.listWarningEvents(ns);
          return e.ok && e.value.length > 0 && e.value;
        }, `Warning events in ${ns}`);
        return [
          ...new Set(events.map(e => `${e.involvedObject?.kind}/${e.reason}`)),
        ].sort();
      };
      expect(await read(s)).toEqual(await read(r));
    }
  });

  it('the version: a Kubernetes version string from both', async () => {
    const { real: r, sandbox: s } = clients();
    const [a, b] = await Promise.all([s.version(), r.version()]);
    expect(valueOf(b)).toMatch(/^v1\.36\.\d+$/);
    expect(valueOf(a)).toMatch(/^v1\.\d+\.\d+/);
  });
});

describe('Reflector: list-then-watch', () => {
  it.each(['deployments', 'pods', 'applications'] as LiveKind[])(
    '%s: the same objects, then the same change',
    async kind => {
      const ns =
        kind === 'applications' ? c.argo.namespace : names('healthy').namespace;
      const reflectors = [sandbox.side, real.side].map(
        side =>
          new Reflector({
            cluster: side.name,
            spec: KINDS[kind],
            namespace: ns,
            http: new KubeHttp(kubeConfigOf(side), 5000),
            keep: () => true,
            onChange: () => undefined,
            onState: () => undefined,
            logger: mockServices.logger.mock(),
            watchTimeoutSeconds: 60,
          }),
      );
      reflectors.forEach(x => x.start());
      try {
        await until(
          () => reflectors.every(x => x.state === 'ready'),
          'both reflectors listed',
        );
        const view = (x: Reflector) =>
          kind === 'pods'
            ? comparable(x.list().map(podView))
            : comparable(x.list());
        expect(view(reflectors[0])).toEqual(view(reflectors[1]));
        // the same write on both sides reaches both watches
        const label = `touched-${kind}`;
        for (const side of [sandbox.side, real.side]) {
          const ops = httpOps(side.access);
          if (kind === 'applications') {
            await ops.patch('applications', ns, names('healthy').application, {
              metadata: { labels: { touched: label } },
            });
          } else if (kind === 'deployments') {
            await ops.patch('deployments', ns, names('healthy').deployment, {
              metadata: { labels: { touched: label } },
            });
          } else {
            const pods = await ops.list('pods', ns);
            await ops.patch('pods', ns, pods[0].metadata.name, {
              metadata: { labels: { touched: label } },
            });
          }
        }
        await until(
          () => reflectors.every(x => JSON.stringify(x.list()).includes(label)),
          'the change on both watches',
        );
        expect(view(reflectors[0])).toEqual(view(reflectors[1]));
        expect(reflectors.map(x => x.stats.gone)).toEqual([0, 0]);
      } finally {
        reflectors.forEach(x => x.stop());
      }
    },
  );
});
