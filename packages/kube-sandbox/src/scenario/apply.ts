import { ArgoCdSimulation, declaredByApplication } from '../argocd';
import { oktetoUp } from '../okteto';
import type { SandboxStore } from '../store';
import type { KubeObject } from '../types';
import type {
  Scenario,
  ScenarioArgoCdAction,
  ScenarioOktetoSession,
} from './types';

export interface ApplyOptions {
  /**
   * The Argo CD simulation to register the scenario's Applications with;
   * default: a new one attached to the store (none when the scenario turns
   * it off, disables the `argoproj` group, or has no Application).
   */
  argocd?: ArgoCdSimulation | false;
}

export interface AppliedScenario {
  argocd?: ArgoCdSimulation;
}

const ORDER: Record<string, number> = {
  Namespace: 0,
  Pod: 2,
  ReplicaSet: 3,
  Deployment: 4,
};

const UNITS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };

/** `2d`, `36h`, `90m`, `1h30m` → milliseconds. */
export function parseAge(age: string): number {
  let ms = 0;
  let matched = '';
  for (const m of age.matchAll(/(\d+)([dhms])/g)) {
    ms += Number(m[1]) * UNITS[m[2]] * 1000;
    matched += m[0];
  }
  if (!ms || matched !== age) {
    throw new Error(`kube-sandbox: "${age}" is not an age like 2d, 36h, 90m`);
  }
  return ms;
}

/** kube-apiserver --event-ttl: Events older than this are gone. */
const EVENT_TTL_MS = 3600 * 1000;

/**
 * Moves a clone's (and its ReplicaSet's and pods') creation back in time;
 * past the event TTL, the Events about them have expired.
 */
function backdate(store: SandboxStore, clone: KubeObject, ms: number): void {
  const at = new Date(Date.now() - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ns = clone.metadata.namespace;
  const uidOf = (o: KubeObject | undefined) => o?.metadata.uid;
  const owned = (kind: string, owners: Array<string | undefined>) =>
    store
      .list(kind, ns)
      .filter(o =>
        (o.metadata.ownerReferences ?? []).some(r => owners.includes(r.uid)),
      );
  const deploy = store.get('deployments', ns, clone.metadata.name);
  const rss = owned('replicasets', [uidOf(deploy)]);
  const pods = owned('pods', rss.map(uidOf));
  for (const o of [deploy, ...rss, ...pods]) {
    if (!o) continue;
    const out: KubeObject = {
      ...o,
      metadata: { ...o.metadata, creationTimestamp: at },
    };
    if (o.kind === 'Pod') {
      const text = JSON.stringify(o.status ?? {}).replace(
        /"(startTime|startedAt|lastTransitionTime)":"[^"]*"/g,
        `"$1":"${at}"`,
      );
      out.status = JSON.parse(text);
    }
    store.put(out);
    if (ms < EVENT_TTL_MS) continue;
    const about = `involvedObject.uid=${o.metadata.uid}`;
    for (const e of store.list('events', {
      namespace: ns,
      fieldSelector: about,
    })) {
      store.delete('events', ns, e.metadata.name);
    }
  }
}

async function applySession(store: SandboxStore, s: ScenarioOktetoSession) {
  if ('interrupted' in s) {
    throw new Error(
      `kube-sandbox: okteto session ${s.devName}: "interrupted" is gone — okteto never leaves a labelled original without its clone (okteto cmd/up/devdeployer.go writes the clone first). Use stopAfter: clone, or an Argo CD action that prunes it`,
    );
  }
  const { startedAgo, ...opts } = s;
  const result = await oktetoUp(store, opts);
  if (startedAgo && result.clone) {
    backdate(store, result.clone, parseAge(startedAgo));
  }
}

function applyAction(sim: ArgoCdSimulation, a: ScenarioArgoCdAction): void {
  if ('newCommit' in a) {
    sim.newCommit(a.newCommit, { revision: a.revision });
  } else if ('drift' in a) {
    const d = a.drift;
    sim.driftResource(d.application, d.kind, d.name, d.patch, d.namespace);
  } else if ('failSync' in a) {
    sim.failSync(a.failSync.application, a.failSync.message);
  } else if ('comparisonError' in a) {
    const c = a.comparisonError;
    sim.setComparisonError(c.application, c.message);
  } else if ('freeze' in a) {
    sim.freeze(a.freeze.application, a.freeze.reconciledAt);
  }
}

function startArgoCd(
  store: SandboxStore,
  scenario: Scenario,
  given: ArgoCdSimulation | false | undefined,
  clock: (() => Date) | undefined,
): ArgoCdSimulation | undefined {
  const apps = scenario.objects.filter(o => o.kind === 'Application');
  const o = scenario.options;
  if (
    given === false ||
    o.argocd?.enabled === false ||
    o.groups?.argoproj === false ||
    o.groups?.['argoproj.io'] === false ||
    (!apps.length && !given)
  ) {
    return undefined;
  }
  const sim = given ?? ArgoCdSimulation.attach(store);
  if (clock) sim.clock = clock;
  for (const [app, declared] of declaredByApplication(apps, scenario.objects)) {
    sim.register(app, declared);
  }
  return sim;
}

/**
 * Puts the scenario's objects into the store (namespaces first; explicit
 * Pods/ReplicaSets before Deployments so the controller adopts them), hands
 * its Applications to the Argo CD simulation, applies its Okteto sessions
 * with the `okteto up` simulation, then its Argo CD actions — with Argo
 * CD's clock at `argocd.clock` meanwhile, so the status it writes is
 * deterministic.
 */
export async function applyScenario(
  store: SandboxStore,
  scenario: Scenario,
  options: ApplyOptions = {},
): Promise<AppliedScenario> {
  if (!store.get('namespaces', 'default')) {
    store.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'default' },
    });
  }
  const sorted = [...scenario.objects].sort(
    (a, b) => (ORDER[a.kind] ?? 1) - (ORDER[b.kind] ?? 1),
  );
  for (const obj of sorted) store.put(obj);
  const argo = scenario.options.argocd;
  const fixed = argo?.clock ? new Date(argo.clock) : undefined;
  const previous = options.argocd ? options.argocd.clock : undefined;
  const sim = startArgoCd(
    store,
    scenario,
    options.argocd,
    fixed && (() => new Date(fixed)),
  );
  try {
    for (const session of scenario.options.okteto ?? []) {
      await applySession(store, session);
    }
    if (sim) for (const a of argo?.actions ?? []) applyAction(sim, a);
  } finally {
    if (sim && fixed) sim.clock = previous ?? (() => new Date());
  }
  return { argocd: sim };
}
