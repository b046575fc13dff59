import { createHash } from 'node:crypto';
import type { Container } from './model';

/* Image references and pulls as the kubelet and containerd report them. */

/** kubelet applyDefaultImageTag: `:latest` when there is no tag or digest. */
export function withDefaultTag(image: string): string {
  const last = image.slice(image.lastIndexOf('/') + 1);
  return last.includes(':') || last.includes('@') ? image : `${image}:latest`;
}

/** containerd's normalized name: `nginx` → `docker.io/library/nginx:latest`. */
function normalizedImage(image: string): string {
  const ref = withDefaultTag(image);
  const first = ref.split('/')[0];
  const hasDomain =
    ref.includes('/') &&
    (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain) return ref;
  return ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`;
}

/** The API server's default: Always for `:latest` (or no tag), else IfNotPresent. */
export function pullPolicyOf(c: Container): string {
  const given = c.imagePullPolicy;
  if (typeof given === 'string' && given) return given;
  return withDefaultTag(c.image ?? '').endsWith(':latest')
    ? 'Always'
    : 'IfNotPresent';
}

/** What containerd answers for an image that does not exist. */
export function pullError(image: string): string {
  const ref = normalizedImage(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/** Go's time.Duration String() for whole milliseconds ≥ 1s. */
function goDuration(ms: number): string {
  const s = (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${s}s`;
}

/**
 * The kubelet's message for a pull that worked (image_manager.go): a
 * duration and size derived from the image name, so they stay stable.
 */
export function pulledMessage(image: string): string {
  const d = createHash('sha256').update(image).digest();
  const pull = 800 + (d.readUInt16BE(0) % 9000);
  const waiting = pull + (d[2] % 200);
  const size = 40000000 + (d.readUInt32BE(3) % 260000000);
  return `Successfully pulled image "${withDefaultTag(image)}" in ${goDuration(
    pull,
  )} (${goDuration(waiting)} including waiting). Image size: ${size} bytes.`;
}
