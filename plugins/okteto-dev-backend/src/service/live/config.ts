import { Config } from '@backstage/config';

/** `oktetoDev.live`: watch-fed status and signals. */
export interface LiveConfig {
  enabled: boolean;
  /** Beyond this many dev namespaces on a cluster, watch cluster-wide (or poll the rest). */
  maxNamespacesPerCluster: number;
  /** Quiet time after a cluster change before the affected entities are derived again. */
  debounceMs: number;
  /** Every live entity is derived again this often (abandonment is a function of time). */
  resyncMs: number;
  /** How long a repository file (Okteto manifest, .stignore, package.json) is reused. */
  repositoryTtlMs: number;
  /** The server ends each watch after about this long; it is then resumed. */
  watchTimeoutSeconds: number;
}

/** `oktetoDev.notifications`. */
export interface NotificationsConfig {
  enabled: boolean;
  /** How long a new state must hold before its owner is told. */
  confirmMs: number;
}

/** Reads `oktetoDev.live` with its defaults. */
export function readLiveConfig(config: Config): LiveConfig {
  const live = config.getOptionalConfig('oktetoDev.live');
  const seconds = (key: string, fallback: number) =>
    (live?.getOptionalNumber(key) ?? fallback) * 1000;
  return {
    enabled: live?.getOptionalBoolean('enabled') ?? true,
    maxNamespacesPerCluster:
      live?.getOptionalNumber('maxNamespacesPerCluster') ?? 50,
    debounceMs: live?.getOptionalNumber('debounceMs') ?? 300,
    resyncMs: seconds('resyncSeconds', 60),
    repositoryTtlMs: seconds('repositoryTtlSeconds', 300),
    watchTimeoutSeconds: live?.getOptionalNumber('watchTimeoutSeconds') ?? 300,
  };
}

/** Reads `oktetoDev.notifications` (off unless `enabled: true`). */
export function readNotificationsConfig(config: Config): NotificationsConfig {
  return {
    enabled:
      config.getOptionalBoolean('oktetoDev.notifications.enabled') ?? false,
    confirmMs:
      (config.getOptionalNumber('oktetoDev.notifications.confirmSeconds') ??
        30) * 1000,
  };
}
