import { InputError } from '@backstage/errors';
import {
  isDnsLabel,
  isDnsSubdomain,
} from '@okteto-dev/plugin-okteto-dev-common';

/** Throws an InputError unless `value` is a DNS-1123 label. */
export function requireDnsLabel(what: string, value: string): string {
  if (!isDnsLabel(value)) {
    throw new InputError(
      `${what} must be a DNS-1123 label (at most 63 lower-case letters, digits and '-', ` +
        `starting and ending with a letter or digit), got '${value}'`,
    );
  }
  return value;
}

/** Throws an InputError unless `value` is a DNS-1123 subdomain. */
export function requireDnsSubdomain(what: string, value: string): string {
  if (!isDnsSubdomain(value)) {
    throw new InputError(
      `${what} must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.'), got '${value}'`,
    );
  }
  return value;
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** Throws an InputError unless `selector` is a non-empty map of valid Kubernetes labels. */
export function requireLabelSelector(
  selector: Record<string, string>,
): Record<string, string> {
  const entries = Object.entries(selector);
  if (entries.length === 0) {
    throw new InputError('selector must name at least one label');
  }
  for (const [key, value] of entries) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (
      !LABEL_NAME.test(name) ||
      (prefix !== undefined && !isDnsSubdomain(prefix))
    ) {
      throw new InputError(`selector key '${key}' is not a valid label key`);
    }
    if (typeof value !== 'string' || !LABEL_VALUE.test(value)) {
      throw new InputError(
        `selector value '${value}' of '${key}' is not a valid label value`,
      );
    }
  }
  return selector;
}

/** Throws an InputError when `value` is blank or holds whitespace or control characters. */
export function requireToken(what: string, value: string): string {
  // eslint-disable-next-line no-control-regex
  if (!value || /[\s\u0000-\u001f]/.test(value)) {
    throw new InputError(
      `${what} must be a non-empty value without spaces, got '${value}'`,
    );
  }
  return value;
}

/** Throws an InputError unless `value` is a URL with one of the given schemes. */
export function requireUrl(
  what: string,
  value: string,
  schemes: RegExp,
): string {
  requireToken(what, value);
  if (!schemes.test(value)) {
    throw new InputError(`${what} is not a supported URL: '${value}'`);
  }
  return value;
}

/** Throws an InputError unless `value` is a path without spaces that does not start with `/`. */
export function requireRelativePath(what: string, value: string): string {
  requireToken(what, value);
  if (value.startsWith('/')) {
    throw new InputError(`${what} must be a relative path, got '${value}'`);
  }
  return value;
}

/**
 * A folder of the repository given as a relative POSIX path (`apps/shop`, `apps/shop/`, `.` for
 * the root), normalised (`apps/shop`, `''` for the root). Absolute paths, `..` and `.` segments,
 * backslashes, whitespace and control characters are an InputError: the folder may only name a
 * place inside the repository.
 */
export function normalizeRepoFolder(what: string, value: string): string {
  const trimmed = value.replace(/\/+$/, '');
  if (trimmed === '.' || (value !== '' && trimmed === '')) {
    if (value.startsWith('/')) {
      throw new InputError(`${what} must be a relative path, got '${value}'`);
    }
    return '';
  }
  const segments = trimmed.split('/');
  const bad =
    !trimmed ||
    value.startsWith('/') ||
    // eslint-disable-next-line no-control-regex
    /[\\\s\u0000-\u001f]/.test(trimmed) ||
    segments.some(s => s === '' || s === '.' || s === '..');
  if (bad) {
    throw new InputError(
      `${what} must be a folder of the repository as a relative path without '..' (like apps/shop), got '${value}'`,
    );
  }
  return trimmed;
}

export { isValidPackageName } from '@okteto-dev/plugin-okteto-dev-common';
