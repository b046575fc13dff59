import {
  AuthService,
  DatabaseService,
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { OKTETO_DEV_APP_ANNOTATION } from '@okteto-dev/plugin-okteto-dev-common';
import { DEFAULT_DERIVE_OPTIONS } from '../derive/deriveStatus';
import type { DevStatusServiceOptions } from '../DevStatusService';
import { RepoFileReader } from '../repo/RepoFileReader';
import { resolveRequest } from '../resolveRequest';
import { CachedRepoFileReader } from './CachedRepoFileReader';
import { readLiveConfig, readNotificationsConfig } from './config';
import { LiveMode } from './LiveMode';
import { DevNotifier } from './notify/DevNotifier';
import { NotifiedStates } from './notify/NotifiedStates';

export { LiveMode } from './LiveMode';
export { statusChannel } from './StatusTracker';
export type { StatusChangedMessage } from './StatusTracker';
export type { DevLiveInfo, LiveStatusSource, StatusObserver } from './types';

/** The fields of an entity live mode reads (its target comes from the annotations). */
const ENTITY_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

/**
 * Sets up live mode (`oktetoDev.live`, on by default) and notifications
 * (`oktetoDev.notifications`, off by default) for the plugin: the watches start with the backend
 * (after a first read of the catalog's annotated entities, with the plugin's own credentials) and
 * stop with it, timers included.
 */
export async function startLive(deps: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  lifecycle: LifecycleService;
  catalog: CatalogService;
  auth: AuthService;
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
    timeoutMs: options.timeoutMs,
    repo: options.repo,
    derive: options.derive ?? DEFAULT_DERIVE_OPTIONS,
    clusterWide: options.clusterWide,
    logger,
    signals: deps.signals,
    notifier,
    resolve: entity =>
      resolveRequest(entity, {
        ...options,
        argo: options.argo ?? { instances: [] },
      }),
    catalogEntities: async () => {
      const { items } = await deps.catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${OKTETO_DEV_APP_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          fields: ENTITY_FIELDS,
        },
        { credentials: await deps.auth.getOwnServiceCredentials() },
      );
      return items;
    },
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
