export interface Config {
  /** Configuration of the okteto-dev backend. All keys are optional. */
  oktetoDev?: {
    /**
     * Clusters to read from. When none are configured, okteto-dev reuses the clusters of
     * Backstage's Kubernetes plugin (`kubernetes.clusterLocatorMethods` of type `config`), else
     * the default kubeconfig (in-cluster, else `~/.kube/config`) as cluster `default`.
     */
    clusters?: Array<{
      /** Name that entities use in `okteto-dev/cluster`. */
      name: string;
      /** API server URL. */
      url?: string;
      /** How to authenticate. Default `serviceAccount` when a url is set. */
      authProvider?: 'serviceAccount' | 'kubeconfig' | 'inCluster';
      /** @visibility secret */
      serviceAccountToken?: string;
      /** Base64 PEM of the API server's CA. @visibility secret */
      caData?: string;
      /** Path to the API server's CA. */
      caFile?: string;
      /** Do not verify the API server's certificate. Default false. Never use in production. */
      skipTLSVerify?: boolean;
      /** With `authProvider: kubeconfig`: the file to load instead of the default. */
      kubeconfigPath?: string;
      /** With `authProvider: kubeconfig`: the context to use. */
      context?: string;
      /** The Argo CD UI whose Applications live in this cluster, for the card's link. */
      argocdBaseUrl?: string;
    }>;
    argocd?: {
      /** The Argo CD UI, for the card's link to each Application (when no cluster or instance sets one). */
      baseUrl?: string;
      /**
       * Argo CD instances, for several instances or hub and spoke: an entity names one with the
       * `argocd/instance-name` annotation; its Applications are read from `cluster`.
       */
      instances?: Array<{
        name: string;
        /** The cluster (from `clusters`) whose API holds this instance's Applications. */
        cluster: string;
        /** Namespace of its Applications. Default: `conventions.applicationNamespace`. */
        namespace?: string;
        /** Its UI. */
        baseUrl?: string;
      }>;
      /** Argo CD's `reconciledAt` older than this many minutes marks its status as stale. Default 10. */
      reconcileStaleMinutes?: number;
    };
    /** A dev session older than this many hours is flagged as probably abandoned. Default 8. */
    abandonedAfterHours?: number;
    cache?: {
      /** How long an answer is reused, in seconds. Default 15. */
      ttlSeconds?: number;
      /** How long the last good answer is served, marked stale, while a cluster fails. Default 300. */
      staleOnErrorSeconds?: number;
      /**
       * Answers kept serialised in each replica's memory besides the cache service, until the
       * cache entry they came from runs out (0: none). Default 2000.
       */
      nearEntries?: number;
      /**
       * Single flight across replicas: of the replicas that miss the shared cache for one entity at
       * the same time, one reads the cluster (a short lease in the plugin's database) and the
       * others take its answer from the cache. Default: on when `backend.cache.store` is shared
       * (anything but `memory`).
       */
      crossReplicaLock?: boolean;
    };
    authorization?: {
      /**
       * How long a caller's "visible in the catalog and allowed to read the status" is remembered
       * per entity, in seconds, so that a card refreshing within that time costs no catalog and no
       * permission call. Only positive outcomes are kept: granted access shows at once, revoked
       * access stops within this time. 0 asks every time. Default 10.
       */
      cacheSeconds?: number;
    };
    /** Timeout of each cluster read, in milliseconds. Default 5000. */
    timeoutMs?: number;
    /**
     * What the service account may do, so that no request asks for more (manifests for each mode:
     * `deploy/rbac/` at the repository root).
     */
    rbac?: {
      /**
       * The cluster-wide mode: the service account has a ClusterRoleBinding
       * (`deploy/rbac/cluster-wide`), so a batch may LIST a kind across all namespaces at once and
       * live mode may watch each kind across all namespaces beyond `live.maxNamespacesPerCluster`.
       * Off (the default): every LIST and WATCH names its namespace, so a RoleBinding per dev
       * namespace is all it needs; past the limit, namespaces are read on each view.
       */
      clusterWide?: boolean;
    };
    /**
     * The readiness checklist, per item id (`argo-application`, `namespace-convention`, `env-var`,
     * `env-secret`, `self-heal-off`, `replicas-ignored`, `dev-service`, `dev-image`, `stignore`):
     * `enabled: false` (or `<id>: false`) switches an item off: it is not checked, not counted in
     * "N of M passed", and the answer lists it in `checklistOff`. An unknown id or setting is a
     * startup error.
     */
    checklist?: {
      'argo-application'?: boolean | { enabled?: boolean };
      'namespace-convention'?: boolean | { enabled?: boolean };
      'env-var'?:
        | boolean
        | {
            enabled?: boolean;
            /** The variable to look for. Default `conventions.envVar.name`; set with `value`. */
            name?: string;
            /** Its value. Default `conventions.envVar.value`. */
            value?: string;
          };
      'env-secret'?:
        | boolean
        | {
            enabled?: boolean;
            /**
             * The Secrets the workload's container must take (`envFrom.secretRef` or
             * `env[].valueFrom.secretKeyRef`), templates over `{app}`, `{application}` and
             * `{namespace}`. Default: `[conventions.envSecret]`. Whether they exist is read from
             * the pods (a started container proves it; one waiting in
             * CreateContainerConfigError names the missing one).
             */
            secrets?: string[];
            /**
             * Opt-in: also GET each of `secrets` by name, metadata only (needs `get` on those
             * Secrets: `deploy/rbac/secrets-opt-in`, limited with `resourceNames`). Default
             * false: okteto-dev reads no Secret.
             */
            readSecretMetadata?: boolean;
          };
      'self-heal-off'?: boolean | { enabled?: boolean };
      'replicas-ignored'?: boolean | { enabled?: boolean };
      'dev-service'?: boolean | { enabled?: boolean };
      'dev-image'?: boolean | { enabled?: boolean };
      stignore?:
        | boolean
        | {
            enabled?: boolean;
            /** What every `.stignore` must ignore. Default okteto-dev's recommended set. */
            entries?: string[];
          };
    };
    /**
     * Live mode: watches (list-then-watch) keep what the status reads in memory, so a view of a
     * watched entity costs no cluster read, and changes are pushed to the browser through
     * Backstage signals (`okteto-dev:status:<entityRef>`). An entity whose watch is forbidden or
     * keeps failing is read on each view (cached) as without live mode, and its answer says why.
     */
    live?: {
      /** Watch instead of reading on each view. Default true. */
      enabled?: boolean;
      /**
       * Up to this many dev namespaces per cluster are watched one by one (two watches each: the
       * workloads' kind and Pods; never Secrets); beyond it, the namespaces past the limit are read
       * on each view, or, in the cluster-wide mode (`rbac.clusterWide`), each kind is watched once
       * across all namespaces. Default 50.
       */
      maxNamespacesPerCluster?: number;
      /** Quiet time after a cluster change before the affected entities are derived and pushed, in milliseconds. Default 300. */
      debounceMs?: number;
      /** Every watched entity is derived again this often, in seconds (abandonment is a matter of time). Default 60. */
      resyncSeconds?: number;
      /** How often the annotated entities are read from the catalog to be watched, in seconds. Default 300. */
      catalogRefreshSeconds?: number;
      /** How long repository files (Okteto manifest, .stignore, package.json) are reused, in seconds. Default 300. */
      repositoryTtlSeconds?: number;
      /** The API server ends each watch after about this long (it is resumed at once), in seconds. Default 300. */
      watchTimeoutSeconds?: number;
    };
    notifications?: {
      /**
       * Notify an entity's owner (through Backstage notifications) once when its dev session
       * becomes conflicting, broken or abandoned. Needs the notifications backend. Default false.
       */
      enabled?: boolean;
      /**
       * How long a new state must hold before it counts, in seconds: `okteto up` looks like an
       * interrupted session for a moment, a dev pod waits for its volume for a moment. Default 30.
       */
      confirmSeconds?: number;
    };
  };
}
