import { createHash } from 'node:crypto';
import {
  DEFAULT_VOLUME_SIZE,
  OKTETO_CLI_REPOSITORY,
  OKTETO_CLI_VERSION,
} from './constants';
import type { DevTarget } from './target';

/** The dev entry of okteto.yml, as far as the cluster sees it. */
export interface DevSpec extends DevTarget {
  /** Dev container (default: the first container). */
  container?: string;
  /** `image:` (default: the container's image). */
  image?: string;
  /**
   * The context's user name. Only Okteto Platform contexts have one
   * (okteto pkg/okteto/context.go); on a plain Kubernetes context leave it
   * out and no OKTETO_USERNAME is written.
   */
  user?: string;
  mode?: 'sync' | 'hybrid';
  /** The manifest's `name:` (pod affinity label of the dev volume). */
  manifestName?: string;
  /** Remote paths of the `sync:` folders (default `/app`). */
  sync?: string[];
  workdir?: string;
  persistentVolume?: {
    enabled?: boolean;
    size?: string;
    storageClass?: string;
  };
  /** `metadata:` — annotations on both deployments, labels on the clone. */
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  /** Okteto CLI version (the `okteto-bin` image tag). */
  cliVersion?: string;
}

export const sha512 = (s: string) =>
  createHash('sha512').update(s).digest('hex');

export function persistentVolumeEnabled(dev: DevSpec): boolean {
  return dev.persistentVolume?.enabled !== false;
}

export function volumeSize(dev: DevSpec): string {
  return dev.persistentVolume?.size ?? DEFAULT_VOLUME_SIZE;
}

export function cliImage(dev: DevSpec): string {
  return `${OKTETO_CLI_REPOSITORY}:${dev.cliVersion ?? OKTETO_CLI_VERSION}`;
}

/** The manifest's name (okteto infers it from the repository; never empty). */
export function manifestName(dev: DevSpec): string {
  return dev.manifestName || 'okteto';
}

export function syncFolders(dev: DevSpec): string[] {
  return dev.sync?.length ? dev.sync : ['/app'];
}

/**
 * `dev.Metadata.Annotations` after `okteto up` added the sha512 of the sync
 * folders and of the .stignore files (okteto cmd/up/stignore.go).
 */
export function devAnnotations(dev: DevSpec): Record<string, string> {
  return {
    ...dev.metadata?.annotations,
    'dev.okteto.com/sync': sha512(`sync:${syncFolders(dev).join(',')}`),
    'dev.okteto.com/stignore': sha512(
      `stignore:${dev.namespace}/${dev.devName}`,
    ),
  };
}

/** okteto getVolumeLabelKey: `dev.okteto.com/volume-<sha256[:8]>`. */
export function volumeLabelKey(manifest: string, devName: string): string {
  const h = createHash('sha256').update(`${manifest}-${devName}`).digest('hex');
  return `dev.okteto.com/volume-${h.slice(0, 8)}`;
}
