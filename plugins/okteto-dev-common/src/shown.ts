/** A value as a statement shows it: control characters as `?`, long values cut. */
export function shown(value: string): string {
  const oneLine = Array.from(value, c => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? '?' : c;
  }).join('');
  return oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine;
}
