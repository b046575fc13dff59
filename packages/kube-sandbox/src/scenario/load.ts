import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { KubeObject } from '../types';
import {
  Scenario,
  SCENARIO_API_VERSION,
  ScenarioInput,
  ScenarioOptions,
} from './types';

function packageRoot(): string {
  try {
    return path.dirname(
      require.resolve('@okteto-dev/kube-sandbox/package.json'),
    );
  } catch {
    // Not resolvable by name (e.g. copied elsewhere): relative to this file.
    // eslint-disable-next-line no-restricted-syntax
    return path.resolve(__dirname, '..', '..');
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
    argocd: {
      ...a.argocd,
      ...b.argocd,
      actions: [...(a.argocd?.actions ?? []), ...(b.argocd?.actions ?? [])],
    },
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
