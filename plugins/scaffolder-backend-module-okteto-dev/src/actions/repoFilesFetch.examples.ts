import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Fetch what the okteto-dev actions edit for app corporate (manifest, .stignore files, dev Application and values) and its folder's package.json",
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:repo-files:fetch',
          id: 'fetch',
          name: 'Fetch current files',
          input: {
            repoUrl: 'github.com?owner=NeoGrAIph&repo=web-core',
            app: 'corporate',
            appDir: 'apps/corporate-website',
          },
        },
      ],
    }),
  },
  {
    description:
      'Fetch given files from a branch into a sub-folder of the workspace',
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
