import {
  DevTarget,
  findDevEntriesForWorkload,
  getDevEntries,
  isLegacyOktetoManifest,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  DevEntryLookup,
  KubeDeployment,
  ParsedManifest,
  Read,
  RepoFile,
} from './types';

/**
 * The dev entry of the Okteto manifest that `okteto up` would use for the workload: the entry
 * named like the workload, or whose `selector` matches its labels; the convention's name first,
 * other matches are aliases. Pure: the caller reads and parses the manifest.
 */
export function lookupDevEntry(
  manifest: Read<RepoFile> | undefined,
  parsed: ParsedManifest | undefined,
  original: KubeDeployment | undefined,
  target: Pick<DevTarget, 'workload' | 'devService'>,
): DevEntryLookup {
  if (!manifest) return { state: 'no-source' };
  if (!manifest.ok) return { state: 'unreadable', error: manifest.error };
  const { path: manifestPath, content } = manifest.value;
  if (content === undefined || !parsed) {
    return { state: 'missing-manifest', manifestPath };
  }
  if (!parsed.ok) {
    return { state: 'invalid', manifestPath, message: parsed.message };
  }
  if (isLegacyOktetoManifest(parsed.data)) {
    return { state: 'legacy', manifestPath };
  }
  const matches = findDevEntriesForWorkload(
    parsed.data,
    {
      name: target.workload,
      labels:
        original?.metadata.labels ?? original?.spec?.template?.metadata?.labels,
    },
    target.devService,
  );
  const [found, ...aliases] = matches;
  const entries = getDevEntries(parsed.data);
  if (!found) return { state: 'missing-entry', manifestPath, entries };
  return {
    state: 'found',
    name: found.name,
    entry: found.entry,
    manifestPath,
    aliases: aliases.map(a => a.name),
    entries,
  };
}
