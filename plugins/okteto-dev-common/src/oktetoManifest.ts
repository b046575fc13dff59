/**
 * Pure helpers over a parsed Okteto manifest (v2). Parsing YAML is the caller's job, so this package
 * stays free of I/O and of a YAML dependency.
 */

/** One entry under `dev:` of an Okteto manifest, as far as okteto-dev reads it. @public */
export interface OktetoDevEntry {
  /** The dev container's image (a string when valid). */
  image?: unknown;
  /** What `okteto up` runs in the dev container: a string or an array of strings. */
  command?: unknown;
  /** Labels that pick the workload, instead of the entry's name. */
  selector?: unknown;
  /** The container of the workload that the dev container replaces. */
  container?: unknown;
  /** The dev container's working directory. */
  workdir?: unknown;
  /** The folders synced into the dev container (`local:remote` strings or `{localPath, remotePath}`). */
  sync?: unknown;
  /** Everything else the entry holds, kept as it is. */
  [key: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True for a legacy (v1) manifest: `name`/`image`/`command` at the top level and no `dev:` map.
 *
 * @public
 */
export function isLegacyOktetoManifest(manifest: unknown): boolean {
  if (!isRecord(manifest) || 'dev' in manifest) return false;
  return ['image', 'command', 'sync', 'workdir', 'container'].some(
    key => key in manifest,
  );
}

/**
 * The `dev:` entries of a v2 manifest.
 *
 * @public
 */
export function getDevEntries(
  manifest: unknown,
): Record<string, OktetoDevEntry> {
  if (!isRecord(manifest) || !isRecord(manifest.dev)) return {};
  const entries: Record<string, OktetoDevEntry> = {};
  for (const [name, body] of Object.entries(manifest.dev)) {
    if (isRecord(body)) entries[name] = body;
  }
  return entries;
}

/** The workload a dev entry would be matched against. @public */
export interface DevWorkloadRef {
  /** The workload's name. */
  name: string;
  /** The workload's labels, matched against an entry's `selector`. */
  labels?: Record<string, string>;
}

/**
 * Whether `okteto up <name>` with this entry would pick `workload`: the workload named like the
 * entry, or, with `selector:`, a workload carrying every selector label.
 *
 * @public
 */
export function devEntryTargetsWorkload(
  name: string,
  entry: OktetoDevEntry,
  workload: DevWorkloadRef,
): boolean {
  if (isRecord(entry.selector) && Object.keys(entry.selector).length > 0) {
    const labels = workload.labels ?? {};
    return Object.entries(entry.selector).every(
      ([key, value]) => labels[key] === String(value),
    );
  }
  return name === workload.name;
}

/**
 * The dev entries that target a workload, the preferred name first.
 *
 * @public
 */
export function findDevEntriesForWorkload(
  manifest: unknown,
  workload: DevWorkloadRef,
  preferredName?: string,
): Array<{ name: string; entry: OktetoDevEntry }> {
  const matches = Object.entries(getDevEntries(manifest))
    .filter(([name, entry]) => devEntryTargetsWorkload(name, entry, workload))
    .map(([name, entry]) => ({ name, entry }));
  return matches.sort(
    (a, b) =>
      Number(b.name === preferredName) - Number(a.name === preferredName),
  );
}

const INSTALL_COMMAND =
  /\b(pnpm\s+(install|i)\b|npm\s+(ci|install|i)\b|yarn(\s+install)?\b|bun\s+install\b)/;

/**
 * Runbook §3: a dev entry is ready to run `next dev` when it sets a dev image, or its command
 * installs the workspace dependencies.
 *
 * @public
 */
export function devEntryPreparesDependencies(entry: OktetoDevEntry): {
  ok: boolean;
  how?: 'image' | 'command';
  /** Why not: `image-not-string` when `image` is set to something Okteto rejects (schema.json, Dev.Image). */
  problem?: 'image-not-string';
} {
  if (entry.image !== undefined && entry.image !== null) {
    if (typeof entry.image !== 'string') {
      return { ok: false, problem: 'image-not-string' };
    }
    if (entry.image.trim()) return { ok: true, how: 'image' };
  }
  return INSTALL_COMMAND.test(devEntryCommand(entry) ?? '')
    ? { ok: true, how: 'command' }
    : { ok: false };
}

/**
 * The dev entry's `command` as one line (a list is joined with spaces), or undefined.
 *
 * @public
 */
export function devEntryCommand(entry: OktetoDevEntry): string | undefined {
  const command = Array.isArray(entry.command)
    ? entry.command.map(String).join(' ')
    : entry.command;
  return typeof command === 'string' && command.trim()
    ? command.trim()
    : undefined;
}

/**
 * True for a dev name the Okteto CLI accepts: lower-case letters, digits and `-`, not starting
 * or ending with `-` (okteto/okteto `pkg/model/dev.go`, `Validate` and `ValidKubeNameRegex`).
 *
 * @public
 */
export function isValidDevName(name: string): boolean {
  return (
    /^[a-z0-9-]+$/.test(name) && !name.startsWith('-') && !name.endsWith('-')
  );
}

/**
 * Joins and normalises POSIX paths, returning undefined when the result leaves the root.
 *
 * @public
 */
export function joinRepoPath(...parts: string[]): string | undefined {
  const out: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}

/**
 * One `sync` entry of a dev entry: the local folder relative to the repository root (`''` is the
 * root), resolved against the manifest's folder as the Okteto CLI does, and the remote path.
 *
 * @public
 */
export interface DevSyncFolder {
  /** The local folder, relative to the repository root (`''` is the root). */
  local: string;
  /** The path in the dev container. */
  remote?: string;
}

/**
 * The `sync` folders of a dev entry (`local:remote` strings or `{localPath, remotePath}`).
 *
 * @public
 */
export function devEntrySyncMappings(
  entry: OktetoDevEntry,
  manifestPath: string,
): DevSyncFolder[] {
  const manifestDir = manifestPath.split('/').slice(0, -1).join('/');
  let raw: unknown[] = [];
  if (Array.isArray(entry.sync)) raw = entry.sync;
  else if (isRecord(entry.sync) && Array.isArray(entry.sync.folders)) {
    raw = entry.sync.folders;
  }
  const folders: DevSyncFolder[] = [];
  for (const item of raw) {
    let local: string | undefined;
    let remote: string | undefined;
    if (typeof item === 'string') {
      const colon = item.indexOf(':');
      local = colon < 0 ? item : item.slice(0, colon);
      remote = colon < 0 ? undefined : item.slice(colon + 1);
    } else if (isRecord(item) && typeof item.localPath === 'string') {
      local = item.localPath;
      remote =
        typeof item.remotePath === 'string' ? item.remotePath : undefined;
    }
    if (local === undefined) continue;
    const resolved = joinRepoPath(manifestDir, local);
    if (resolved !== undefined) {
      folders.push(remote ? { local: resolved, remote } : { local: resolved });
    }
  }
  return folders;
}

/**
 * The local folders of a dev entry's `sync`, relative to the repository root (`''` is the root).
 *
 * @public
 */
export function devEntrySyncFolders(
  entry: OktetoDevEntry,
  manifestPath: string,
): string[] {
  return devEntrySyncMappings(entry, manifestPath).map(f => f.local);
}

/**
 * The app folder a dev entry works in, relative to the repository root: its `workdir` mapped back
 * through the `sync` folder whose remote path contains it (`workdir: /app/apps/shop` with
 * `..:/app` from `.okteto/` gives `apps/shop`). Undefined when no sync folder holds the workdir.
 *
 * @public
 */
export function devEntryAppDir(
  entry: OktetoDevEntry,
  manifestPath: string,
): string | undefined {
  if (typeof entry.workdir !== 'string' || !entry.workdir.startsWith('/')) {
    return undefined;
  }
  const workdir = entry.workdir.replace(/\/+$/, '');
  const mappings = devEntrySyncMappings(entry, manifestPath)
    .filter(f => f.remote?.startsWith('/'))
    .sort((a, b) => b.remote!.length - a.remote!.length);
  for (const { local, remote } of mappings) {
    const base = remote!.replace(/\/+$/, '');
    if (workdir === base || workdir.startsWith(`${base}/`)) {
      return joinRepoPath(local, workdir.slice(base.length));
    }
  }
  return undefined;
}

/**
 * The `.stignore` files Okteto reads for a dev entry: one per `sync` folder
 * (okteto/okteto `cmd/up/stignore.go`, `filepath.Join(folder.LocalPath, ".stignore")`), relative
 * to the repository root, without repeats.
 *
 * @public
 */
export function stignorePathsForDevEntry(
  entry: OktetoDevEntry,
  manifestPath: string,
): string[] {
  const paths = devEntrySyncFolders(entry, manifestPath).map(folder =>
    folder ? `${folder}/.stignore` : '.stignore',
  );
  return [...new Set(paths)];
}
