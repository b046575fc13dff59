import {
  ScmAuthApi,
  scmAuthApiRef,
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import {
  AnyApiFactory,
  configApiRef,
  createApiFactory,
} from '@backstage/core-plugin-api';

/**
 * The demo's stand-in for signing in to GitHub: the GitHub the demo talks to is the stand-in of
 * `npm start` (scripts/demo/demo.ts), which knows this token as the user `guest`. A real app uses
 * `ScmAuth.createDefaultApiFactory()` with the GitHub (GitLab, ...) auth providers configured, and
 * RepoUrlPicker's `requestUserCredentials` then asks the user to sign in to the host.
 */
export const DEMO_GITHUB_USER_TOKEN = 'demo-guest-github-token';

const demoScmAuth: ScmAuthApi = {
  async getCredentials() {
    return {
      token: DEMO_GITHUB_USER_TOKEN,
      headers: { Authorization: `Bearer ${DEMO_GITHUB_USER_TOKEN}` },
    };
  },
};

export const apis: AnyApiFactory[] = [
  createApiFactory({
    api: scmIntegrationsApiRef,
    deps: { configApi: configApiRef },
    factory: ({ configApi }) => ScmIntegrationsApi.fromConfig(configApi),
  }),
  createApiFactory({
    api: scmAuthApiRef,
    deps: {},
    factory: () => demoScmAuth,
  }),
];
