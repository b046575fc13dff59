import { Config } from '@backstage/config';
import {
  DEFAULT_STIGNORE_ENTRIES,
  DevConventions,
  mergeConventions,
} from '@okteto-dev/plugin-okteto-dev-common';
import { readDevConventions } from '@okteto-dev/plugin-okteto-dev-node';

/**
 * The command of a new dev entry when the input sets none: web-core's, ending in the runbook §4
 * `pnpm --filter <package> dev` (`PORT=3000` keeps the existing Service working). `{package}` is the
 * app's package, `{appDir}` its folder, `{app}` the app key.
 *
 * @public
 */
export const DEFAULT_DEV_COMMAND =
  "sh -lc 'export CI=1 NODE_ENV=development PORT=3000 COREPACK_ENABLE_DOWNLOAD_PROMPT=0 PNPM_STORE_DIR=/tmp/.pnpm-store; " +
  'corepack enable >/dev/null 2>&1 || true; if [ ! -x node_modules/.bin/next ]; then pnpm install --frozen-lockfile; fi; ' +
  "pnpm --filter {package} dev'";

/**
 * What the okteto-dev scaffolder actions are made from: the monorepo's naming conventions
 * (`oktetoDev.conventions`, read by `readDevConventions` of `@okteto-dev/plugin-okteto-dev-node`,
 * the same reader the card and search use) and the few choices only the scaffolder makes
 * (`oktetoDev.scaffolder`).
 *
 * @public
 */
export interface OktetoDevScaffolderOptions {
  /** Names and paths: namespace, Application, workload, selector, manifest, values, ... */
  conventions: DevConventions;
  /** Dev image of new dev services; none means the workload's own image. */
  devImage?: string;
  /** Port forwards of new dev services. */
  forward: string[];
  /** `.stignore` patterns that `okteto:stignore:ensure` adds. */
  stignoreEntries: string[];
  /** Git URL the dev Applications deploy from; none means the action's `repoUrl`/`repoURL`. */
  repoURL?: string;
  /** `syncPolicy.syncOptions` of new dev Applications, besides `RespectIgnoreDifferences=true`. */
  syncOptions: string[];
  /** `syncPolicy.automated.prune` of new dev Applications. */
  prune: boolean;
  /** The app's public URL, a template over `{app}`, `{application}`, `{namespace}`; no default. */
  serverUrl?: string;
  /**
   * Whether new dev values files set the chart's Ingress from the server URL (its host as
   * `ingress.hosts[0]`, or `ingress.enabled: false` without a URL), as web-core's dev values do.
   */
  ingressFromServerUrl: boolean;
  /** Command of new dev entries, a template over `{package}`, `{appDir}`, `{app}`. */
  devCommand: string;
}

/**
 * Reads {@link OktetoDevScaffolderOptions}: `oktetoDev.conventions` over the web-core conventions
 * and `oktetoDev.scaffolder` over its defaults. Without config, the web-core defaults.
 *
 * @public
 */
export function readOktetoDevScaffolderOptions(
  config?: Config,
): OktetoDevScaffolderOptions {
  const c = config?.getOptionalConfig('oktetoDev.scaffolder');
  return {
    conventions: config ? readDevConventions(config) : mergeConventions(),
    devImage: c?.getOptionalString('devImage'),
    forward: c?.getOptionalStringArray('forward') ?? ['3000:3000'],
    stignoreEntries: c?.getOptionalStringArray('stignoreEntries') ?? [
      ...DEFAULT_STIGNORE_ENTRIES,
    ],
    repoURL: c?.getOptionalString('repoURL'),
    syncOptions: c?.getOptionalStringArray('syncOptions') ?? [],
    prune: c?.getOptionalBoolean('prune') ?? true,
    serverUrl: c?.getOptionalString('serverUrl'),
    ingressFromServerUrl: c?.getOptionalBoolean('ingressFromServerUrl') ?? true,
    devCommand: c?.getOptionalString('devCommand') ?? DEFAULT_DEV_COMMAND,
  };
}
