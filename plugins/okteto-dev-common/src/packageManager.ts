/**
 * The package managers whose workspace dev command okteto-dev offers.
 *
 * @public
 */
export type PackageManagerName = 'pnpm' | 'yarn' | 'npm' | 'bun';

/**
 * Which package manager the repository uses, and how that was told.
 *
 * - `package-manager-field`: the `packageManager` field of the root `package.json` (Corepack's
 *   `<name>@<version>`);
 * - `lockfile`: the root lockfile (`file`);
 * - `default`: neither said, so the default (pnpm, as web-core) is a guess.
 *
 * @public
 */
export interface PackageManagerChoice {
  /** The package manager. */
  name: PackageManagerName;
  /** How it was told. */
  source: 'package-manager-field' | 'lockfile' | 'default';
  /** The file it was told by (`package.json`, `pnpm-lock.yaml`, ...). */
  file?: string;
}

/**
 * Root lockfiles in the order they are looked for, and the package manager each belongs to.
 *
 * @public
 */
export const PACKAGE_MANAGER_LOCKFILES: ReadonlyArray<{
  file: string;
  name: PackageManagerName;
}> = Object.freeze([
  { file: 'pnpm-lock.yaml', name: 'pnpm' },
  { file: 'yarn.lock', name: 'yarn' },
  { file: 'package-lock.json', name: 'npm' },
  { file: 'bun.lock', name: 'bun' },
  { file: 'bun.lockb', name: 'bun' },
] as const);

/** The package manager when the repository does not tell (web-core's). @public */
export const DEFAULT_PACKAGE_MANAGER: PackageManagerName = 'pnpm';

/**
 * The package manager a root `package.json` names in its `packageManager` field
 * (`pnpm@9.15.0`, `yarn@4.5.0+sha512.…`), or undefined when it names none we know or the
 * file is not JSON.
 *
 * @public
 */
export function packageManagerOfPackageJson(
  content: string | undefined,
): PackageManagerName | undefined {
  if (content === undefined) return undefined;
  let field: unknown;
  try {
    field = (JSON.parse(content) as { packageManager?: unknown })
      ?.packageManager;
  } catch {
    return undefined;
  }
  if (typeof field !== 'string') return undefined;
  const name = /^(pnpm|yarn|npm|bun)@/.exec(field.trim())?.[1];
  return name as PackageManagerName | undefined;
}

/**
 * The words of the command that runs a workspace package's `dev` script from the repository root:
 * `pnpm --filter <pkg> dev`, `yarn workspace <pkg> dev`, `npm run dev --workspace <pkg>`,
 * `bun --filter <pkg> dev` (each tool's documented form). The package must already be a valid
 * package name (`isValidPackageName`).
 *
 * @public
 */
export function workspaceDevArgv(
  packageManager: PackageManagerName,
  packageName: string,
): string[] {
  switch (packageManager) {
    case 'yarn':
      return ['yarn', 'workspace', packageName, 'dev'];
    case 'npm':
      return ['npm', 'run', 'dev', '--workspace', packageName];
    case 'bun':
      return ['bun', '--filter', packageName, 'dev'];
    default:
      return ['pnpm', '--filter', packageName, 'dev'];
  }
}
