import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { hostName } from '../git/gitIdentity';
import { authorizeRepository, readRepoAccessOptions } from '../git/repoFiles';
import { GitHostType } from '../git/repoLocation';
import { examples } from './repoResolve.examples';
import { repoUrlInput, userTokenInput } from './repoInputProperties';
import { Zod } from './zod';

/**
 * The scaffolder action that opens a pull (merge) request on each host, from the host's own
 * Backstage module; Azure DevOps and Gitea have none (`publish:azure` and `publish:gitea` create
 * repositories).
 *
 * @public
 */
export const PULL_REQUEST_ACTIONS: Readonly<
  Partial<Record<GitHostType, string>>
> = {
  github: 'publish:github:pull-request',
  gitlab: 'publish:gitlab:merge-request',
  bitbucketCloud: 'publish:bitbucketCloud:pull-request',
  bitbucketServer: 'publish:bitbucketServer:pull-request',
};

/**
 * Creates the `okteto:repo:resolve` action, the first step of the okteto-dev templates: checks,
 * before anything is read or written, that the repository is one of
 * `oktetoDev.scaffolder.allowedRepositories` and that the run has the identity it needs (the
 * user's token, or the integration where `oktetoDev.scaffolder.allowIntegrationCredentials`
 * allows it), and outputs the integration `type` of the repository's host
 * (`ScmIntegrations.byHost`), so that the template runs that host's own pull-request step
 * (`if: ${{ steps.repo.output.type == 'gitlab' }}`), and the name of that action.
 *
 * @public
 */
export function createOktetoRepoResolveAction(options: {
  integrations: ScmIntegrationRegistry;
  config?: Config;
}) {
  const { integrations } = options;
  const access = readRepoAccessOptions(options.config);
  return createTemplateAction({
    id: 'okteto:repo:resolve',
    description:
      "Checks that a repository is allowed (oktetoDev.scaffolder.allowedRepositories) and readable as the user, and outputs its host's integration type and pull-request action",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: repoUrlInput,
        token: userTokenInput(),
        requirePullRequest: (z: Zod) =>
          z
            .boolean({
              description:
                'Fail for a host without a pull-request action (Azure DevOps, Gitea). Default true',
            })
            .optional(),
      },
      output: {
        type: (z: Zod) =>
          z.string({
            description:
              'Integration type: github, gitlab, bitbucketCloud, bitbucketServer, azure, gitea',
          }),
        host: (z: Zod) => z.string({ description: 'The host' }),
        repository: (z: Zod) =>
          z.string({
            description:
              'host/path of the repository, as allowedRepositories matches it',
          }),
        pullRequestAction: (z: Zod) =>
          z
            .string({
              description:
                "The host's pull-request action, e.g. publish:gitlab:merge-request",
            })
            .optional(),
        asUser: (z: Zod) =>
          z.boolean({
            description:
              "Whether reads use the user's token (false: the integration's credentials)",
          }),
      },
    },
    async handler(ctx) {
      const { location, identity } = authorizeRepository(
        ctx.input.repoUrl,
        ctx.input.token,
        integrations,
        access,
      );
      const pullRequestAction = PULL_REQUEST_ACTIONS[location.type];
      if (!pullRequestAction && ctx.input.requirePullRequest !== false) {
        throw new InputError(
          `${location.repository} is on ${hostName(
            location.type,
          )}, for which Backstage has no pull-request action: the okteto-dev templates cannot open the change there`,
        );
      }
      ctx.logger.info(
        `${location.repository}: ${location.type}${
          pullRequestAction ? `, ${pullRequestAction}` : ''
        }, read as ${
          identity.kind === 'user' ? 'the user' : 'the integration'
        }`,
      );
      ctx.output('type', location.type);
      ctx.output('host', location.host);
      ctx.output('repository', location.repository);
      if (pullRequestAction) ctx.output('pullRequestAction', pullRequestAction);
      ctx.output('asUser', identity.kind === 'user');
    },
  });
}
