import { ApiHolder, translationApiRef } from '@backstage/frontend-plugin-api';
import { scmAuthApiRef } from '@backstage/integration-react';
import {
  CustomFieldValidator,
  scaffolderApiRef,
} from '@backstage/plugin-scaffolder-react';
import { fillMessage } from '@okteto-dev/plugin-okteto-dev-common';
import { messages, oktetoDevTranslationRef } from '../../translation';

/**
 * Options of the `OktetoAppFolderPicker` field (`ui:options`).
 *
 * @public
 */
export type OktetoAppFolderPickerUiOptions = {
  /** The sibling field holding the repository (RepoUrlPicker value). Default `repository`. */
  repositoryField?: string;
};

/** The scaffolder autocomplete provider and resource of okteto-dev's backend module. */
export const APP_FOLDER_AUTOCOMPLETE = {
  provider: 'okteto-dev',
  resource: 'package',
} as const;

/**
 * What goes in `token` when the user holds no token for the repository's host (the autocomplete
 * route rejects an empty one). okteto-dev's handler reads the repository as the user whose token
 * it gets, so with this it answers only where `oktetoDev.scaffolder.allowIntegrationCredentials`
 * lets it read with the integration; otherwise it refuses, and the check blocks nothing (RepoUrlPicker's
 * `requestUserCredentials` signs the user in to the host before this field is checked).
 */
export const NO_USER_TOKEN = 'none';

/** `apps/x`, from `./apps/x/` and the like. */
export function normalizeAppDir(value: string): string {
  return value
    .trim()
    .replace(/^\.\//, '')
    .replace(/^\/+|\/+$/g, '');
}

/** The host of a RepoUrlPicker value (`github.com?owner=o&repo=r`) that names owner and repo. */
export function repositoryHost(repoUrl: string): string | undefined {
  const [host, query = ''] = repoUrl.split('?');
  const params = new URLSearchParams(query);
  return host &&
    params.get('repo') &&
    (params.get('owner') ||
      params.get('organization') ||
      params.get('workspace') ||
      params.get('project'))
    ? host
    : undefined;
}

/** The user's token for the host when they are signed in to it already; never a sign-in popup. */
async function userToken(apiHolder: ApiHolder, host: string): Promise<string> {
  const scmAuth = apiHolder.get(scmAuthApiRef);
  try {
    const credentials = await scmAuth?.getCredentials({
      url: `https://${host}`,
      optional: true,
    });
    return credentials?.token || NO_USER_TOKEN;
  } catch {
    return NO_USER_TOKEN;
  }
}

/** The form error in the reader's language (English until the translation has loaded). */
function noPackageJson(apiHolder: ApiHolder, appDir: string): string {
  const snapshot = apiHolder
    .get(translationApiRef)
    ?.getTranslation(oktetoDevTranslationRef);
  return snapshot?.ready
    ? snapshot.t('appFolder.noPackageJson', { appDir })
    : fillMessage(messages.appFolder.noPackageJson, { appDir });
}

/**
 * Checks, through the scaffolder's autocomplete of okteto-dev's backend module, that the app
 * folder exists in the repository of the sibling field and holds a package.json with a name. A
 * check that cannot run (no repository yet, the backend module missing, the repository
 * unreachable) blocks nothing: the folder's shape is the schema's pattern to judge.
 */
export const validateAppFolder: CustomFieldValidator<
  string,
  OktetoAppFolderPickerUiOptions
> = async (value, validation, context) => {
  const appDir = normalizeAppDir(value ?? '');
  const field =
    context.uiSchema?.['ui:options']?.repositoryField ?? 'repository';
  const repoUrl = context.formData?.[field];
  const host =
    typeof repoUrl === 'string' ? repositoryHost(repoUrl) : undefined;
  const scaffolderApi = context.apiHolder.get(scaffolderApiRef);
  if (!appDir || !host || !scaffolderApi?.autocomplete) return;

  let found: boolean;
  try {
    const { results } = await scaffolderApi.autocomplete({
      ...APP_FOLDER_AUTOCOMPLETE,
      token: await userToken(context.apiHolder, host),
      context: { repoUrl: repoUrl as string, appDir },
    });
    found = results.length > 0;
  } catch {
    return;
  }
  if (!found) {
    validation.addError(noPackageJson(context.apiHolder, appDir));
  }
};
