import {
  DatabaseService,
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { DevTargetClaims } from '../claims/DevTargetClaims';
import { DEFAULT_DERIVE_OPTIONS } from '../derive/deriveStatus';
import type { DevStatusServiceOptions } from '../DevStatusService';
import { RepoFileReader } from '../repo/RepoFileReader';
import { CachedRepoFileReader } from './CachedRepoFileReader';
import { readLiveConfig, readNotificationsConfig } from './config';
import { LiveMode } from './LiveMode';
import { DevNotifier } from './notify/DevNotifier';
import { NotifiedStates } from './notify/NotifiedStates';
import { StatusChannels } from './StatusChannels';

export { LiveMode } from './LiveMode';
export { StatusChannels } from './StatusChannels';
export type { StatusChangedMessage } from './StatusTracker';
export type { DevLiveInfo, LiveStatusSource, StatusObserver } from './types';

/**
 * Sets up live mode (`oktetoDev.live`, on by default) and notifications
 * (`oktetoDev.notifications`, off by default) for the plugin: the watches start with the backend
 * (the catalog's annotated entities arrive with each read of the claims) and stop with it, timers
 * included. Notifications go only to sole claimants of a dev target.
 */
export async function startLive(deps: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  lifecycle: LifecycleService;
  claims: DevTargetClaims;
  signals: SignalsService;
  notifications: NotificationService;
  options: DevStatusServiceOptions & {
    repo: RepoFileReader;
    timeoutMs: number;
  };
}): Promise<{ live?: LiveMode; observer?: DevNotifier }> {
  const { config, logger, lifecycle, options } = deps;
  const notificationsConfig = readNotificationsConfig(config);
  const notifier = notificationsConfig.enabled
    ? new DevNotifier({
        states: await NotifiedStates.create(deps.database),
        notifications: deps.notifications,
        logger,
        confirmMs: notificationsConfig.confirmMs,
        claims: deps.claims,
      })
    : undefined;
  const liveConfig = readLiveConfig(config);
  if (!liveConfig.enabled || !(options.repo instanceof CachedRepoFileReader)) {
    if (notifier) lifecycle.addShutdownHook(() => notifier.close());
    return { observer: notifier };
  }
  const live = new LiveMode({
    config: liveConfig,
    clusters: options.clusters,
    argoApi: options.argoApi,
    timeoutMs: options.timeoutMs,
    repo: options.repo,
    derive: options.derive ?? DEFAULT_DERIVE_OPTIONS,
    clusterWide: options.clusterWide,
    logger,
    signals: deps.signals,
    channels: await StatusChannels.create(deps),
    notifier,
    claims: deps.claims,
  });
  lifecycle.addStartupHook(() => {
    // not awaited: the backend does not wait for the first catalog read and watches
    live
      .start()
      .catch(error => logger.error('okteto-dev live: start failed', error));
  });
  lifecycle.addShutdownHook(() => live.stop());
  return { live, observer: notifier };
}
