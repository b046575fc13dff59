export interface Config {
  /** Configuration of okteto-dev. All keys are optional. */
  oktetoDev?: {
    /**
     * What an entity may aim okteto-dev at. Read by `readDevTargetPolicy`; the backend checks every
     * entity's target against it before any cluster read, and refuses anything else with a status
     * naming the value, the annotation and what is allowed.
     */
    targets?: {
      /**
       * Let `backstage.io/kubernetes-namespace`, `argocd/app-name`, `argocd/app-namespace` and
       * `argocd/instance-name` stand in for okteto-dev's own annotations. Default false: in catalogs
       * set up for Backstage's Kubernetes plugin and an Argo CD card they name production.
       */
      reuseForeignAnnotations?: boolean;
      /**
       * Targets allowed besides the naming templates' own, per cluster. Globs: `*` any run of
       * characters but `/`, `?` one. Default: none.
       */
      allow?: Array<{
        /** Configured cluster name (glob). Default `*`. */
        cluster?: string;
        /** Namespaces of dev workloads, e.g. `web-*-dev`. Default none. */
        namespaces?: string[];
        /** Argo CD Applications as `<namespace>/<name>`, e.g. `argo/web-*-dev`. Default none. */
        applications?: string[];
        /** Workload names. Default `*` (any workload in an allowed namespace). */
        workloads?: string[];
      }>;
    };
    /**
     * Naming conventions of the monorepo; every string is a template over `{app}`, `{application}`,
     * `{namespace}`. Read once by `readDevConventions` and used by the backend, search and the
     * scaffolder actions alike. Defaults follow NeoGrAIph/web-core.
     */
    conventions?: {
      /**
       * Cluster of entities that name none. Default: none — with one configured cluster that one;
       * with several, entities must name theirs with `okteto-dev/cluster`.
       */
      cluster?: string;
      /** Default `web-{app}-dev`. */
      namespace?: string;
      /** Default `web-{app}-dev`. */
      applicationName?: string;
      /** Namespace of the Argo CD Applications. Default `argo`. */
      applicationNamespace?: string;
      /** Cluster whose API holds the Argo CD Applications (hub and spoke). Default: the workload's cluster. */
      applicationCluster?: string;
      /** Default `{application}-web-app`. */
      workload?: string;
      /**
       * Kind of the dev workload: `Deployment` or `StatefulSet` (an entity's
       * `okteto-dev/workload-kind` annotation wins). Default `Deployment`.
       */
      workloadKind?: 'Deployment' | 'StatefulSet';
      /** Default `app`. */
      container?: string;
      /** Labels selecting the workload, written into new dev entries. Default `{app.kubernetes.io/name: web-app, app.kubernetes.io/instance: '{application}'}`. */
      selector?: { [label: string]: string };
      /** Default `web-{app}-dev`. */
      devService?: string;
      /** pnpm package when neither an annotation nor the app folder's package.json names it. Default `{app}`. */
      package?: string;
      /** App folder when neither an annotation, the dev entry nor the source location gives it. Default `apps/{app}`. */
      appDir?: string;
      /** Default `.okteto/okteto.yml`. */
      manifestPath?: string;
      /** Env var holding the app's public URL. Default `NEXT_PUBLIC_SERVER_URL`. */
      serverUrlEnv?: string;
      /** Default `{ name: SYNESTRA_ENV, value: dev }`. */
      envVar?: { name?: string; value?: string };
      /** Secret the workload reads with envFrom. Default `{application}-env`. */
      envSecret?: string;
      /** The dev Application file in the repository. Default `deploy/argocd/apps/dev/{app}.yaml`. */
      applicationPath?: string;
      /** The dev env values file in the repository. Default `deploy/env/dev/{app}.yaml`. */
      valuesPath?: string;
      /** Argo CD project. Default `synestra-web`. */
      project?: string;
      /** Default `main`. */
      targetRevision?: string;
      /** Default `deploy/charts/web-app`. */
      chartPath?: string;
      /** Default `['../../env/release-dev/{app}.yaml', '../../env/dev/{app}.yaml']`. */
      valueFiles?: string[];
      /** Default `https://kubernetes.default.svc`. */
      destinationServer?: string;
    };
  };
}
