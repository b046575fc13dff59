import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { readRepoAccessOptions, RepoFiles } from '../git/repoFiles';
import { GithubStandIn } from '../testing/githubStandIn';
import { GitlabStandIn } from '../testing/gitlabStandIn';
import { STAND_IN_TOKENS } from '../testing/standInRepo';

/**
 * Config data for the stand-ins: `integrations.github` (as `github.com`) and `integrations.gitlab`
 * (at the stand-in's own host, since GitLab file URLs carry the host), each with the integration's
 * token, and `oktetoDev.scaffolder`'s repository settings.
 */
export function gitHostsConfig(options: {
  github?: GithubStandIn;
  gitlab?: GitlabStandIn;
  allowedRepositories?: string[];
  allowIntegrationCredentials?: boolean;
  scaffolder?: Record<string, unknown>;
}): Record<string, any> {
  return {
    integrations: {
      ...(options.github
        ? {
            github: [
              {
                host: 'github.com',
                apiBaseUrl: options.github.apiBaseUrl,
                token: STAND_IN_TOKENS.integration,
              },
            ],
          }
        : {}),
      ...(options.gitlab
        ? {
            gitlab: [
              {
                host: options.gitlab.host,
                baseUrl: options.gitlab.url,
                apiBaseUrl: options.gitlab.apiBaseUrl,
                token: STAND_IN_TOKENS.integration,
              },
            ],
          }
        : {}),
    },
    oktetoDev: {
      scaffolder: {
        allowedRepositories: options.allowedRepositories ?? [],
        ...(options.allowIntegrationCredentials !== undefined
          ? { allowIntegrationCredentials: options.allowIntegrationCredentials }
          : {}),
        ...options.scaffolder,
      },
    },
  };
}

/** The real services an action is made with, from config data: Backstage's own UrlReaders. */
export function gitServices(data: Record<string, any>) {
  const config = new ConfigReader(data);
  const integrations = ScmIntegrations.fromConfig(config);
  const urlReader = UrlReaders.default({
    config,
    logger: mockServices.logger.mock(),
  });
  return {
    config,
    integrations,
    urlReader,
    files: new RepoFiles({
      urlReader,
      integrations,
      access: readRepoAccessOptions(config),
    }),
  };
}
