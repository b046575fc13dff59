import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Check a GitHub repository and the user's token, then open the change with the host's own action",
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:repo:resolve',
          id: 'repo',
          name: 'Check the repository',
          input: {
            repoUrl: 'github.com?owner=NeoGrAIph&repo=web-core',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'A GitLab project in a subgroup: outputs type gitlab and publish:gitlab:merge-request',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:repo:resolve',
          id: 'repo',
          name: 'Check the repository',
          input: {
            repoUrl: 'gitlab.com?owner=acme/platform&repo=web',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
          },
        },
      ],
    }),
  },
];
