import {
  buildDevCommands,
  DEFAULT_PACKAGE_MANAGER,
  DevCommands,
  DevMessage,
  devMessage,
  DevValueSource,
  OktetoDevEntry,
  PACKAGE_MANAGER_LOCKFILES,
  PackageManagerChoice,
  packageManagerOfPackageJson,
} from '@okteto-dev/plugin-okteto-dev-common';
import { FetchedDevObjects, KubeDeployment } from './types';
import { OKTETO } from './workloads';

/**
 * The repository's package manager: the root package.json's `packageManager` field, else the first
 * root lockfile that exists, else pnpm (web-core's) with a note saying it is a guess.
 */
export function derivePackageManager(objects: FetchedDevObjects): {
  choice: PackageManagerChoice;
  note?: DevMessage;
} {
  const read = objects.repo.packageManager;
  const fallback = {
    name: DEFAULT_PACKAGE_MANAGER,
    source: 'default' as const,
  };
  if (!read) return { choice: fallback };
  const { rootPackageJson, lockfiles } = read;
  if (rootPackageJson.ok) {
    const named = packageManagerOfPackageJson(rootPackageJson.value.content);
    if (named) {
      return {
        choice: {
          name: named,
          source: 'package-manager-field',
          file: rootPackageJson.value.path,
        },
        note: devMessage('packageManagerField', {
          manager: named,
          path: rootPackageJson.value.path,
        }),
      };
    }
  }
  for (const { file, read: lock } of lockfiles) {
    if (lock.ok && lock.value.content !== undefined) {
      const name = PACKAGE_MANAGER_LOCKFILES.find(l => l.file === file)!.name;
      return {
        choice: { name, source: 'lockfile', file },
        note: devMessage('packageManagerLockfile', {
          manager: name,
          path: file,
        }),
      };
    }
  }
  const failed = [rootPackageJson, ...lockfiles.map(l => l.read)].find(
    r => !r.ok,
  );
  return {
    choice: fallback,
    note:
      failed && !failed.ok
        ? devMessage('packageManagerUnreadable', {
            manager: DEFAULT_PACKAGE_MANAGER,
            path: failed.error.resource ?? 'package.json',
            error: failed.error.message,
          })
        : devMessage('packageManagerDefault', {
            manager: DEFAULT_PACKAGE_MANAGER,
          }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The Deployments `okteto up <name>` would pick with this entry: with a `selector`, every
 * Deployment carrying all its labels except Okteto's clones; else the one named like the entry
 * (okteto/okteto `pkg/k8s/deployments/crud.go` GetByDev, `pkg/k8s/apps/crud.go` Get).
 */
export function deploymentsSelectedBy(
  name: string,
  entry: OktetoDevEntry,
  deployments: KubeDeployment[],
): KubeDeployment[] {
  if (isRecord(entry.selector) && Object.keys(entry.selector).length > 0) {
    const selector = Object.entries(entry.selector).map(
      ([k, v]) => [k, String(v)] as const,
    );
    return deployments.filter(d => {
      const labels = d.metadata.labels ?? {};
      return (
        !labels[OKTETO.cloneLabel] &&
        selector.every(([k, v]) => labels[k] === v)
      );
    });
  }
  return deployments.filter(d => d.metadata.name === name);
}

/**
 * The target guard: cluster-changing commands are offered only when the dev Application deploys to
 * the dev target (its namespace, and its cluster where the server URL can be told) and the dev
 * entry the commands name selects exactly the target workload. Each mismatch names both sides.
 */
export function deriveGuard(
  objects: FetchedDevObjects,
  devService: string,
): DevMessage[] {
  const { target } = objects;
  const guard: DevMessage[] = [];
  const application = objects.application.ok
    ? objects.application.value
    : undefined;
  if (application) {
    const name = `${target.application.namespace}/${target.application.name}`;
    const destination = application.spec?.destination ?? {};
    if (destination.namespace !== target.namespace) {
      guard.push(
        devMessage('guardDestinationNamespace', {
          application: name,
          destination: destination.namespace ?? '(none)',
          namespace: target.namespace,
        }),
      );
    }
    const server = destination.server?.replace(/\/+$/, '');
    const local =
      (target.application.cluster || target.cluster) === target.cluster;
    const expected = [
      ...(local ? ['https://kubernetes.default.svc'] : []),
      ...(objects.clusterUrl ? [objects.clusterUrl.replace(/\/+$/, '')] : []),
    ];
    if (server && expected.length > 0 && !expected.includes(server)) {
      guard.push(
        devMessage('guardDestinationServer', {
          application: name,
          server,
          expected: `${target.cluster}: ${expected.join(', ')}`,
        }),
      );
    }
  }
  const lookup = objects.repo.devEntry;
  const entry =
    lookup.state === 'found' || lookup.state === 'missing-entry'
      ? lookup.entries[devService]
      : undefined;
  if (entry && objects.deployments.ok) {
    const selected = deploymentsSelectedBy(
      devService,
      entry,
      objects.deployments.value.filter(
        d => !d.metadata.namespace || d.metadata.namespace === target.namespace,
      ),
    );
    const names = selected.map(d => d.metadata.name);
    const params = {
      entry: devService,
      manifest:
        lookup.state === 'found' || lookup.state === 'missing-entry'
          ? lookup.manifestPath
          : '',
      namespace: target.namespace,
      workload: target.workload,
    };
    if (names.length > 1) {
      guard.push(
        devMessage('guardWorkloadAmbiguous', {
          ...params,
          count: names.length,
          selected: names.join(', '),
        }),
      );
    } else if (names.length === 1 && names[0] !== target.workload) {
      guard.push(
        devMessage('guardWorkloadMismatch', { ...params, selected: names[0] }),
      );
    }
  }
  return guard;
}

/** Where each value of the commands came from, as a statement names it. */
function sourceOf(
  objects: FetchedDevObjects,
  field: 'namespace' | 'devService' | 'package',
  found: { name: string; manifestPath: string } | undefined,
  packageSource: DevValueSource,
  appDir: string,
): string {
  const { origins } = objects.target;
  if (field === 'devService' && found) return found.manifestPath;
  if (field === 'package' && packageSource === 'package-json') {
    const read = objects.repo.packageJson;
    if (read?.ok) return read.value.path;
    return appDir ? `${appDir}/package.json` : 'package.json';
  }
  const template = field === 'devService' ? 'devService' : field;
  return origins[field] ?? `oktetoDev.conventions.${template}`;
}

/**
 * The commands, or why they are withheld: the target guard first (no cluster-changing command for
 * anything but the dev target), then each value checked as what it is.
 */
export function deriveCommands(
  objects: FetchedDevObjects,
  values: {
    devService: string;
    package: { name: string; source: DevValueSource };
    packageManager: PackageManagerChoice;
    entryCommand: boolean;
  },
): { commands?: DevCommands; guard: DevMessage[] } {
  const lookup = objects.repo.devEntry;
  const found = lookup.state === 'found' ? lookup : undefined;
  const source = (field: 'namespace' | 'devService' | 'package') =>
    sourceOf(
      objects,
      field,
      found,
      values.package.source,
      objects.repo.appDir.path,
    );
  const guard = deriveGuard(objects, values.devService);
  const built = buildDevCommands({
    devService: { value: values.devService, source: source('devService') },
    namespace: { value: objects.target.namespace, source: source('namespace') },
    package: { value: values.package.name, source: source('package') },
    packageManager: values.packageManager.name,
    entryCommand: values.entryCommand,
  });
  if (guard.length > 0) return { guard: [...guard, ...built.withheld] };
  return {
    ...(built.commands ? { commands: built.commands } : {}),
    guard: built.withheld,
  };
}
