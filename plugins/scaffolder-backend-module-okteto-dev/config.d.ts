export interface Config {
  oktetoDev?: {
    /**
     * What only the okteto-dev scaffolder actions choose. The names and paths they write (namespace,
     * Application, workload, selector, container, dev service, manifest, env var, Secret, files,
     * project, chart, ...) are `oktetoDev.conventions`, the settings the card and search read too.
     */
    scaffolder?: {
      /** Dev image of new dev services. Default: none (the workload's image). */
      devImage?: string;
      /** Port forwards of new dev services. Default `['3000:3000']`. */
      forward?: string[];
      /** `.stignore` patterns to ensure. Default: the runbook §6.1 set (`**\/node_modules/`, ...). */
      stignoreEntries?: string[];
      /** Git URL the dev Applications deploy from. Default: none (the action's `repoUrl`). */
      repoURL?: string;
      /**
       * `syncPolicy.syncOptions` of new dev Applications. Default none (the web-core canon drops
       * `CreateNamespace=true`). `RespectIgnoreDifferences=true` is always added.
       */
      syncOptions?: string[];
      /** `syncPolicy.automated.prune` of new dev Applications. Default true. */
      prune?: boolean;
      /**
       * The app's public URL (written as `oktetoDev.conventions.serverUrlEnv`), a template over
       * `{app}`, `{application}`, `{namespace}`. Default: none (the action input).
       */
      serverUrl?: string;
      /**
       * Command of new dev entries, a template over `{package}` (the app folder's package name),
       * `{appDir}` and `{app}`. Default web-core's `sh -lc '...; pnpm --filter {package} dev'`.
       */
      devCommand?: string;
    };
  };
}
