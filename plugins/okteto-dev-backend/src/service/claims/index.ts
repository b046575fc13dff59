import {
  AuthService,
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { DevStatusServiceOptions } from '../DevStatusService';
import { resolveRequest } from '../resolveRequest';
import { DevTargetClaims } from './DevTargetClaims';

export { ClaimIndex, targetKeys } from './ClaimIndex';
export type { Claim } from './ClaimIndex';
export {
  ContestedTargetError,
  nameVisibleClaimants,
} from './ContestedTargetError';
export { DevTargetClaims } from './DevTargetClaims';

/**
 * How often the catalog's annotated entities are read, in milliseconds:
 * `oktetoDev.catalogRefreshSeconds` (default 60), else the older
 * `oktetoDev.live.catalogRefreshSeconds`.
 */
export function readCatalogRefreshMs(config: RootConfigService): number {
  const seconds =
    config.getOptionalNumber('oktetoDev.catalogRefreshSeconds') ??
    config.getOptionalNumber('oktetoDev.live.catalogRefreshSeconds') ??
    60;
  return seconds * 1000;
}

/**
 * Sets up who claims which dev target, for the plugin: the catalog is read (with the plugin's own
 * credentials) when the backend has started, then on its schedule, until it stops.
 */
export function startClaims(deps: {
  config: RootConfigService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  catalog: CatalogService;
  auth: AuthService;
  options: DevStatusServiceOptions;
}): DevTargetClaims {
  const { options } = deps;
  const claims = new DevTargetClaims({
    catalog: deps.catalog,
    auth: deps.auth,
    logger: deps.logger,
    refreshMs: readCatalogRefreshMs(deps.config),
    resolve: entity =>
      resolveRequest(entity, {
        ...options,
        argo: options.argo ?? { instances: [] },
      }),
  });
  deps.lifecycle.addStartupHook(() => claims.start());
  deps.lifecycle.addShutdownHook(() => claims.stop());
  return claims;
}
