import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Ensure the runbook's patterns in the .stignore that Okteto reads for a dev service",
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:stignore:ensure',
          id: 'stignore',
          name: 'Ensure .stignore',
          input: {
            manifestPath: '.okteto/okteto.yml',
            devService: 'web-corporate-dev',
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
