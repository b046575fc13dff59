import {
  ArgoStatus,
  CHECKLIST_IDS,
  ChecklistItem,
  DEFAULT_STIGNORE_ENTRIES,
  devEntryPreparesDependencies,
  DevTarget,
  findDevEntriesForWorkload,
  isLegacyOktetoManifest,
  OktetoDevEntry,
  stignoreCoverage,
} from '@okteto-dev/plugin-okteto-dev-common';
import { parse } from 'yaml';
import { devContainer, findWorkloads } from './deriveWorkload';
import { FetchedDevObjects, KubeDeployment, Read, RepoFile } from './types';

const MAX_MANIFEST_BYTES = 1024 * 1024;
const PARSED_KEPT = 16;
const parsedManifests = new Map<string, ParsedYaml>();

type ParsedYaml = { ok: true; data: unknown } | { ok: false; message: string };

/**
 * Parses a manifest's YAML with alias and size limits. Every entity of a monorepo shares one
 * manifest, and both the fetch (to find the `.stignore`) and the derivation look it up, so the
 * last few contents are kept parsed: parsing is deterministic and callers only read the result.
 */
export function parseManifestYaml(content: string): ParsedYaml {
  if (content.length > MAX_MANIFEST_BYTES) {
    return { ok: false, message: 'file too large' };
  }
  const kept = parsedManifests.get(content);
  if (kept) return kept;
  let parsed: ParsedYaml;
  try {
    parsed = {
      ok: true,
      data: parse(content, { maxAliasCount: 100, prettyErrors: false }),
    };
  } catch (error) {
    parsed = { ok: false, message: (error as Error).message.split('\n')[0] };
  }
  if (parsedManifests.size >= PARSED_KEPT) {
    parsedManifests.delete(parsedManifests.keys().next().value!);
  }
  parsedManifests.set(content, parsed);
  return parsed;
}

/** The dev entry of the Okteto manifest that targets the workload, or why there is none. */
export type DevEntryLookup =
  | {
      state: 'found';
      name: string;
      entry: OktetoDevEntry;
      manifestPath: string;
    }
  | { state: 'missing'; message: string }
  | { state: 'unknown'; message: string };

export function lookupDevEntry(
  manifest: Read<RepoFile> | undefined,
  original: KubeDeployment | undefined,
  target: DevTarget,
): DevEntryLookup {
  if (!manifest) {
    return {
      state: 'unknown',
      message:
        'The entity has no source location, so the Okteto manifest cannot be read.',
    };
  }
  if (!manifest.ok) {
    return {
      state: 'unknown',
      message: `The Okteto manifest could not be read: ${manifest.error.message}`,
    };
  }
  const { path, content } = manifest.value;
  if (content === undefined) {
    return {
      state: 'missing',
      message: `There is no Okteto manifest at ${path}.`,
    };
  }
  const yaml = parseManifestYaml(content);
  if (!yaml.ok) {
    return {
      state: 'unknown',
      message: `${path} is not valid YAML: ${yaml.message}`,
    };
  }
  const parsed = yaml.data;
  if (isLegacyOktetoManifest(parsed)) {
    return {
      state: 'missing',
      message: `${path} is a legacy (v1) Okteto manifest without a dev: map; move its fields under dev.${target.devService}.`,
    };
  }
  const workload = {
    name: target.workload,
    labels:
      original?.metadata.labels ?? original?.spec?.template?.metadata?.labels,
  };
  const [found] = findDevEntriesForWorkload(
    parsed,
    workload,
    target.devService,
  );
  if (!found) {
    return {
      state: 'missing',
      message: `${path} has no dev entry that targets ${target.workload} (expected dev.${target.devService}).`,
    };
  }
  return { state: 'found', ...found, manifestPath: path };
}

function item(
  id: ChecklistItem['id'],
  status: ChecklistItem['status'],
  message: string,
): ChecklistItem {
  return { id, status, message };
}

function argoItems(
  argo: ArgoStatus,
  objects: FetchedDevObjects,
): ChecklistItem[] {
  const { target } = objects;
  const app = `${target.application.namespace}/${target.application.name}`;
  if (argo.state === 'error') {
    const why = `Argo CD Application ${app} could not be read: ${argo.error.message}`;
    return [
      item('argo-application', 'unknown', why),
      item('namespace-convention', 'unknown', why),
      item('self-heal-off', 'unknown', why),
    ];
  }
  if (argo.state === 'not-found') {
    const why = `Argo CD Application ${app} does not exist.`;
    return [
      item('argo-application', 'fail', why),
      item('namespace-convention', 'unknown', why),
      item('self-heal-off', 'unknown', why),
    ];
  }
  const application = objects.application.ok
    ? objects.application.value
    : undefined;
  const destination = application?.spec?.destination?.namespace;
  let namespaceItem: ChecklistItem;
  if (destination !== target.namespace) {
    namespaceItem = item(
      'namespace-convention',
      'fail',
      `${app} deploys to namespace ${destination ?? '(none)'}, not ${
        target.namespace
      }.`,
    );
  } else if (target.namespace !== objects.conventionNamespace) {
    namespaceItem = item(
      'namespace-convention',
      'pass',
      `Deployed to ${target.namespace}, its own namespace (set by annotation; the convention would be ${objects.conventionNamespace}).`,
    );
  } else {
    namespaceItem = item(
      'namespace-convention',
      'pass',
      `Deployed to ${target.namespace}, its own namespace.`,
    );
  }
  return [
    item(
      'argo-application',
      'pass',
      `Argo CD Application ${app} exists (${argo.sync}, ${argo.health}).`,
    ),
    namespaceItem,
    argo.selfHeal
      ? item(
          'self-heal-off',
          'fail',
          `selfHeal is on for ${app}: Argo CD scales the workload back up during dev mode. Set syncPolicy.automated.selfHeal: false for dev.`,
        )
      : item('self-heal-off', 'pass', `selfHeal is off for ${app}.`),
  ];
}

