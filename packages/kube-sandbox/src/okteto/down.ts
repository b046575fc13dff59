import type { KubeObject } from '../types';
import { deploy } from './deploy';
import type { DevSpec } from './devSpec';
import {
  cloneName,
  DevTarget,
  findOriginal,
  OktetoTarget,
  pvcName,
  resourceOf,
  secretName,
  toOps,
} from './target';
import { devModeOff } from './translate';

/** Where `okteto down` was interrupted: after this write. */
export type DownStep = 'original' | 'clone';

export interface OktetoDownOptions extends DevTarget {
  /** The manifest's `metadata:` (its annotations are removed too). */
  metadata?: DevSpec['metadata'];
  /** `okteto down -v`: also delete the dev volume. */
  removeVolume?: boolean;
  /** Stop after this write (`original`: restored, clone still there). */
  stopAfter?: DownStep;
}

export interface OktetoDownResult {
  original: KubeObject;
  deletedClone: boolean;
  deletedSecret: boolean;
  deletedVolume: boolean;
  stoppedAfter?: DownStep;
}

/**
 * `okteto down` (okteto pkg/cmd/down/run.go): the original restored FIRST
 * (DevModeOff + App.Deploy), then the clone deleted, then the Syncthing
 * secret; the dev volume stays unless `removeVolume`.
 */
export async function oktetoDown(
  target: OktetoTarget,
  opts: OktetoDownOptions,
): Promise<OktetoDownResult> {
  const ops = toOps(target);
  const { namespace } = opts;
  const found = await findOriginal(ops, opts);
  const original = await deploy(ops, devModeOff(found, opts));
  const result: OktetoDownResult = {
    original,
    deletedClone: false,
    deletedSecret: false,
    deletedVolume: false,
  };
  if (opts.stopAfter === 'original') {
    result.stoppedAfter = 'original';
    return result;
  }
  result.deletedClone = await ops.delete(
    resourceOf(found),
    namespace,
    cloneName(found.metadata.name),
  );
  if (opts.stopAfter === 'clone') {
    result.stoppedAfter = 'clone';
    return result;
  }
  result.deletedSecret = await ops.delete(
    'secrets',
    namespace,
    secretName(opts.devName),
  );
  if (opts.removeVolume) {
    result.deletedVolume = await ops.delete(
      'persistentvolumeclaims',
      namespace,
      pvcName(opts.devName),
    );
  }
  return result;
}
