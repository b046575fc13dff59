import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MAX_YAML_BYTES } from './yamlSafe';

/**
 * Resolves a workspace-relative path, refusing absolute paths and anything that leaves the
 * workspace.
 */
export function resolveWorkspacePath(
  workspacePath: string,
  relativePath: string,
  what: string,
): string {
  if (!relativePath.trim()) {
    throw new InputError(`${what} must not be empty`);
  }
  if (path.isAbsolute(relativePath) || /^[a-zA-Z]:[\\/]/.test(relativePath)) {
    throw new InputError(
      `${what} must be relative to the workspace, got '${relativePath}'`,
    );
  }
  try {
    return resolveSafeChildPath(workspacePath, relativePath);
  } catch {
    throw new InputError(
      `${what} '${relativePath}' points outside the workspace`,
    );
  }
}

/**
 * A workspace file named by a path relative to the workspace: the absolute path to read and
 * write, and the normalised relative one that messages name. Refuses what
 * {@link resolveWorkspacePath} refuses.
 */
export function workspaceFile(
  workspacePath: string,
  relativePath: string,
  what: string,
): { file: string; relative: string } {
  const file = resolveWorkspacePath(workspacePath, relativePath, what);
  return { file, relative: toWorkspaceRelative(workspacePath, file) };
}

/** Reads a text file, or undefined when it does not exist; refuses files over the size cap. */
export async function readTextIfExists(
  file: string,
  label: string,
): Promise<string | undefined> {
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) {
      throw new InputError(`${label} is not a file`);
    }
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (size > MAX_YAML_BYTES) {
    throw new InputError(
      `${label} is larger than ${MAX_YAML_BYTES} bytes; refusing to read it`,
    );
  }
  return fs.readFile(file, 'utf8');
}

/** Writes a file (text as UTF-8), creating its folders. */
export async function writeText(
  file: string,
  content: string | Buffer,
): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
}

/** A workspace-relative path in POSIX form, for outputs and messages. */
export function toWorkspaceRelative(
  workspacePath: string,
  file: string,
): string {
  return path.relative(workspacePath, file).split(path.sep).join('/');
}
