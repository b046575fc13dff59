export interface Config {
  /** Configuration of the okteto-dev backend. All keys are optional. */
  oktetoDev?: {
    /**
     * Clusters to read from, shaped like the Kubernetes plugin's cluster entries
     * (`kubernetes.clusterLocatorMethods[].clusters[]`). When none are configured, okteto-dev
     * reuses the clusters of Backstage's Kubernetes plugin (`kubernetes.clusterLocatorMethods`:
     * `config`, `catalog`, `localKubectlProxy`, `gke`) with the same auth strategies. Never the
     * default kubeconfig: that takes a cluster with `authProvider: kubeconfig` or `inCluster`.
     */
    clusters?: Array<{
      /** Name that entities use in `okteto-dev/cluster`. */
      name: string;
      /** A human-readable name. */
      title?: string;
      /** API server URL. */
      url?: string;
      /**
       * How to authenticate: `serviceAccount` (default when a url is set), `aws`, `azure`,
       * `googleServiceAccount`, `localKubectlProxy` (Backstage's strategies), `kubeconfig`,
       * `inCluster`, or a key a module added. `oidc`, `google` and `aks` need each viewer's own
       * token and are refused, with the reason in the cluster's status.
       */
      authProvider?: string;
      /** @visibility secret */
      serviceAccountToken?: string;
      /** For `aws`: the role to assume. */
      assumeRole?: string;
      /** For `aws`: the external id of the role. */
      externalId?: string;
      /** For `oidc` (refused: it needs the viewer's token). */
      oidcTokenProvider?: string;
      /**
       * What the auth strategy reads, as the Kubernetes plugin's `authMetadata`
       * (`kubernetes.io/aws-assume-role`, `kubernetes.io/x-k8s-aws-id`, …).
       * @visibility secret
       */
      authMetadata?: { [key: string]: string };
      /** Base64 PEM of the API server's CA. @visibility secret */
      caData?: string;
      /** Path to the API server's CA. */
      caFile?: string;
      /** Do not verify the API server's certificate. Default false. Never use in production. */
      skipTLSVerify?: boolean;
      /**
       * Allow a plain `http://` url: the credential and every answer travel unencrypted. Default
       * false: an `http://` cluster without it is refused (its status says so) and nothing is sent
       * to it. The same key is read on a `kubernetes.clusterLocatorMethods` cluster entry and on a
       * `localKubectlProxy` locator entry.
       */
      dangerouslyAllowPlainHttp?: boolean;
      /** With `authProvider: kubeconfig`: the file to load instead of `KUBECONFIG` / `~/.kube/config`. */
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
       * Argo CD instances, for several instances, hub and spoke, or an Argo CD that Backstage
       * reaches only through its API: an entity names one with the `okteto-dev/argocd-instance`
       * annotation (else `defaultInstance`). An instance with a `url` is read through Argo CD's
       * API with its token, under the token's own Argo CD RBAC; one with only a `cluster`, from
       * that cluster's Kubernetes API. An entry with neither takes the url and credentials of the
       * `argocd.appLocatorMethods` instance of its name.
       */
      instances?: Array<{
        name: string;
        /**
         * Without `url`: the cluster (from `clusters`) whose Kubernetes API holds this instance's
         * Applications. With `url`: the cluster Argo CD runs in (what its Applications'
         * `https://kubernetes.default.svc` is, for the target guard); any name stands for a
         * cluster Backstage does not read. Default: the workload's cluster.
         */
        cluster?: string;
        /** Namespace of its Applications. Default: `conventions.applicationNamespace`. */
        namespace?: string;
        /** Its UI. Default: `url`. */
        baseUrl?: string;
        /**
         * Argo CD's server (`https://argocd.example.com`): the Applications are read through its
         * API (`/api/v1/applications`, and in live mode `/api/v1/stream/applications`).
         */
        url?: string;
        /**
         * An Argo CD API token (`argocd account generate-token`), sent as `Authorization: Bearer`;
         * it never leaves the backend. The account needs `applications, get` on the dev
         * Applications' project.
         * @visibility secret
         */
        token?: string;
        /**
         * Without a token: a local account whose session (`POST /api/v1/session`) is used.
         * @visibility secret
         */
        username?: string;
        /** @visibility secret */
        password?: string;
        /**
         * Allow a plain `http://` url: the token and every answer travel unencrypted. Default
         * false: such an instance is refused and nothing is sent to it.
         */
        dangerouslyAllowPlainHttp?: boolean;
        /** Base64 PEM of the server's CA. @visibility secret */
        caData?: string;
        /** Path to the server's CA. */
        caFile?: string;
        /** Do not verify the server's certificate. Default false. Never use in production. */
        skipTLSVerify?: boolean;
      }>;
      /**
       * The instance of entities that name none. Default: when exactly one instance is configured
       * (okteto-dev's or `argocd.appLocatorMethods`'), it is read through the API and
       * `conventions.applicationCluster` is not set, that instance; else none (Applications are
       * read through the Kubernetes API of the workload's cluster or `applicationCluster`).
       */
      defaultInstance?: string;
      /**
       * Read the instances of `argocd.appLocatorMethods` (type `config`), the configuration of
       * Roadie's and the community Argo CD plugins. Default true.
       */
      reuseAppLocatorMethods?: boolean;
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
       * access stops within this time. 0 asks every time. Default 10. A caller's
       * `okteto-dev.clusters.read` (whether errors may name clusters and identities) is
       * remembered as long, either way, and only asked when an answer has something to hide.
       */
      cacheSeconds?: number;
    };
    /** Timeout of each cluster read, in milliseconds. Default 5000. */
    timeoutMs?: number;
    /**
     * How often the catalog's entities with `okteto-dev/app` are read (with the plugin's own
     * credentials), in seconds: who claims which dev target (a target claimed by two entities is
     * answered to neither, and notifies nobody), and which entities live mode watches. Entities
     * being viewed count at once besides. Default 60.
     */
    catalogRefreshSeconds?: number;
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
     * Backstage signals, on an opaque channel per entity that its status hands out
     * (`live.channel`). An entity whose watch is forbidden or keeps failing is read on each view
     * (cached) as without live mode, and its answer says why.
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
      /** @deprecated Use `oktetoDev.catalogRefreshSeconds`; read when that is not set. */
      catalogRefreshSeconds?: number;
      /**
       * The secret of the signal channels: an entity's channel is an HMAC of its ref under it, so
       * only the backend can tell an entity's channel. At least 16 characters; every replica must
       * have the same. Default: a random secret kept in the plugin's database (shared by every
       * replica on it). Changing it ends every channel handed out before.
       * @visibility secret
       */
      channelSecret?: string;
      /**
       * How often the signal channels rotate, in minutes (at least 1). A change is published on
       * the current and the previous channel, and cards fetch their next channel after each
       * rotation, so a caller who lost the right to read a status stops hearing of its changes
       * within two rotations. Default 60.
       */
      channelRotationMinutes?: number;
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

  /**
   * The configuration of Roadie's and the community Argo CD plugins, as okteto-dev reads it (only
   * what it reads is declared here; those plugins declare the rest): instances of locator methods
   * of type `config` are read through Argo CD's API (see `oktetoDev.argocd`).
   */
  argocd?: {
    /**
     * Used when an instance has neither token nor username.
     * @visibility secret
     */
    username?: string;
    /** @visibility secret */
    password?: string;
    appLocatorMethods?: Array<{
      /** `config`: the instances below. */
      type: string;
      instances?: Array<{
        name: string;
        /** Argo CD's server. */
        url: string;
        /** @visibility secret */
        token?: string;
        /** @visibility secret */
        username?: string;
        /** @visibility secret */
        password?: string;
        /** okteto-dev only: allow a plain `http://` url (the token travels unencrypted). Default false. */
        dangerouslyAllowPlainHttp?: boolean;
        /** okteto-dev only: base64 PEM of the server's CA. @visibility secret */
        caData?: string;
        /** okteto-dev only: path to the server's CA. */
        caFile?: string;
        /** okteto-dev only: do not verify the server's certificate. */
        skipTLSVerify?: boolean;
      }>;
    }>;
  };
}
