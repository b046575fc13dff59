// Where the real cluster's sources, binary and default cluster directory are.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
export const repoRoot = path.resolve(packageDir, '..', '..');
export const goModuleDir = path.join(packageDir, 'go', 'cluster');
/** Repo root .cache/ is git-ignored. */
export const cacheDir = path.join(repoRoot, '.cache', 'real-cluster');
export const binDir = path.join(cacheDir, 'bin');
/** REAL_CLUSTER_BIN names a binary built elsewhere. */
export const binaryPath =
  process.env.REAL_CLUSTER_BIN || path.join(binDir, 'realcluster');
export const stampPath = path.join(binDir, 'realcluster.stamp');
/** The directory `real-cluster up` and `down` use when given no --dir. */
export const defaultClusterDir = path.join(cacheDir, 'cluster');

/** The versions the binary is stamped with (go.mod pins the same). */
export const KUBERNETES_VERSION = 'v1.36.3';
