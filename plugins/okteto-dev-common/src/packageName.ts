const PACKAGE_NAME =
  /^(@[A-Za-z0-9~-][A-Za-z0-9._~-]*\/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$/;

/**
 * True for a package name that `pnpm --filter` can take and that is safe inside a single-quoted
 * shell command: npm's name characters (scope included), at most 214 of them. The card, the
 * template and the scaffolder actions accept the same names.
 *
 * @public
 */
export function isValidPackageName(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= 214 && PACKAGE_NAME.test(value)
  );
}
