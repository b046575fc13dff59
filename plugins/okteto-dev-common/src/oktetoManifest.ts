/**
 * Pure helpers over a parsed Okteto manifest (v2). Parsing YAML is the caller's job, so this package
 * stays free of I/O and of a YAML dependency.
 */

/** One entry under `dev:` of an Okteto manifest, as far as okteto-dev reads it. @public */
export interface OktetoDevEntry {
  image?: unknown;
  command?: unknown;
  selector?: unknown;
  container?: unknown;
  workdir?: unknown;
  sync?: unknown;
  [key: string]: unknown;
}

/**
 * Lookup order of the Okteto CLI for a manifest in a folder.
 *
 * @public
 */
export const OKTETO_MANIFEST_PATHS: readonly string[] = Object.freeze([
  'okteto.yml',
  'okteto.yaml',
  '.okteto/okteto.yml',
  '.okteto/okteto.yaml',
]);

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
  name: string;
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
} {
  if (typeof entry.image === 'string' && entry.image.trim()) {
    return { ok: true, how: 'image' };
  }
  if (isRecord(entry.image)) return { ok: true, how: 'image' };
  const command = Array.isArray(entry.command)
    ? entry.command.join(' ')
    : String(entry.command ?? '');
  return INSTALL_COMMAND.test(command)
    ? { ok: true, how: 'command' }
    : { ok: false };
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
 * The local folders of a dev entry's `sync`, relative to the repository root (`''` is the root),
 * resolved against the manifest's folder as the Okteto CLI does.
 *
 * @public
 */
export function devEntrySyncFolders(
  entry: OktetoDevEntry,
  manifestPath: string,
): string[] {
  const manifestDir = manifestPath.split('/').slice(0, -1).join('/');
  let raw: unknown[] = [];
  if (Array.isArray(entry.sync)) raw = entry.sync;
  else if (isRecord(entry.sync) && Array.isArray(entry.sync.folders)) {
    raw = entry.sync.folders;
  }
  const folders: string[] = [];
  for (const item of raw) {
    let local: string | undefined;
    if (typeof item === 'string') local = item.split(':')[0];
    else if (isRecord(item) && typeof item.localPath === 'string') {
      local = item.localPath;
    }
    if (local === undefined) continue;
    const resolved = joinRepoPath(manifestDir, local);
    if (resolved !== undefined) folders.push(resolved);
  }
  return folders;
}

/**
 * The `.stignore` path Okteto reads for a dev entry's first sync folder
 * (`filepath.Join(folder.LocalPath, ".stignore")`), relative to the repository root.
 *
 * @public
 */
export function stignorePathForDevEntry(
  entry: OktetoDevEntry,
  manifestPath: string,
): string | undefined {
  const [folder] = devEntrySyncFolders(entry, manifestPath);
  if (folder === undefined) return undefined;
  return folder ? `${folder}/.stignore` : '.stignore';
}
