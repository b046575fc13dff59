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
       * New dev values files set the chart's Ingress from the server URL, as web-core's do:
       * `ingress.hosts[0]` with the URL's host and path `/` (web-core's chart `web-app` turns its
       * Ingress on with no hosts, an Ingress the API server refuses: "either `defaultBackend` or
       * `rules` must be specified"), or `ingress.enabled: false` without a URL. Default true; false
       * for a chart whose values have no such `ingress`.
       */
      ingressFromServerUrl?: boolean;
      /**
       * Command of new dev entries, a template over `{package}` (the app folder's package name),
       * `{appDir}` and `{app}`. Default web-core's `sh -lc '...; pnpm --filter {package} dev'`.
       */
      devCommand?: string;
      /**
       * The repositories the okteto-dev actions (`okteto:repo:resolve`, `okteto:repo-files:fetch`,
       * the `okteto-dev` autocomplete) may read, and so the templates may open pull requests in:
       * globs over `host/path` — `github.com/NeoGrAIph/web-core`, `github.com/acme/*`,
       * `gitlab.example.com/platform/**` (`*` within one path segment, `**` across GitLab
       * subgroups), matched without regard to case. Bitbucket Server paths are `host/PROJECT/repo`,
       * Bitbucket Cloud `bitbucket.org/workspace/repo`, Azure DevOps `host/org/project/repo`.
       * Enforced on the server for every run, dry run and autocomplete request, whatever the form
       * sent. Default: none, so nothing is read or changed until this is set.
       */
      allowedRepositories?: string[];
      /**
       * Read repositories with the integration's credentials when no user token can be used: the
       * run carries none (a task started through the API without secrets, a user not signed in
       * to the host), or the host's Backstage reader takes none (Bitbucket, Azure DevOps, Gitea).
       * Still only `allowedRepositories`. Default false: such reads are refused, and the
       * template stops at its first step. Backstage's own `scaffolder.requireScmUserCredentials:
       * true` wins over this for GitHub and GitLab.
       */
      allowIntegrationCredentials?: boolean;
    };
  };
}
