import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Fetch, as the user who runs the template, what the okteto-dev actions edit for app corporate (manifest, .stignore files, dev Application and values) and its folder's package.json",
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:repo-files:fetch',
          id: 'fetch',
          name: 'Fetch current files',
          input: {
            repoUrl: 'github.com?owner=NeoGrAIph&repo=web-core',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
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
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
            branch: 'develop',
            paths: ['okteto.yml'],
            targetPath: 'repo',
          },
        },
      ],
    }),
  },
];
