import { OktetoDevCluster } from '@okteto-dev/plugin-okteto-dev-node';

/** A cluster as a source gives it: where it was configured, and why it cannot be used, if known. */
export interface ConfiguredCluster {
  cluster: OktetoDevCluster;
  /** Where it was configured, for messages: `oktetoDev.clusters[0]`, `kubernetes.clusterLocatorMethods[1] (catalog)`. */
  source: string;
  /** Why okteto-dev cannot use it, when the source already knows (an invalid catalog entity). */
  problem?: string;
}

/** Where clusters come from: a part of the configuration, a locator, a module's supplier. */
export interface ClusterSource {
  /** For messages: `oktetoDev.clusters`, `kubernetes.clusterLocatorMethods[2] (gke)`. */
  readonly label: string;
  /** Its clusters now; throws when they could not be read (the registry reports it). */
  clusters(): Promise<ConfiguredCluster[]>;
  /** Reads again now unless it just did (a name was not found): for sources that keep a copy. */
  refreshSoon?(): Promise<void>;
}

/** A source whose clusters are fixed (read once from config). */
export function staticSource(
  label: string,
  clusters: ConfiguredCluster[],
): ClusterSource {
  return { label, clusters: async () => clusters };
}

/** A source that cannot be read at all (an unsupported locator type): its error, every time. */
export function failedSource(label: string, message: string): ClusterSource {
  return {
    label,
    clusters: async () => {
      throw new Error(message);
    },
  };
}

/**
 * A source read again at most every `refreshMs` (the catalog, GKE's API): a copy is served while
 * a fresh one is read in the background; a failed read keeps the last good copy (and is reported
 * until a read succeeds). `refreshSoon` lets a lookup of an unknown name read again (at most every
 * `minIntervalMs`), so a cluster registered a moment ago is found without waiting for the period.
 */
export class RefreshingSource implements ClusterSource {
  private kept: ConfiguredCluster[] | undefined;
  private readAt = 0;
  private error: Error | undefined;
  private running: Promise<void> | undefined;

  constructor(
    readonly label: string,
    private readonly read: () => Promise<ConfiguredCluster[]>,
    private readonly options: {
      refreshMs: number;
      minIntervalMs?: number;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private refresh(): Promise<void> {
    this.running ??= this.read()
      .then(
        clusters => {
          this.kept = clusters;
          this.error = undefined;
        },
        error => {
          this.error = error as Error;
        },
      )
      .finally(() => {
        this.readAt = this.now();
        this.running = undefined;
      });
    return this.running;
  }

  async clusters(): Promise<ConfiguredCluster[]> {
    if (this.kept === undefined && this.error === undefined) {
      await this.refresh();
    } else if (this.now() - this.readAt >= this.options.refreshMs) {
      if (this.kept === undefined) await this.refresh();
      else this.refresh().catch(() => undefined);
    }
    if (this.error && this.kept === undefined) throw this.error;
    return this.kept ?? [];
  }

  /** The last read's error while an older copy is served (reported, not thrown). */
  get staleError(): Error | undefined {
    return this.kept === undefined ? undefined : this.error;
  }

  async refreshSoon(): Promise<void> {
    if (this.running) {
      await this.running;
    } else if (
      this.now() - this.readAt >=
      (this.options.minIntervalMs ?? 5_000)
    ) {
      await this.refresh();
    }
  }
}
