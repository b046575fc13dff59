import { InputError } from '@backstage/errors';
import { Document, isMap, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import {
  devApplicationState,
  DevApplicationState,
  findApplication,
} from './argoApplication';
import {
  replicasGuard,
  RESPECT_IGNORE_DIFFERENCES,
} from './devApplicationRender';
import {
  documentsParseTo,
  isRecord,
  parseYamlDocumentsSafe,
} from './yamlDocuments';
import { findPair } from './yamlNodes';
import {
  appendItem,
  applySplices,
  detectLayout,
  insertPair,
  replaceScalar,
  setEmptyValue,
  Splice,
  YamlLayout,
} from './yamlSplice';

/**
 * The fixes `argocd:dev-application:patch` makes, named like the entity card's checklist items.
 *
 * @public
 */
export const APPLICATION_FIXES = ['self-heal-off', 'replicas-ignored'] as const;

/**
 * One fix of `argocd:dev-application:patch`: one of {@link APPLICATION_FIXES}.
 *
 * @public
 */
export type ApplicationFix = (typeof APPLICATION_FIXES)[number];

/** What {@link patchDevApplication} did. */
export interface ApplicationPatch {
  content: string;
  changed: boolean;
  /** `metadata.name` of the patched Application. */
  applicationName: string;
  /** The fixes that changed the file, in input order. */
  fixed: ApplicationFix[];
  /** The fixes the file already had. */
  alreadyFixed: ApplicationFix[];
  /** The settings before the edit. */
  before: DevApplicationState;
  /** What was added for `replicas-ignored`. */
  added: { ignoreDifferences: boolean; syncOption: boolean };
}

/** The node of a pair's value in a map, and the pair. */
function child(map: unknown, key: string): { pair?: Pair; node?: unknown } {
  const pair = findPair(map, key);
  return { pair, node: pair?.value };
}

function isEmpty(node: unknown): boolean {
  return (
    node === null ||
    node === undefined ||
    (isScalar(node) && node.value === null)
  );
}

/** Sets `key` of a map to `value`: replaces an empty value, else adds the pair. */
function setInMap(
  text: string,
  map: YAMLMap,
  key: string,
  value: unknown,
  layout: YamlLayout,
): Splice {
  const { pair } = child(map, key);
  if (pair) return setEmptyValue(text, pair, value, layout);
  return insertPair(text, map, key, value, layout);
}

function refuse(label: string, what: string): never {
  throw new InputError(
    `${label}: ${what}; fix it by hand (the action edits only well-formed Applications)`,
  );
}

/** The splices (and the expected spec) of `replicas-ignored`. */
function guardSplices(
  text: string,
  label: string,
  specNode: YAMLMap,
  spec: Record<string, unknown>,
  state: DevApplicationState,
  workload: string,
  layout: YamlLayout,
) {
  const splices: Splice[] = [];
  const expected = structuredClone(spec);
  const syncPolicyData = isRecord(expected.syncPolicy)
    ? expected.syncPolicy
    : {};
  if (!state.respectIgnoreDifferences) {
    const { node: syncPolicy } = child(specNode, 'syncPolicy');
    const { node: syncOptions } = child(syncPolicy, 'syncOptions');
    const options = Array.isArray(syncPolicyData.syncOptions)
      ? [...syncPolicyData.syncOptions]
      : [];
    if (isEmpty(syncPolicy)) {
      splices.push(
        setInMap(
          text,
          specNode,
          'syncPolicy',
          { syncOptions: [RESPECT_IGNORE_DIFFERENCES] },
          layout,
        ),
      );
    } else if (!isMap(syncPolicy)) {
      refuse(label, 'spec.syncPolicy is not a mapping');
    } else if (isEmpty(syncOptions)) {
      splices.push(
        setInMap(
          text,
          syncPolicy,
          'syncOptions',
          [RESPECT_IGNORE_DIFFERENCES],
          layout,
        ),
      );
    } else if (!isSeq(syncOptions)) {
      refuse(label, 'spec.syncPolicy.syncOptions is not a list');
    } else {
      const falseOption = syncOptions.items.find(
        item =>
          isScalar(item) &&
          /^RespectIgnoreDifferences=/.test(String(item.value)),
      );
      if (falseOption) {
        splices.push(
          replaceScalar(falseOption as Node, RESPECT_IGNORE_DIFFERENCES),
        );
      } else {
        splices.push(
          appendItem(text, syncOptions, RESPECT_IGNORE_DIFFERENCES, layout),
        );
      }
    }
    const kept = options.filter(
      o => typeof o !== 'string' || !/^RespectIgnoreDifferences=/.test(o),
    );
    const at = options.findIndex(
      o => typeof o === 'string' && /^RespectIgnoreDifferences=/.test(o),
    );
    if (at >= 0) kept.splice(at, 0, RESPECT_IGNORE_DIFFERENCES);
    else kept.push(RESPECT_IGNORE_DIFFERENCES);
    expected.syncPolicy = { ...syncPolicyData, syncOptions: kept };
  }
  if (!state.replicasIgnoredInDiff) {
    const [entry] = replicasGuard(workload);
    const { node: ignore } = child(specNode, 'ignoreDifferences');
    if (isEmpty(ignore)) {
      splices.push(
        setInMap(text, specNode, 'ignoreDifferences', [entry], layout),
      );
    } else if (!isSeq(ignore)) {
      refuse(label, 'spec.ignoreDifferences is not a list');
    } else {
      splices.push(appendItem(text, ignore, entry, layout));
    }
    const existing = Array.isArray(expected.ignoreDifferences)
      ? expected.ignoreDifferences
      : [];
    expected.ignoreDifferences = [...existing, entry];
  }
  return { splices, expected };
}

/**
 * Sets `syncPolicy.automated.selfHeal: false` and/or adds the `/spec/replicas` guard to the dev
 * Application in `text` by splicing only the edited nodes, then checks that the file parses to
 * exactly the expected data (every other document and field unchanged). Settings already in place
 * are left alone: a second run changes nothing.
 */
export function patchDevApplication(
  text: string,
  label: string,
  options: {
    fixes: ApplicationFix[];
    applicationName: string;
    workload: string;
    namespace: string;
  },
): ApplicationPatch {
  const docs = parseYamlDocumentsSafe(text, label);
  const app = findApplication(docs, label, options.applicationName);
  const doc: Document.Parsed = docs[app.index].doc;
  const spec = app.data.spec as Record<string, unknown>;
  const specNode = doc.getIn(['spec'], true);
  if (!isMap(specNode)) refuse(label, `spec of ${app.name} is not a mapping`);
  const automatedNode = doc.getIn(['spec', 'syncPolicy', 'automated'], true);
  const state = devApplicationState(
    spec,
    {
      selfHeal: child(automatedNode, 'selfHeal').node,
      enabled: child(automatedNode, 'enabled').node,
    },
    options.workload,
    options.namespace,
  );
  const layout = detectLayout(text, doc.contents);
  const splices: Splice[] = [];
  let expectedSpec = spec;
  const fixed: ApplicationFix[] = [];
  const alreadyFixed: ApplicationFix[] = [];
  const added = { ignoreDifferences: false, syncOption: false };
  for (const fix of new Set(options.fixes)) {
    if (fix === 'self-heal-off') {
      if (!state.selfHeal) {
        alreadyFixed.push(fix);
        continue;
      }
      const selfHeal = child(automatedNode, 'selfHeal').node as Node;
      splices.push(replaceScalar(selfHeal, false));
      expectedSpec = structuredClone(expectedSpec);
      const syncPolicy = expectedSpec.syncPolicy as Record<string, unknown>;
      syncPolicy.automated = {
        ...(syncPolicy.automated as Record<string, unknown>),
        selfHeal: false,
      };
      fixed.push(fix);
    } else {
      if (state.replicasIgnoredInDiff && state.respectIgnoreDifferences) {
        alreadyFixed.push(fix);
        continue;
      }
      const guard = guardSplices(
        text,
        label,
        specNode,
        expectedSpec,
        state,
        options.workload,
        layout,
      );
      splices.push(...guard.splices);
      expectedSpec = guard.expected;
      added.ignoreDifferences = !state.replicasIgnoredInDiff;
      added.syncOption = !state.respectIgnoreDifferences;
      fixed.push(fix);
    }
  }
  const result: ApplicationPatch = {
    content: text,
    changed: false,
    applicationName: app.name,
    fixed,
    alreadyFixed,
    before: state,
    added,
  };
  if (splices.length === 0) return result;
  const content = applySplices(text, splices);
  const expected = docs.map((d, i) =>
    i === app.index ? { ...app.data, spec: expectedSpec } : d.data,
  );
  if (!documentsParseTo(content, label, expected)) {
    refuse(
      label,
      `the edit of Application ${app.name} could not be made without changing other content`,
    );
  }
  return { ...result, content, changed: true };
}
