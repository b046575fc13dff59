import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import {
  channelOf,
  renewAtOf,
  usePollWhileVisible,
  useRefreshWhenVisible,
  useRefreshIntervalMs,
  useRenewal,
  useStatusSignal,
} from '../../live';

/**
 * Keeps the card's status current; shows nothing. When the app has the signals plugin and the
 * backend pushes this entity's changes (`status.live.mode === 'watch'`, with the entity's opaque
 * channel in `status.live.channel`), it listens on that channel and refreshes on each signal,
 * without polling, and once more after the channel rotates. Otherwise it refreshes on the
 * configured interval while the tab is visible.
 *
 * The signals API of this Backstage release says whether it exists, not whether its WebSocket is
 * connected (it reconnects by itself); the backend's `live` says whether a signal would come.
 *
 * Nothing of this acts before the first answer is on screen, so the card loads it as a chunk of
 * its own (`EntityOktetoDevCard.tsx`), next to its first status request.
 */
export function LiveUpdates(props: {
  status: DevStatus | undefined;
  refresh: () => void;
}) {
  const { status, refresh } = props;
  const intervalMs = useRefreshIntervalMs();
  const channel = channelOf(status);
  const refreshWhenVisible = useRefreshWhenVisible(refresh);
  const isSignalsAvailable = useStatusSignal(channel, refreshWhenVisible);
  const pushed = isSignalsAvailable && channel !== undefined;
  // the channel rotates: fetch the status (and so the next channel) after it does
  useRenewal(pushed ? renewAtOf(status) : undefined, refreshWhenVisible);
  usePollWhileVisible(refresh, pushed ? 0 : intervalMs);
  return null;
}
