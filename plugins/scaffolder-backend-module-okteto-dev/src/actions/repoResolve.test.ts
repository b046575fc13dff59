import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { exampleSteps, runAction } from '../__testUtils__/runAction';
import { createOktetoRepoResolveAction } from './repoResolve';
import { examples } from './repoResolve.examples';

const config = new ConfigReader({
  integrations: {
    bitbucketServer: [
      {
        host: 'bb.example.com',
        apiBaseUrl: 'https://bb.example.com/rest/api/1.0',
      },
    ],
    bitbucketCloud: [{ username: 'u', appPassword: 'p' }],
    azure: [{ host: 'dev.azure.com' }],
    gitea: [{ host: 'gitea.example.com' }],
  },
  oktetoDev: {
    scaffolder: {
      allowedRepositories: [
        'github.com/NeoGrAIph/web-core',
        'gitlab.com/acme/**',
        'bb.example.com/PRJ/*',
        'bitbucket.org/ws/*',
        'dev.azure.com/org/proj/*',
        'gitea.example.com/acme/*',
      ],
      allowIntegrationCredentials: true,
    },
  },
});
const action = createOktetoRepoResolveAction({
  integrations: ScmIntegrations.fromConfig(config),
  config,
});

describe('okteto:repo:resolve', () => {
  const dir = createMockDirectory();
  const resolve = (input: Record<string, unknown>) =>
    runAction(action, input, dir.path);

  it('runs its examples with a token', async () => {
    const outputs = [];
    for (const [, input] of exampleSteps(examples, 'okteto:repo:resolve')) {
      outputs.push(await resolve({ ...input, token: 'user-token' }));
    }
    expect(outputs).toEqual([
      {
        type: 'github',
        host: 'github.com',
        repository: 'github.com/NeoGrAIph/web-core',
        pullRequestAction: 'publish:github:pull-request',
        asUser: true,
      },
      {
        type: 'gitlab',
        host: 'gitlab.com',
        repository: 'gitlab.com/acme/platform/web',
        pullRequestAction: 'publish:gitlab:merge-request',
        asUser: true,
      },
    ]);
  });

  it("names each Bitbucket's own action, read as the integration (its reader takes no user token)", async () => {
    await expect(
      resolve({ repoUrl: 'bb.example.com?project=PRJ&repo=mono', token: 't' }),
    ).resolves.toEqual({
      type: 'bitbucketServer',
      host: 'bb.example.com',
      repository: 'bb.example.com/PRJ/mono',
      pullRequestAction: 'publish:bitbucketServer:pull-request',
      asUser: false,
    });
    await expect(
      resolve({ repoUrl: 'bitbucket.org?workspace=ws&project=P&repo=mono' }),
    ).resolves.toMatchObject({
      type: 'bitbucketCloud',
      pullRequestAction: 'publish:bitbucketCloud:pull-request',
    });
  });

  it('refuses a host without a pull-request action, unless told it needs none', async () => {
    const azure = 'dev.azure.com?organization=org&project=proj&repo=mono';
    await expect(resolve({ repoUrl: azure, token: 't' })).rejects.toThrow(
      'dev.azure.com/org/proj/mono is on Azure DevOps, for which Backstage has no pull-request action: the okteto-dev templates cannot open the change there',
    );
    await expect(
      resolve({
        repoUrl: 'gitea.example.com?owner=acme&repo=mono',
        requirePullRequest: false,
      }),
    ).resolves.toEqual({
      type: 'gitea',
      host: 'gitea.example.com',
      repository: 'gitea.example.com/acme/mono',
      asUser: false,
    });
  });

  it('refuses a repository outside the allowed ones', async () => {
    await expect(
      resolve({ repoUrl: 'github.com?owner=NeoGrAIph&repo=other', token: 't' }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });
});