function workloadItems(objects: FetchedDevObjects): ChecklistItem[] {
  const { target, deployments, secretNames } = objects;
  if (!deployments.ok) {
    const why = `The workload could not be read: ${deployments.error.message}`;
    return [
      item('synestra-env-dev', 'unknown', why),
      item('env-secret', 'unknown', why),
    ];
  }
  const { original } = findWorkloads(deployments.value, target);
  if (!original) {
    const why = `Deployment ${target.namespace}/${target.workload} does not exist.`;
    return [
      item('synestra-env-dev', 'unknown', why),
      item('env-secret', 'unknown', why),
    ];
  }
  const container = devContainer(original, target.container);
  const { name, value } = target.envVar;
  const env = container?.env?.find(e => e.name === name);
  const envItem =
    env?.value === value
      ? item(
          'synestra-env-dev',
          'pass',
          `${name}=${value} is set on the ${container?.name} container.`,
        )
      : item(
          'synestra-env-dev',
          'fail',
          env
            ? `${name} is "${
                env.value ?? ''
              }", expected "${value}" (deploy/env/dev/${target.app}.yaml).`
            : `${name} is not set on the ${
                container?.name ?? target.container
              } container; add ${name}: "${value}" to deploy/env/dev/${
                target.app
              }.yaml.`,
        );

  const refs = (container?.envFrom ?? [])
    .map(e => e.secretRef?.name)
    .filter((n): n is string => Boolean(n));
  let secretItem: ChecklistItem;
  if (refs.length === 0) {
    secretItem = item(
      'env-secret',
      'fail',
      'The container takes no Secret through envFrom.secretRef; secrets (DATABASE_URI, PAYLOAD_SECRET) will be missing.',
    );
  } else if (!secretNames.ok) {
    secretItem = item(
      'env-secret',
      'unknown',
      `Secrets could not be listed: ${secretNames.error.message}`,
    );
  } else {
    const missing = refs.filter(r => !secretNames.value.includes(r));
    secretItem =
      missing.length === 0
        ? item('env-secret', 'pass', `Secret ${refs.join(', ')} exists.`)
        : item(
            'env-secret',
            'fail',
            `Secret ${missing.join(', ')} named in envFrom does not exist in ${
              target.namespace
            }; the platform must create it.`,
          );
  }
  return [envItem, secretItem];
}

function repositoryItems(
  lookup: DevEntryLookup,
  stignore: Read<RepoFile> | undefined,
): ChecklistItem[] {
  if (lookup.state !== 'found') {
    const status = lookup.state === 'missing' ? 'fail' : 'unknown';
    return [
      item('dev-service', status, lookup.message),
      item('dev-image', 'unknown', 'No dev entry to check.'),
      item('stignore', 'unknown', 'No dev entry to check.'),
    ];
  }
  const prepared = devEntryPreparesDependencies(lookup.entry);
  const imageItem = prepared.ok
    ? item(
        'dev-image',
        'pass',
        prepared.how === 'image'
          ? `dev.${lookup.name} sets a dev image.`
          : `dev.${lookup.name} installs dependencies in its command.`,
      )
    : item(
        'dev-image',
        'fail',
        `dev.${lookup.name} sets no dev image and its command does not install dependencies (runbook §3).`,
      );
  let stignoreItem: ChecklistItem;
  if (!stignore) {
    stignoreItem = item(
      'stignore',
      'unknown',
      `dev.${lookup.name} has no sync folder.`,
    );
  } else if (!stignore.ok) {
    stignoreItem = item(
      'stignore',
      'unknown',
      `The .stignore could not be read: ${stignore.error.message}`,
    );
  } else if (stignore.value.content === undefined) {
    stignoreItem = item(
      'stignore',
      'fail',
      `${stignore.value.path} does not exist: okteto up will stop to ask for one.`,
    );
  } else {
    const { missing } = stignoreCoverage(
      stignore.value.content,
      DEFAULT_STIGNORE_ENTRIES,
    );
    stignoreItem =
      missing.length === 0
        ? item(
            'stignore',
            'pass',
            `${stignore.value.path} ignores the recommended set.`,
          )
        : item(
            'stignore',
            'fail',
            `${stignore.value.path} does not ignore ${missing.join(', ')}.`,
          );
  }
  return [
    item(
      'dev-service',
      'pass',
      `${lookup.manifestPath} has dev.${lookup.name}, which targets this workload.`,
    ),
    imageItem,
    stignoreItem,
  ];
}

export function deriveChecklist(
  argo: ArgoStatus,
  objects: FetchedDevObjects,
  lookup: DevEntryLookup,
): ChecklistItem[] {
  const items = [
    ...argoItems(argo, objects),
    ...workloadItems(objects),
    ...repositoryItems(lookup, objects.stignore),
  ];
  return CHECKLIST_IDS.map(id => items.find(i => i.id === id)!);
}
