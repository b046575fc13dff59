import { PACKAGE_MANAGER_LOCKFILES } from '@okteto-dev/plugin-okteto-dev-common';
import { ManifestCache } from '../repo/ManifestCache';
import { lookupDevEntry } from './devEntry';
import { deployment, target } from './testFixtures';
import { FetchedRepoFiles, KubeDeployment, RepoFile } from './types';

const REPO = 'https://github.com/NeoGrAIph/web-core';

/** web-core's dev entry and its alias, as in NeoGrAIph/web-core `.okteto/okteto.yml`. */
export const MANIFEST = `name: web-core
dev:
  web-corporate-dev:
    selector:
      app.kubernetes.io/name: web-app
      app.kubernetes.io/instance: web-corporate-dev
    container: app
    workdir: /app/apps/corporate-website
    command: sh -lc 'pnpm install --frozen-lockfile; pnpm exec next dev --port 3000'
    sync:
      - ..:/app
  web-corporate-dev-web-app:
    selector:
      app.kubernetes.io/name: web-app
      app.kubernetes.io/instance: web-corporate-dev
    container: app
    workdir: /app/apps/corporate-website
    sync:
      - ..:/app
`;

export const STIGNORE =
  '**/node_modules/**\n**/.next/**\n**/.turbo/**\n**/dist/**\n**/coverage/**\n**/.git/**\n';

const manifests = new ManifestCache();

/** The repository side as the fetch builds it, from file contents (undefined: no such file). */
export function repo(
  files: {
    manifest?: string | null;
    stignore?: string | null;
    packageJson?: string | null;
    original?: KubeDeployment;
    manifestPath?: string;
    /** The root package.json (default: one naming pnpm); null: none. */
    rootPackageJson?: string | null;
    /** Root lockfiles that exist, in the order the fetch looks for them. */
    lockfiles?: string[];
  } = {},
): FetchedRepoFiles {
  const path = files.manifestPath ?? '.okteto/okteto.yml';
  const content =
    files.manifest === null ? undefined : files.manifest ?? MANIFEST;
  const manifest = { ok: true as const, value: { path, content } };
  const devEntry = lookupDevEntry(
    manifest,
    content === undefined ? undefined : manifests.parse(content),
    files.original ?? deployment(),
    target,
  );
  const file = (p: string, c: string | null | undefined, fallback: string) => ({
    ok: true as const,
    value: {
      path: p,
      content: c === null ? undefined : c ?? fallback,
    } as RepoFile,
  });
  return {
    devEntry,
    stignores:
      devEntry.state === 'found'
        ? [file('.stignore', files.stignore, STIGNORE)]
        : [],
    appDir: { path: 'apps/corporate-website', source: 'dev-entry' },
    manifest: manifest.value,
    links: {
      ...(devEntry.state === 'found'
        ? { manifest: `${REPO}/blob/main/${path}` }
        : {}),
      applicationFile: `${REPO}/blob/main/deploy/argocd/apps/dev/corporate.yaml`,
      valuesFile: `${REPO}/blob/main/deploy/env/dev/corporate.yaml`,
    },
    packageJson: file(
      'apps/corporate-website/package.json',
      files.packageJson,
      '{"name": "@synestra/corporate-website", "private": true}',
    ),
    packageManager: {
      rootPackageJson: file(
        'package.json',
        files.rootPackageJson,
        '{"name": "web-core", "private": true, "packageManager": "pnpm@9.15.0"}',
      ),
      lockfiles: lockfilesRead(files.rootPackageJson, files.lockfiles ?? []),
    },
  };
}

/** The lockfiles the fetch reads: none when the root package.json names the manager, else in order until one exists. */
function lockfilesRead(
  rootPackageJson: string | null | undefined,
  present: string[],
): NonNullable<FetchedRepoFiles['packageManager']>['lockfiles'] {
  if (rootPackageJson === undefined) return [];
  const reads: NonNullable<FetchedRepoFiles['packageManager']>['lockfiles'] =
    [];
  for (const { file } of PACKAGE_MANAGER_LOCKFILES) {
    const exists = present.includes(file);
    reads.push({
      file,
      read: {
        ok: true,
        value: { path: file, ...(exists ? { content: '' } : {}) },
      },
    });
    if (exists) break;
  }
  return reads;
}
