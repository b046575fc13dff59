import type { KubeObject } from '../types';
import { deploy } from './deploy';
import { DevSpec, persistentVolumeEnabled } from './devSpec';
import { findOriginal, OktetoTarget, toOps } from './target';
import { translate } from './translate';
import { createSecret, createVolume } from './volumeAndSecret';

/** Where `okteto up` was interrupted: after writing this object. */
export type UpStep = 'volume' | 'secret' | 'clone';

export interface OktetoUpOptions extends DevSpec {
  /**
   * Stop after this write, as an interrupted `okteto up` would (Ctrl-C,
   * lost connection). `clone` leaves the clone running next to the
   * original, still unlabelled at full replicas.
   */
  stopAfter?: UpStep;
}

export interface OktetoUpResult {
  /** The original as it stands after the last write. */
  original: KubeObject;
  clone?: KubeObject;
  secret?: KubeObject;
  pvc?: KubeObject;
  /** Set when `stopAfter` interrupted the sequence. */
  stoppedAfter?: UpStep;
}

/**
 * `okteto up` as its writes reach the API server (okteto cmd/up/activate.go
 * createDevContainer): the dev volume, the Syncthing secret, then
 * devdeployer.go deploy() — the clone FIRST (DevApp.Deploy), then the
 * original (App.Deploy). Plain API calls, so it runs on a store or against
 * a live sandbox. Argo CD's reaction is the Argo CD simulation's business.
 */
export async function oktetoUp(
  target: OktetoTarget,
  opts: OktetoUpOptions,
): Promise<OktetoUpResult> {
  const ops = toOps(target);
  const original = await findOriginal(ops, opts);
  const result: OktetoUpResult = { original };
  const stop = (step: UpStep) => {
    if (opts.stopAfter !== step) return false;
    result.stoppedAfter = step;
    return true;
  };
  const { app, devApp } = translate(original, opts);
  if (persistentVolumeEnabled(opts)) {
    result.pvc = await createVolume(ops, opts);
  }
  if (stop('volume')) return result;
  result.secret = await createSecret(ops, opts);
  if (stop('secret')) return result;
  result.clone = await deploy(ops, devApp);
  if (stop('clone')) return result;
  result.original = await deploy(ops, app);
  return result;
}
