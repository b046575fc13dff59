export { devStatusChannel, isPushed } from './channel';
export type { DevStatusSignal } from './channel';
export { usePollWhileVisible } from './usePollWhileVisible';
export { useQueuedRetry } from './useQueuedRetry';
export { useRefreshWhenVisible } from './useRefreshWhenVisible';
