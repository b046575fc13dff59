import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** Default of `oktetoDev.refreshIntervalSeconds`. */
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 30;

/** The configured polling interval in milliseconds (0: no polling). */
export function useRefreshIntervalMs(): number {
  const config = useApi(configApiRef);
  const seconds =
    config.getOptionalNumber('oktetoDev.refreshIntervalSeconds') ??
    DEFAULT_REFRESH_INTERVAL_SECONDS;
  return seconds * 1000;
}
