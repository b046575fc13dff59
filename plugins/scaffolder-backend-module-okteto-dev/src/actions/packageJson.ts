import { InputError } from '@backstage/errors';
import { isValidPackageName } from './validation';

/** `<appDir>/package.json`, or `package.json` for the repository root (`''`). */
export function packageJsonPath(appDir: string): string {
  return appDir ? `${appDir}/package.json` : 'package.json';
}

/** The InputError for an app folder without a package.json. */
export function noPackageJsonError(appDir: string, where = ''): InputError {
  return new InputError(
    `${appDir || 'The repository root'} has no package.json${where}: ` +
      "choose the folder that holds the app's package",
  );
}

/**
 * The `name` of a package.json's content when it is a name `pnpm --filter` can take, else
 * undefined (invalid JSON, no name, or a name with other characters).
 */
export function packageNameOf(content: string): string | undefined {
  try {
    const name = (JSON.parse(content) as { name?: unknown } | null)?.name;
    return isValidPackageName(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The package name of an app folder's package.json content, for the dev command: an InputError
 * naming the file when it is not JSON or has no usable `name`.
 */
export function requirePackageName(content: string, label: string): string {
  try {
    JSON.parse(content);
  } catch (error) {
    throw new InputError(
      `${label} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const name = packageNameOf(content);
  if (name === undefined) {
    throw new InputError(
      `${label} has no usable "name" (npm name characters only); set the package input`,
    );
  }
  return name;
}
