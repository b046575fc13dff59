import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';

export { devStatusChannel } from '@okteto-dev/plugin-okteto-dev-common';
export type { DevStatusSignal } from '@okteto-dev/plugin-okteto-dev-common';

/**
 * True when the backend pushes this entity's changes: its live mode reads it from watches and
 * publishes a signal per change. Otherwise (live mode off, or polling for this entity) no signal
 * would ever come, and the frontend must poll.
 */
export function isPushed(status: DevStatus | undefined): boolean {
  return status?.live?.mode === 'watch';
}
