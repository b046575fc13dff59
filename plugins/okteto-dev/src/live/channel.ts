import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';

export type { DevStatusSignal } from '@okteto-dev/plugin-okteto-dev-common';

/**
 * The signal channel on which the backend pushes this entity's changes, when it does: its live
 * mode reads the entity from watches (`live.mode === 'watch'`) and handed out the entity's opaque
 * channel with the status. Otherwise (live mode off, polling for this entity, an older backend)
 * no signal would come, and the frontend must poll.
 */
export function channelOf(status: DevStatus | undefined): string | undefined {
  return status?.live?.mode === 'watch' && status.live.channel
    ? status.live.channel
    : undefined;
}

/** True when the backend pushes this entity's changes (see {@link channelOf}). */
export function isPushed(status: DevStatus | undefined): boolean {
  return channelOf(status) !== undefined;
}

/** When the channel of this status rotates: fetch the status again after it to get the next one. */
export function renewAtOf(status: DevStatus | undefined): string | undefined {
  return channelOf(status) ? status?.live?.renewAt : undefined;
}
