import { createHash } from 'node:crypto';

/** A 40-hex revision derived from a seed (stable across generations). */
export function sha40(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** A uid-shaped value derived from a seed (stable across generations). */
export function uidOf(seed: string): string {
  return sha40(seed).replace(
    /^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/,
    '$1-$2-$3-$4-$5',
  );
}
