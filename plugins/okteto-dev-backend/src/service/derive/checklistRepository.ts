import {
  ChecklistItem,
  DEFAULT_STIGNORE_ENTRIES,
  devEntryPreparesDependencies,
  devMessage,
  DevMessageCode,
  DevMessageParams,
  isValidDevName,
  stignoreCoverage,
} from '@okteto-dev/plugin-okteto-dev-common';
import { DevEntryLookup, Read, RepoFile } from './types';

export function item(
  id: ChecklistItem['id'],
  status: ChecklistItem['status'],
  code: DevMessageCode,
  params: DevMessageParams = {},
): ChecklistItem {
  return { id, status, ...devMessage(code, params) };
}

/** The dev-service item when no dev entry was found, and why. */
function withoutEntry(
  lookup: Exclude<DevEntryLookup, { state: 'found' }>,
  expected: { workload: string; devService: string },
): ChecklistItem {
  switch (lookup.state) {
    case 'no-source':
      return item('dev-service', 'unknown', 'checkManifestNoSource');
    case 'unreadable':
      return item('dev-service', 'unknown', 'checkManifestUnreadable', {
        error: lookup.error.message,
      });
    case 'missing-manifest':
      return item('dev-service', 'fail', 'checkManifestMissing', {
        manifest: lookup.manifestPath,
      });
    case 'invalid':
      return item('dev-service', 'unknown', 'checkManifestInvalid', {
        manifest: lookup.manifestPath,
        error: lookup.message,
      });
    case 'legacy':
      return item('dev-service', 'fail', 'checkManifestLegacy', {
        manifest: lookup.manifestPath,
        entry: expected.devService,
      });
    default:
      return item('dev-service', 'fail', 'checkDevEntryMissing', {
        manifest: lookup.manifestPath,
        workload: expected.workload,
        entry: expected.devService,
      });
  }
}

/**
 * Every `.stignore` Okteto reads for the entry (one per sync folder, okteto/okteto
 * `cmd/up/stignore.go`) must exist and ignore the recommended set.
 */
function stignoreItem(
  entry: string,
  files: Array<Read<RepoFile>>,
  recommended: readonly string[],
): ChecklistItem {
  if (files.length === 0) {
    return item('stignore', 'unknown', 'checkStignoreNoSync', { entry });
  }
  const unreadable = files.find(f => !f.ok);
  if (unreadable && !unreadable.ok) {
    return item('stignore', 'unknown', 'checkStignoreUnreadable', {
      path: unreadable.error.resource ?? '.stignore',
      error: unreadable.error.message,
    });
  }
  const read = files.flatMap(f => (f.ok ? [f.value] : []));
  const absent = read.filter(f => f.content === undefined).map(f => f.path);
  if (absent.length > 0) {
    return item('stignore', 'fail', 'checkStignoreMissingFile', {
      path: absent.join(', '),
    });
  }
  const lacking = read
    .map(f => ({
      path: f.path,
      missing: stignoreCoverage(f.content!, recommended).missing,
    }))
    .filter(f => f.missing.length > 0);
  if (lacking.length > 0) {
    return item('stignore', 'fail', 'checkStignoreMissingEntries', {
      path: lacking.map(f => f.path).join(', '),
      entries: [...new Set(lacking.flatMap(f => f.missing))].join(', '),
    });
  }
  return item('stignore', 'pass', 'checkStignoreComplete', {
    paths: read.map(f => f.path).join(', '),
  });
}

/** The repository's part of the checklist: the dev entry, its image, its `.stignore` files. */
export function repositoryItems(
  lookup: DevEntryLookup,
  stignores: Array<Read<RepoFile>>,
  expected: { workload: string; devService: string },
  stignoreEntries: readonly string[] = DEFAULT_STIGNORE_ENTRIES,
): ChecklistItem[] {
  if (lookup.state !== 'found') {
    return [
      withoutEntry(lookup, expected),
      item('dev-image', 'unknown', 'checkNoDevEntry'),
      item('stignore', 'unknown', 'checkNoDevEntry'),
    ];
  }
  const entry = lookup.name;
  let devService: ChecklistItem;
  if (!isValidDevName(entry)) {
    devService = item('dev-service', 'fail', 'checkDevEntryNameInvalid', {
      entry,
      manifest: lookup.manifestPath,
    });
  } else if (lookup.aliases.length > 0) {
    devService = item('dev-service', 'pass', 'checkDevEntryFoundAliases', {
      entry,
      manifest: lookup.manifestPath,
      aliases: lookup.aliases.join(', '),
    });
  } else {
    devService = item('dev-service', 'pass', 'checkDevEntryFound', {
      entry,
      manifest: lookup.manifestPath,
    });
  }
  const prepared = devEntryPreparesDependencies(lookup.entry);
  let image: ChecklistItem;
  if (prepared.ok) {
    image = item(
      'dev-image',
      'pass',
      prepared.how === 'image' ? 'checkDevImageSet' : 'checkDevImageInstalls',
      { entry },
    );
  } else {
    image = item(
      'dev-image',
      'fail',
      prepared.problem === 'image-not-string'
        ? 'checkDevImageNotString'
        : 'checkDevImageMissing',
      { entry },
    );
  }
  return [devService, image, stignoreItem(entry, stignores, stignoreEntries)];
}
