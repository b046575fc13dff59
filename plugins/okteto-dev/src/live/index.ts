export { channelOf, isPushed, renewAtOf } from './channel';
export type { DevStatusSignal } from './channel';
export { usePollWhileVisible } from './usePollWhileVisible';
export { useQueuedRetry } from './useQueuedRetry';
export { useRefreshWhenVisible } from './useRefreshWhenVisible';
export { useRenewal } from './useRenewal';
export { useStatusSignal } from './useStatusSignal';
export { useRefreshIntervalMs } from './useRefreshIntervalMs';
