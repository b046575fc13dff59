export interface Config {
  oktetoDev?: {
    /** Defaults of the okteto-dev scaffolder actions. `{app}` and `{application}` are filled in. */
    scaffolder?: {
      /** Okteto manifest path from the repository root. Default `.okteto/okteto.yml`. */
      manifestPath?: string;
      /** Dev image of new dev services. Default: none (the workload's image). */
      devImage?: string;
      /** Port forwards of new dev services. Default `['3000:3000']`. */
      forward?: string[];
      /** `.stignore` patterns to ensure. Default: the runbook §6.1 set (`**\/node_modules/`, ...). */
      stignoreEntries?: string[];
      /** Dev Argo CD Application name. Default `web-{app}-dev`. */
      applicationName?: string;
      /** Namespace of the Argo CD Applications. Default `argo`. */
      argocdNamespace?: string;
      /** Argo CD project. Default `synestra-web`. */
      project?: string;
      /** Git URL the Application deploys from. Default: none (the action input is required). */
      repoURL?: string;
      /** Default `main`. */
      targetRevision?: string;
      /** Chart folder. Default `deploy/charts/web-app`. */
      chartPath?: string;
      /** Helm value files. Default `['../../env/release-dev/{app}.yaml', '../../env/dev/{app}.yaml']`. */
      valueFiles?: string[];
      /** Default `https://kubernetes.default.svc`. */
      destinationServer?: string;
      /** Workload namespace. Default `{application}`. */
      namespace?: string;
      /** Secret read with `envFrom`. Default `{application}-env`. */
      envSecretName?: string;
      /** `NEXT_PUBLIC_SERVER_URL` template. Default: none (the action input). */
      serverUrl?: string;
      /** Where the Application is written. Default `deploy/argocd/apps/dev/{app}.yaml`. */
      applicationPath?: string;
      /** Where the values file is written. Default `deploy/env/dev/{app}.yaml`. */
      valuesPath?: string;
      /** `syncPolicy.syncOptions`. Default none (the web-core canon drops `CreateNamespace=true`). */
      syncOptions?: string[];
      /** `syncPolicy.automated.prune`. Default true. */
      prune?: boolean;
      /** The env var that marks the dev environment. Default `SYNESTRA_ENV=dev`. */
      envVar?: {
        name?: string;
        value?: string;
      };
    };
  };
}
