import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Ensure the runbook's patterns in every .stignore Okteto reads for app corporate's dev service",
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:stignore:ensure',
          id: 'stignore',
          name: 'Ensure .stignore',
          input: { app: 'corporate' },
        },
      ],
    }),
  },
  {
    description: 'Name the manifest and the dev service',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:stignore:ensure',
          id: 'stignore',
          name: 'Ensure .stignore',
          input: {
            manifestPath: '.okteto/okteto.yml',
            devService: 'web-synestra-io-dev',
          },
        },
      ],
    }),
  },
  {
    description: 'Ensure extra patterns in an explicit .stignore',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:stignore:ensure',
          id: 'stignore',
          name: 'Ensure .stignore',
          input: {
            path: 'apps/shop/.stignore',
            entries: ['**/node_modules/', '**/.next/', '**/*.log'],
          },
        },
      ],
    }),
  },
];
