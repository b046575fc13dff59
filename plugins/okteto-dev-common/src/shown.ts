/** A value as a statement shows it: control characters as `?`, long values cut. */
export function shown(value: string): string {
  const oneLine = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine;
}
