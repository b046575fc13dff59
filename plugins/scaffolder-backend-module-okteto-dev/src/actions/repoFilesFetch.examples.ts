import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Fetch the current Okteto manifest, .stignore and dev deploy files of an app before editing them',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:repo-files:fetch',
          id: 'fetch',
          name: 'Fetch current files',
          input: {
            repoUrl: 'github.com?owner=NeoGrAIph&repo=web-core',
            paths: [
              '.okteto/okteto.yml',
              '.stignore',
              'deploy/argocd/apps/dev/corporate.yaml',
              'deploy/env/dev/corporate.yaml',
            ],
          },
        },
      ],
    }),
  },
  {
    description: 'Fetch from a given branch into a sub-folder of the workspace',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:repo-files:fetch',
          id: 'fetch',
          name: 'Fetch current files',
          input: {
            repoUrl: 'github.com?owner=example&repo=monorepo',
            branch: 'develop',
            paths: ['okteto.yml'],
            targetPath: 'repo',
          },
        },
      ],
    }),
  },
];
