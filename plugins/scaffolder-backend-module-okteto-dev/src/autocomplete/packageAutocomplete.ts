import { InputError } from '@backstage/errors';
import { RepoFiles } from '../git/repoFiles';
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
 * package.json does not exist or holds no valid name. It answers only what the caller could read:
 * the request's `token` (the user's token for the host, which the form sends) is what reads the
 * repository, through the backend's `UrlReader`; the repository must be one of
 * `oktetoDev.scaffolder.allowedRepositories`; without a usable token the request is refused
 * (403) unless `oktetoDev.scaffolder.allowIntegrationCredentials` is true. It reads that one file
 * (and the default branch) and nothing else: the folder must be a relative path without `..`, and
 * only the package name comes back.
 */
export function createOktetoDevAutocompleteHandler(options: {
  files: RepoFiles;
}) {
  const { files } = options;
  return async function handleAutocomplete(request: {
    resource: string;
    token: string;
    context: Record<string, string>;
  }): Promise<AutocompleteResults> {
    const { resource, context, token } = request;
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
    const repository = await files.open(repoUrl, { token });
    const content = await files.read(repository, packageJsonPath(appDir));
    const name =
      content === undefined
        ? undefined
        : packageNameOf(content.toString('utf8'));
    return { results: name ? [{ id: name, title: name }] : [] };
  };
}
