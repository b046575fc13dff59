import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { GroupSwitches } from './discovery';
import { oktetoUp, OktetoUpOptions } from './okteto';
import type { ForbidRules } from './server';
import type { SandboxStore } from './store';
import type { KubeObject } from './types';

export const SCENARIO_API_VERSION = 'sandbox.okteto-dev/v1';

/** An Okteto session to apply when the scenario loads. */
export interface ScenarioOktetoSession extends OktetoUpOptions {
  /** Leave the original in dev mode but delete the clone (interrupted up). */
  interrupted?: boolean;
}

/** Options of a scenario (`kind: Scenario` document, e.g. scenario.yaml). */
export interface ScenarioOptions {
  forbid?: ForbidRules;
  groups?: GroupSwitches;
  okteto?: ScenarioOktetoSession[];
}

export interface Scenario {
  name: string;
  objects: KubeObject[];
  options: ScenarioOptions;
}

/**
 * A bare shipped name (`web-core`), a file, a directory of YAML/JSON files,
 * one object, an array of objects, or `{ objects, options }`.
 */
export type ScenarioInput =
  | string
  | KubeObject
  | KubeObject[]
  | { name?: string; objects: KubeObject[]; options?: ScenarioOptions };

function packageRoot(): string {
  try {
    return path.dirname(
      require.resolve('@okteto-dev/kube-sandbox/package.json'),
    );
  } catch {
    // Not resolvable by name (e.g. copied elsewhere): relative to this file.
    // eslint-disable-next-line no-restricted-syntax
    return path.resolve(__dirname, '..');
  }
}

/** The scenarios shipped with the package (`scenarios/<name>/`). */
export const SCENARIOS_DIR = path.join(packageRoot(), 'scenarios');

function isOptionsDoc(doc: Record<string, unknown>): boolean {
  return (
    (doc.kind === 'Scenario' || doc.kind === 'SandboxScenario') &&
    (doc.apiVersion === undefined || doc.apiVersion === SCENARIO_API_VERSION)
  );
}

function mergeOptions(a: ScenarioOptions, b: ScenarioOptions): ScenarioOptions {
  return {
    forbid: {
      namespaces: [
        ...(a.forbid?.namespaces ?? []),
        ...(b.forbid?.namespaces ?? []),
      ],
      resources: [
        ...(a.forbid?.resources ?? []),
        ...(b.forbid?.resources ?? []),
      ],
    },
    groups: { ...a.groups, ...b.groups },
    okteto: [...(a.okteto ?? []), ...(b.okteto ?? [])],
  };
}

function fromDocs(name: string, docs: unknown[]): Scenario {
  const scenario: Scenario = { name, objects: [], options: {} };
  const visit = (doc: unknown) => {
    if (!doc || typeof doc !== 'object') return;
    if (Array.isArray(doc)) {
      doc.forEach(visit);
      return;
    }
    const d = doc as Record<string, unknown>;
    if (isOptionsDoc(d)) {
      const { apiVersion: _a, kind: _k, metadata: _m, ...options } = d;
      scenario.options = mergeOptions(
        scenario.options,
        options as ScenarioOptions,
      );
    } else if (d.kind === 'List' && Array.isArray(d.items)) {
      d.items.forEach(visit);
    } else if (d.kind && d.metadata) {
      scenario.objects.push(d as KubeObject);
    } else {
      throw new Error(
        `kube-sandbox: not a Kubernetes object: ${JSON.stringify(d).slice(
          0,
          120,
        )}`,
      );
    }
  };
  docs.forEach(visit);
  return scenario;
}

function readFile(file: string): unknown[] {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) return [JSON.parse(text)];
  return YAML.parseAllDocuments(text).map(d => {
    if (d.errors.length) {
      throw new Error(`kube-sandbox: ${file}: ${d.errors[0].message}`);
    }
    return d.toJS();
  });
}

function readPath(p: string): unknown[] {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return readFile(p);
  return fs
    .readdirSync(p)
    .filter(f => /\.(ya?ml|json)$/.test(f))
    .sort()
    .flatMap(f => readFile(path.join(p, f)));
}

/** Loads a scenario from a name, path or in-memory objects. */
export function loadScenario(input: ScenarioInput | undefined): Scenario {
  if (input === undefined) return { name: 'empty', objects: [], options: {} };
  if (typeof input === 'string') {
    const shipped = path.join(SCENARIOS_DIR, input);
    if (/^[\w-]+$/.test(input) && fs.existsSync(shipped)) {
      return fromDocs(input, readPath(shipped));
    }
    if (!fs.existsSync(input)) {
      throw new Error(
        `kube-sandbox: scenario "${input}" is neither a shipped scenario (${fs
          .readdirSync(SCENARIOS_DIR)
          .join(', ')}) nor a file or directory`,
      );
    }
    return fromDocs(
      path.basename(input).replace(/\.(ya?ml|json)$/, ''),
      readPath(input),
    );
  }
  if (Array.isArray(input)) return fromDocs('inline', input);
  if ('objects' in input && Array.isArray(input.objects)) {
    const name = typeof input.name === 'string' ? input.name : 'inline';
    const s = fromDocs(name, input.objects);
    s.options = mergeOptions(
      s.options,
      (input.options ?? {}) as ScenarioOptions,
    );
    return s;
  }
  return fromDocs('inline', [input]);
}

const ORDER: Record<string, number> = {
  Namespace: 0,
  Pod: 2,
  ReplicaSet: 3,
  Deployment: 4,
};

/**
 * Puts the scenario's objects into the store (namespaces first; explicit
 * Pods/ReplicaSets before Deployments so the controller adopts them), then
 * applies its Okteto sessions with the up simulation.
 */
export async function applyScenario(
  store: SandboxStore,
  scenario: Scenario,
): Promise<void> {
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
  for (const session of scenario.options.okteto ?? []) {
    const { interrupted, ...opts } = session;
    const result = await oktetoUp(store, opts);
    if (interrupted) {
      store.delete('deployments', opts.namespace, result.clone.metadata.name);
    }
  }
}
