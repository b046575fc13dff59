import { ScmAuthApi, scmAuthApiRef } from '@backstage/integration-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { scaffolderApiMock } from '@backstage/plugin-scaffolder-react/testUtils';
import { mockApis, TestApiRegistry } from '@backstage/test-utils';
import { translationApiRef } from '@backstage/frontend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  normalizeAppDir,
  NO_USER_TOKEN,
  repositoryHost,
  validateAppFolder,
} from './validation';

const REPOSITORY = 'github.com?owner=NeoGrAIph&repo=web-core';

/** A scaffolder API whose autocomplete knows `packages`: folder -> package name. */
function scaffolderWith(packages: Record<string, string>) {
  return scaffolderApiMock.mock({
    autocomplete: async ({ context }) => ({
      results: packages[context.appDir]
        ? [{ id: packages[context.appDir] }]
        : [],
    }),
  });
}

async function validate(
  value: string,
  options: {
    apis: TestApiRegistry;
    formData?: JsonObject;
    repositoryField?: string;
  },
) {
  const validation = createFieldValidation();
  await validateAppFolder(value, validation, {
    apiHolder: options.apis,
    formData: options.formData ?? { repository: REPOSITORY, appDir: value },
    schema: {},
    uiSchema: options.repositoryField
      ? { 'ui:options': { repositoryField: options.repositoryField } }
      : {},
  });
  return validation.__errors ?? [];
}

describe('validateAppFolder', () => {
  it('passes a folder that holds a package.json, asking the okteto-dev autocomplete', async () => {
    const scaffolder = scaffolderWith({
      'apps/corporate-website': '@synestra/corporate-website',
    });
    const apis = TestApiRegistry.from([scaffolderApiRef, scaffolder]);

    expect(await validate('./apps/corporate-website/', { apis })).toEqual([]);
    expect(scaffolder.autocomplete).toHaveBeenCalledWith({
      provider: 'okteto-dev',
      resource: 'package',
      token: NO_USER_TOKEN,
      context: { repoUrl: REPOSITORY, appDir: 'apps/corporate-website' },
    });
  });

  it('says which folder has no package.json', async () => {
    const apis = TestApiRegistry.from([scaffolderApiRef, scaffolderWith({})]);

    expect(await validate('apps/x', { apis })).toEqual([
      'apps/x has no package.json',
    ]);
  });

  it('words the error with the translation API when the app has one', async () => {
    const apis = TestApiRegistry.from(
      [scaffolderApiRef, scaffolderWith({})],
      [translationApiRef, mockApis.translation()],
    );

    expect(await validate('apps/x', { apis })).toEqual([
      'apps/x has no package.json',
    ]);
  });

  it('sends the token of a user already signed in to the host, never asking for one', async () => {
    const scaffolder = scaffolderWith({ 'apps/a': 'a' });
    const requests: Array<{ url: string; optional?: boolean }> = [];
    const scmAuth: ScmAuthApi = {
      getCredentials: async options => {
        requests.push(options);
        return { token: 'gho_user', headers: {} };
      },
    };
    const apis = TestApiRegistry.from(
      [scaffolderApiRef, scaffolder],
      [scmAuthApiRef, scmAuth],
    );

    await validate('apps/a', { apis });
    expect(requests).toEqual([{ url: 'https://github.com', optional: true }]);
    expect(scaffolder.autocomplete).toHaveBeenCalledWith(
      expect.objectContaining({ token: 'gho_user' }),
    );
  });

  it('reads the repository from the field named in ui:options', async () => {
    const scaffolder = scaffolderWith({ 'apps/a': 'a' });
    const apis = TestApiRegistry.from([scaffolderApiRef, scaffolder]);

    await validate('apps/a', {
      apis,
      formData: { repoUrl: 'gitlab.com?owner=g&repo=r' },
      repositoryField: 'repoUrl',
    });
    expect(scaffolder.autocomplete).toHaveBeenCalledWith(
      expect.objectContaining({
        context: { repoUrl: 'gitlab.com?owner=g&repo=r', appDir: 'apps/a' },
      }),
    );
  });

  it('blocks nothing when the check cannot run', async () => {
    const failing = scaffolderApiMock.mock({
      autocomplete: async () => {
        throw new Error('Unsupported provider: okteto-dev');
      },
    });
    const unchecked = scaffolderWith({});

    expect(
      await validate('apps/x', {
        apis: TestApiRegistry.from([scaffolderApiRef, failing]),
      }),
    ).toEqual([]);
    // no repository chosen yet, or no folder typed: nothing to ask
    const apis = TestApiRegistry.from([scaffolderApiRef, unchecked]);
    expect(await validate('apps/x', { apis, formData: {} })).toEqual([]);
    expect(await validate('  ', { apis })).toEqual([]);
    expect(unchecked.autocomplete).not.toHaveBeenCalled();
  });
});

describe('helpers', () => {
  it('normalizes the folder and reads the repository host', () => {
    expect(normalizeAppDir(' ./apps/shop/ ')).toBe('apps/shop');
    expect(repositoryHost(REPOSITORY)).toBe('github.com');
    expect(repositoryHost('github.com?owner=o')).toBeUndefined();
    expect(repositoryHost('')).toBeUndefined();
  });
});
