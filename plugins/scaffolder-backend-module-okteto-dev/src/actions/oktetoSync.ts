import { InputError } from '@backstage/errors';
import {
  devEntrySyncMappings,
  getDevEntries,
  OktetoDevEntry,
  stignorePathsForDevEntry,
} from '@okteto-dev/plugin-okteto-dev-common';
import path from 'node:path';

/**
 * The sync of a new dev entry: the whole repository (a pnpm workspace needs its root), written
 * relative to the manifest's folder as Okteto resolves it: `..:/app` for `.okteto/okteto.yml`,
 * `.:/app` for `okteto.yml`, `../..:/app` for `tools/okteto/okteto.yml`.
 */
export function defaultSync(manifestPath: string): string[] {
  const folder = path.posix.dirname(path.posix.normalize(manifestPath));
  const up = folder === '.' ? '.' : path.posix.relative(folder, '.');
  return [`${up}:/app`];
}

function rawSyncItems(entry: OktetoDevEntry): unknown[] {
  if (Array.isArray(entry.sync)) return entry.sync;
  const sync = entry.sync as { folders?: unknown } | undefined;
  return sync && Array.isArray(sync.folders) ? sync.folders : [];
}

/**
 * The working directory of a dev entry for an app folder: the remote path of the sync folder that
 * holds the app folder, plus the app folder's path inside it (`..:/app` from `.okteto/` and
 * `apps/shop` give `/app/apps/shop`). An InputError when no sync folder holds it.
 */
export function workdirForAppDir(
  sync: string[],
  manifestPath: string,
  appDir: string,
): string {
  const holding = devEntrySyncMappings({ sync }, manifestPath)
    .filter(
      m =>
        m.remote?.startsWith('/') &&
        (m.local === '' ||
          appDir === m.local ||
          appDir.startsWith(`${m.local}/`)),
    )
    .sort((a, b) => b.local.length - a.local.length);
  if (holding.length === 0) {
    throw new InputError(
      `The app folder '${
        appDir || '.'
      }' is not inside any sync folder of the dev entry (${sync.join(
        ', ',
      )}, from ${manifestPath})`,
    );
  }
  const { local, remote } = holding[0];
  const inside = local ? appDir.slice(local.length + 1) : appDir;
  return path.posix.join(remote!, inside);
}

/** Where the `.stignore` files of a dev service are, and how they were found. */
export interface StignoreTargets {
  /** The `.stignore` paths from the repository root, one per sync folder, without repeats. */
  paths: string[];
  /** `entry` when read from the dev service, `default` when from the default sync. */
  from: 'entry' | 'default';
}

/**
 * The `.stignore` files Okteto reads for a dev service of a parsed manifest: one per sync folder
 * (okteto/okteto `cmd/up/stignore.go`). Without the manifest or the service, those of the default
 * sync of a new entry. A sync folder that is malformed or leaves the repository is an InputError.
 */
export function stignoreTargets(
  manifestPath: string,
  manifest: unknown,
  devService: string | undefined,
): StignoreTargets {
  const entry =
    devService === undefined ? undefined : getDevEntries(manifest)[devService];
  if (entry === undefined) {
    const paths = stignorePathsForDevEntry(
      { sync: defaultSync(manifestPath) },
      manifestPath,
    );
    if (paths.length === 0) {
      throw new InputError(
        `The default sync folder of ${manifestPath} points outside the repository`,
      );
    }
    return { paths, from: 'default' };
  }
  const items = rawSyncItems(entry);
  if (items.length === 0) {
    throw new InputError(
      `Dev service '${devService}' in ${manifestPath} has no sync folder`,
    );
  }
  for (const item of items) {
    if (devEntrySyncMappings({ sync: [item] }, manifestPath).length === 0) {
      throw new InputError(
        `The sync folder ${JSON.stringify(
          item,
        )} of dev service '${devService}' in ${manifestPath} is malformed or points outside the repository`,
      );
    }
  }
  return {
    paths: stignorePathsForDevEntry(entry, manifestPath),
    from: 'entry',
  };
}
