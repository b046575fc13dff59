import {
  CHECKLIST_IDS,
  DevError,
  DevMessage,
  devMessage,
  devEntryCommand,
  DevStatus,
  withoutCommandAdvice,
  DevValueSource,
  WorkloadStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import { deriveArgo } from './deriveArgo';
import { deriveCommands, derivePackageManager } from './deriveCommands';
import { checkedEnvVar } from './checklistSettings';
import { deriveChecklist } from './deriveChecklist';
import { deriveDrift } from './deriveDrift';
import { deriveLinks } from './deriveLinks';
import { deriveOkteto } from './deriveOkteto';
import {
  DeriveOptions,
  FetchedDevObjects,
  KubeWorkload,
  Read,
  RepoFile,
} from './types';
import {
  findContainer,
  LocatedWorkloads,
  locateWorkloads,
  summarizePod,
  trackingOf,
} from './workloads';

/** Defaults of {@link DeriveOptions}. */
export const DEFAULT_DERIVE_OPTIONS: DeriveOptions = Object.freeze({
  abandonedAfterSeconds: 8 * 3600,
  reconcileStaleSeconds: 10 * 60,
});

function deriveWorkload(
  deployments: Read<KubeWorkload[]>,
  located: LocatedWorkloads,
  objects: FetchedDevObjects,
): WorkloadStatus {
  if (!deployments.ok) return { state: 'error', error: deployments.error };
  const { original } = located;
  if (!original) return { state: 'not-found' };
  const container = findContainer(original, objects.target.container);
  const serverUrl = container?.env?.find(
    e => e.name === objects.target.serverUrlEnv,
  )?.value;
  return {
    state: 'ok',
    kind: objects.target.workloadKind ?? 'Deployment',
    name: original.metadata.name,
    replicas: original.spec?.replicas ?? 1,
    readyReplicas: original.status?.readyReplicas ?? 0,
    ...(container?.image ? { image: container.image } : {}),
    // only a URL: the env var is chosen by config, and anything else stays out of the answer
    ...(serverUrl && /^https?:\/\/[^\s]+$/.test(serverUrl)
      ? { serverUrl }
      : {}),
    tracking: trackingOf(original),
    pods: located.originalPods.map(summarizePod),
  };
}

/**
 * The pnpm package: an annotation wins; else the `name` of the app folder's package.json; the
 * naming template is the last resort, with a note saying why.
 */
function resolvePackage(objects: FetchedDevObjects): {
  name: string;
  source: DevValueSource;
  note?: DevMessage;
} {
  const { target } = objects;
  if (target.sources.package === 'annotation') {
    return { name: target.package, source: 'annotation' };
  }
  const read: Read<RepoFile> | undefined = objects.repo.packageJson;
  if (!read) return { name: target.package, source: 'convention' };
  const guess = (
    code: Parameters<typeof devMessage>[0],
    params: Record<string, string>,
  ) => ({
    name: target.package,
    source: 'convention' as const,
    note: devMessage(code, { package: target.package, ...params }),
  });
  if (!read.ok) {
    return guess('packageJsonUnreadable', {
      path: read.error.resource ?? 'package.json',
      error: read.error.message,
    });
  }
  if (read.value.content === undefined) {
    return guess('packageJsonMissing', { path: read.value.path });
  }
  try {
    const name = (JSON.parse(read.value.content) as { name?: unknown }).name;
    // a name that fails the check stays what it is: the commands name it and withhold the dev
    // command, rather than offer one built on a guess
    if (typeof name === 'string' && name.trim()) {
      return { name, source: 'package-json' };
    }
  } catch {
    // reported below
  }
  return guess('packageJsonInvalid', { path: read.value.path });
}

function collectErrors(objects: FetchedDevObjects): DevError[] {
  const reads: Array<Read<unknown>> = [
    objects.application,
    objects.deployments,
    objects.pods,
    ...(objects.secrets ?? []).map(s => s.exists),
  ];
  return reads.flatMap(read => (read.ok ? [] : [read.error]));
}

/**
 * The whole dev status of one entity from what was fetched for it. Pure: no I/O, no clock (ages
 * are measured from `fetchedAt`), and every object is located once.
 */
export function deriveDevStatus(
  objects: FetchedDevObjects,
  options: DeriveOptions = DEFAULT_DERIVE_OPTIONS,
): DevStatus {
  const { target, fetchedAt } = objects;
  const located = objects.deployments.ok
    ? locateWorkloads(objects.deployments.value, objects.pods, target)
    : { originalPods: [], clonePods: [] };
  const argo = deriveArgo(objects.application, target, fetchedAt, options);
  const okteto = deriveOkteto(
    objects.deployments,
    located,
    target,
    argo,
    fetchedAt,
    options,
  );
  const lookup = objects.repo.devEntry;
  const found = lookup.state === 'found' ? lookup : undefined;
  const devService = found?.name ?? target.devService;
  const pkg = resolvePackage(objects);
  const command = found ? devEntryCommand(found.entry) : undefined;
  const workdir =
    typeof found?.entry.workdir === 'string' ? found.entry.workdir : undefined;
  const workload = deriveWorkload(objects.deployments, located, objects);
  const manager = derivePackageManager(objects);
  const { commands, guard } = deriveCommands(objects, {
    devService,
    package: pkg,
    packageManager: manager.choice,
    entryCommand: command !== undefined,
  });
  // without okteto up and down, no statement may advise running them either
  const advise = <T extends DevMessage>(message: T): T =>
    commands ? message : withoutCommandAdvice(message);
  const notes = [
    ...(pkg.note ? [pkg.note] : []),
    ...(manager.note && !command ? [manager.note] : []),
  ];
  return {
    entityRef: objects.entityRef,
    fetchedAt,
    target: {
      app: target.app,
      cluster: target.cluster,
      namespace: target.namespace,
      workload: target.workload,
      container: target.container,
      devService,
      package: pkg.name,
      appDir: objects.repo.appDir.path,
      application: target.application,
      envVar: checkedEnvVar(target, options.checklist),
      applicationPath: target.applicationPath,
      valuesPath: target.valuesPath,
      sources: { package: pkg.source, appDir: objects.repo.appDir.source },
      ...(command ? {} : { packageManager: manager.choice }),
      notes,
      ...(found
        ? {
            devEntry: {
              name: found.name,
              manifestPath: found.manifestPath,
              aliases: found.aliases,
              ...(workdir ? { workdir } : {}),
              ...(command ? { command } : {}),
            },
          }
        : {}),
    },
    argo,
    workload,
    okteto:
      okteto.state === 'broken'
        ? { ...okteto, problems: okteto.problems.map(advise) }
        : okteto,
    drift: advise(deriveDrift(argo, okteto, located, target)),
    checklist: deriveChecklist(
      argo,
      objects,
      located,
      { ...target, devService },
      options.checklist,
    ),
    ...(options.checklist && options.checklist.off.size > 0
      ? {
          checklistOff: CHECKLIST_IDS.filter(id =>
            options.checklist!.off.has(id),
          ),
        }
      : {}),
    ...(commands ? { commands } : {}),
    ...(guard.length > 0 ? { guard } : {}),
    links: deriveLinks(objects, argo, workload, lookup),
    errors: collectErrors(objects),
  };
}
