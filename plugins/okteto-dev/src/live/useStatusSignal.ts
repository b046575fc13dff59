import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/**
 * Calls `onSignal` for each signal on `channel` (an entity's opaque channel, from its status);
 * nothing while there is no channel. Returns whether the app has the signals plugin.
 *
 * Like `useSignal` of `@backstage/plugin-signals-react`, without subscribing before the channel
 * is known: the channel comes with the first answer, so there is no channel to guess before it.
 */
export function useStatusSignal(
  channel: string | undefined,
  onSignal: () => void,
): boolean {
  const signalApi = useApiHolder().get(signalApiRef);
  const onSignalRef = useRef(onSignal);
  onSignalRef.current = onSignal;
  useEffect(() => {
    if (!signalApi || !channel) return undefined;
    const { unsubscribe } = signalApi.subscribe(channel, () =>
      onSignalRef.current(),
    );
    return unsubscribe;
  }, [signalApi, channel]);
  return Boolean(signalApi);
}
