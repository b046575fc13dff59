import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { GithubRepoFiles } from '../github/githubRepoFiles';
import { packageJsonPath, packageNameOf } from '../actions/packageJson';
import { normalizeRepoFolder } from '../actions/validation';

/**
 * The id the okteto-dev autocomplete provider is registered under: the form calls
 * `POST /api/scaffolder/v2/autocomplete/okteto-dev/<resource>`.
 *
 * @public
 */
export const OKTETO_DEV_AUTOCOMPLETE_PROVIDER = 'okteto-dev';

/** The answer of an autocomplete handler. */
export interface AutocompleteResults {
  results: Array<{ id: string; title?: string }>;
}

/**
 * The okteto-dev autocomplete handler. Resource `package`, context `{ repoUrl, appDir }` (repoUrl
 * in RepoUrlPicker form): the `name` of `<appDir>/package.json` on the repository's default branch,
 * as `{ results: [{ id: name, title: name }] }`; `{ results: [] }` when the folder or its
 * package.json does not exist or holds no valid name. It reads that one file and nothing else,
 * with the integration's credentials (the access `okteto:repo-files:fetch` uses): the folder must
 * be a relative path without `..`, and only the package name comes back.
 */
export function createOktetoDevAutocompleteHandler(options: {
  github: GithubRepoFiles;
  logger: LoggerService;
}) {
  const { github, logger } = options;
  return async function handleAutocomplete(request: {
    resource: string;
    token: string;
    context: Record<string, string>;
  }): Promise<AutocompleteResults> {
    const { resource, context } = request;
    if (resource !== 'package') {
      throw new InputError(
        `Invalid resource '${resource}' of the ${OKTETO_DEV_AUTOCOMPLETE_PROVIDER} autocomplete provider; it has 'package'`,
      );
    }
    const repoUrl = context?.repoUrl;
    if (typeof repoUrl !== 'string' || !repoUrl) {
      throw new InputError(
        "Missing context 'repoUrl' (github.com?owner=o&repo=r)",
      );
    }
    if (typeof context.appDir !== 'string') {
      throw new InputError("Missing context 'appDir' (like apps/shop)");
    }
    const appDir = normalizeRepoFolder('appDir', context.appDir);
    const location = await github.locate(repoUrl, undefined, logger);
    const content = await github.read(location, packageJsonPath(appDir));
    const name =
      content === undefined
        ? undefined
        : packageNameOf(content.toString('utf8'));
    return { results: name ? [{ id: name, title: name }] : [] };
  };
}
