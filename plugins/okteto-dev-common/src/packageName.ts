const BLOCKED_NAMES = new Set(['node_modules', 'favicon.ico']);

/**
 * True for a package name that npm accepts for a new package (the rules of npm's
 * `validate-npm-package-name`, `validForNewPackages`: at most 214 characters, lower case,
 * URL-safe, not starting with `.` or `_`, none of `~'!()*`, an optional `@scope/`), and that a
 * workspace filter takes as a plain name: not starting with `-` (an option) and not ending with
 * `.` (pnpm reads `name...` as "with its dependencies"). Core module names, which npm only warns
 * about, are accepted: a workspace may be called `http`.
 *
 * Checked here rather than with `validate-npm-package-name` itself because this package also runs
 * in the browser, and that package reads Node's `module` for the core module names; a test checks
 * the two agree.
 *
 * @public
 */
export function isValidPackageName(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (value.length === 0 || value.length > 214) return false;
  if (value.trim() !== value || value.toLowerCase() !== value) return false;
  if (value.startsWith('.') || value.startsWith('_')) return false;
  if (value.startsWith('-') || value.endsWith('.')) return false;
  if (BLOCKED_NAMES.has(value)) return false;
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(value);
  const parts = scoped ? [scoped[1], scoped[2]] : [value];
  if (!scoped && value.includes('/')) return false;
  const name = parts[parts.length - 1];
  if (/[~'!()*]/.test(name)) return false;
  if (scoped && name.startsWith('.')) return false;
  if (scoped && (name.startsWith('-') || name.endsWith('.'))) return false;
  return parts.every(part => {
    try {
      return encodeURIComponent(part) === part;
    } catch {
      return false;
    }
  });
}
