import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import { DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { OktetoDevCluster } from '@okteto-dev/plugin-okteto-dev-node';
import { ClusterClient, kubeConfigFor } from '../kube/ClusterClient';
import {
  assessCluster,
  clusterDetails,
  KUBECONFIG_PROVIDERS,
} from './assessCluster';
import { AuthStrategies } from './authStrategies';
import { StrategyCredential } from './credentials';
import { ClusterSource, ConfiguredCluster } from './sources';

/** A configured cluster okteto-dev cannot use: every read of it fails with this, and none is sent. */
export class ClusterUnusableError extends Error {
  readonly devError: DevError;

  constructor(readonly cluster: string, readonly reason: string) {
    super(`Cluster '${cluster}' cannot be used: ${reason}`);
    this.name = 'ClusterUnusableError';
    this.devError = { type: 'unusable', message: this.message, cluster };
  }
}

/** A configured cluster, with why it cannot be used (when it cannot). */
export interface RegisteredCluster extends ConfiguredCluster {
  /** False for a later cluster of a name configured before it: the first one is used. */
  first: boolean;
}

/** Every configured cluster, and the sources that could not be read. */
export interface ClusterSnapshot {
  clusters: RegisteredCluster[];
  failures: Array<{ source: string; message: string }>;
}

interface Built {
  problem?: string;
  kubeConfig?: KubeConfig;
  client?: ClusterClient;
}

export interface ClusterRegistryOptions {
  /** Where clusters come from, in order: of two clusters with one name, the first is used. */
  sources: ClusterSource[];
  /** The auth strategies (Backstage's and the modules'). */
  strategies: AuthStrategies;
  /** Timeout of each read. */
  timeoutMs: number;
  /** Problems are logged once each, when first seen. */
  logger?: LoggerService;
}

/**
 * The clusters okteto-dev may read, and one client per cluster: from the configured sources
 * (`oktetoDev.clusters`, else the Kubernetes plugin's cluster locators; a module's suppliers), each
 * with the credential its auth strategy gives. A cluster it cannot use (a viewer-token provider,
 * plain http without the opt-in, no identity configured, …) stays in the list with the reason: its
 * status, `/v1/clusters` and the log say so, and no request is ever sent to it.
 */
export class ClusterRegistry {
  private readonly built = new Map<
    string,
    { key: string; ready: Promise<Built> }
  >();
  private readonly seen = new Set<string>();
  private current:
    | { at: number; snapshot: Promise<ClusterSnapshot> }
    | undefined;
  private readonly logged = new Set<string>();
  private lastUsable: number | undefined;

  constructor(private readonly options: ClusterRegistryOptions) {}

  /**
   * Every configured cluster with its problem, and what could not be read. Taken again at most
   * every second (views ask several times per entity), or now with `fresh`.
   */
  snapshot(fresh = false): Promise<ClusterSnapshot> {
    const now = Date.now();
    if (!fresh && this.current && now - this.current.at < 1000) {
      return this.current.snapshot;
    }
    const snapshot = this.take();
    this.current = { at: now, snapshot };
    return snapshot;
  }

  private async take(): Promise<ClusterSnapshot> {
    const { sources } = this.options;
    const read = await Promise.allSettled(sources.map(s => s.clusters()));
    const failures: ClusterSnapshot['failures'] = [];
    const configured: ConfiguredCluster[] = [];
    read.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        configured.push(...result.value);
        const stale = (sources[i] as { staleError?: Error }).staleError;
        if (stale) {
          failures.push({
            source: sources[i].label,
            message: `${stale.message} (its clusters as last read are used)`,
          });
        }
      } else {
        failures.push({
          source: sources[i].label,
          message: (result.reason as Error)?.message ?? String(result.reason),
        });
      }
    });
    const firstOf = new Map<string, ConfiguredCluster>();
    const clusters: RegisteredCluster[] = [];
    for (const entry of configured) {
      const { name } = entry.cluster;
      this.seen.add(name);
      const earlier = firstOf.get(name);
      if (earlier) {
        clusters.push({
          ...entry,
          first: false,
          problem: `another cluster of this name comes first (${earlier.source}), and that one is used`,
        });
        continue;
      }
      firstOf.set(name, entry);
      const built = await this.build(entry);
      clusters.push({
        ...entry,
        first: true,
        ...(built.problem ? { problem: built.problem } : {}),
      });
    }
    this.report(clusters, failures);
    return { clusters, failures };
  }

  /** The clusters entities may name (the first of each name), usable or not. */
  async list(): Promise<OktetoDevCluster[]> {
    return (await this.snapshot()).clusters
      .filter(c => c.first)
      .map(c => c.cluster);
  }

  /** Every cluster name configured since the start (for redacting them). */
  names(): string[] {
    return [...this.seen];
  }

  /**
   * The cluster to read: the one named (by the entity or the conventions), else the only one
   * configured. An unknown name, or none with several configured, is an error naming the choices.
   * A cluster okteto-dev cannot use is still resolved: its reads then fail with the reason.
   */
  async resolve(requested: string | undefined): Promise<string> {
    let snapshot = await this.snapshot();
    let names = snapshot.clusters.filter(c => c.first).map(c => c.cluster.name);
    if (requested && !names.includes(requested)) {
      // a cluster registered in the catalog a moment ago
      await Promise.all(this.options.sources.map(s => s.refreshSoon?.()));
      snapshot = await this.snapshot(true);
      names = snapshot.clusters.filter(c => c.first).map(c => c.cluster.name);
    }
    const unread = snapshot.failures.length
      ? `; ${snapshot.failures
          .map(f => `${f.source} could not be read: ${f.message}`)
          .join('; ')}`
      : '';
    if (names.length === 0) {
      throw new InputError(
        `No cluster is configured for okteto-dev${
          requested ? ` (asked for '${requested}')` : ''
        }: it reads the clusters of oktetoDev.clusters, else those of kubernetes.clusterLocatorMethods, and never falls back to Backstage's own kubeconfig (configure a cluster with authProvider kubeconfig or inCluster for that)${unread}`,
      );
    }
    const choices = names.join(', ');
    if (requested) {
      if (names.includes(requested)) return requested;
      throw new InputError(
        `No cluster named '${requested}' is configured (configured: ${choices})${unread}`,
      );
    }
    if (names.length === 1) return names[0];
    throw new InputError(
      `Several clusters are configured (${choices}): name one with the okteto-dev/cluster annotation or oktetoDev.conventions.cluster`,
    );
  }

  /** The client of a cluster; a {@link ClusterUnusableError} when okteto-dev cannot use it. */
  async client(name: string): Promise<ClusterClient> {
    const built = await this.usable(name);
    built.client ??= new ClusterClient(
      name,
      built.kubeConfig!,
      this.options.timeoutMs,
    );
    return built.client;
  }

  /** The kubeConfig of a cluster (live mode's watches); the same errors as {@link client}. */
  async kubeConfig(name: string): Promise<KubeConfig> {
    return (await this.usable(name)).kubeConfig!;
  }

  private async usable(name: string): Promise<Built> {
    const snapshot = await this.snapshot();
    const entry = snapshot.clusters.find(
      c => c.first && c.cluster.name === name,
    );
    if (!entry) {
      await this.resolve(name);
      throw new InputError(`No cluster named '${name}' is configured`);
    }
    const built = await this.built.get(name)!.ready;
    if (built.problem) throw new ClusterUnusableError(name, built.problem);
    return built;
  }

  /** Assesses a cluster and builds its kubeconfig, once per configuration of that name. */
  private build(entry: ConfiguredCluster): Promise<Built> {
    const key = JSON.stringify(entry);
    const known = this.built.get(entry.cluster.name);
    if (known?.key === key) return known.ready;
    const ready = this.assessAndBuild(entry);
    this.built.set(entry.cluster.name, { key, ready });
    return ready;
  }

  private async assessAndBuild(entry: ConfiguredCluster): Promise<Built> {
    const { cluster } = entry;
    const built: Built = {};
    built.problem = entry.problem ?? (await this.assess(cluster));
    if (built.problem) return built;
    try {
      let credential: StrategyCredential | undefined;
      if (!KUBECONFIG_PROVIDERS.includes(cluster.authProvider)) {
        const strategy = await this.options.strategies.get(
          cluster.authProvider,
        );
        credential = new StrategyCredential(
          clusterDetails(cluster),
          strategy!,
          Date.now,
          error =>
            this.logOnce(
              `okteto-dev: cluster '${cluster.name}': authProvider '${cluster.authProvider}' gave no credential: ${error?.message}`,
            ),
        );
      }
      built.kubeConfig = kubeConfigFor(cluster, credential);
    } catch (error) {
      built.problem = (error as Error).message;
    }
    return built;
  }

  private async assess(cluster: OktetoDevCluster): Promise<string | undefined> {
    const { strategies } = this.options;
    if (KUBECONFIG_PROVIDERS.includes(cluster.authProvider)) {
      return assessCluster(cluster, { known: strategies.keys() });
    }
    try {
      return assessCluster(cluster, {
        strategy: cluster.authProvider
          ? await strategies.get(cluster.authProvider)
          : undefined,
        viewerTokenReason: strategies.viewerTokenReason(cluster.authProvider),
        known: strategies.keys(),
      });
    } catch (error) {
      return `its auth strategy could not be loaded: ${
        (error as Error).message
      }`;
    }
  }

  private logOnce(line: string): void {
    if (this.logged.has(line)) return;
    this.logged.add(line);
    this.options.logger?.warn(line);
  }

  /** Logs each problem once, and whether any cluster is usable when that changes. */
  private report(
    clusters: RegisteredCluster[],
    failures: ClusterSnapshot['failures'],
  ): void {
    const { logger } = this.options;
    if (!logger) return;
    for (const c of clusters) {
      if (c.problem) {
        this.logOnce(
          `okteto-dev: cluster '${c.cluster.name}' (${c.source}) cannot be used: ${c.problem}`,
        );
      }
    }
    for (const f of failures) {
      this.logOnce(`okteto-dev: ${f.source} could not be read: ${f.message}`);
    }
    const usable = clusters.filter(c => c.first && !c.problem).length;
    if (usable !== this.lastUsable) {
      if (usable === 0) {
        logger.error(
          clusters.length === 0
            ? "okteto-dev: no cluster is configured (oktetoDev.clusters, or kubernetes.clusterLocatorMethods); it reads none, and never falls back to Backstage's own kubeconfig"
            : 'okteto-dev: none of the configured clusters can be used (see the warnings above); it reads none',
        );
      } else if (this.lastUsable !== undefined || clusters.length > usable) {
        logger.info(
          `okteto-dev: ${usable} of ${
            clusters.filter(c => c.first).length
          } configured clusters can be used`,
        );
      }
      this.lastUsable = usable;
    }
  }
}
