import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Write the dev Application and values of app corporate with the web-core conventions',
    example: yaml.stringify({
      steps: [
        {
          action: 'argocd:dev-application:create',
          id: 'argocd',
          name: 'Dev Argo CD Application',
          input: {
            app: 'corporate',
            repoURL: 'https://github.com/NeoGrAIph/web-core.git',
            serverUrl: 'https://corporate.dev.synestra.tech',
          },
        },
      ],
    }),
  },
  {
    description: 'Another layout: own project, chart and file locations',
    example: yaml.stringify({
      steps: [
        {
          action: 'argocd:dev-application:create',
          id: 'argocd',
          name: 'Dev Argo CD Application',
          input: {
            app: 'shop',
            applicationName: 'shop-dev',
            argocdNamespace: 'argocd',
            project: 'default',
            repoURL: 'https://github.com/example/monorepo.git',
            chartPath: 'charts/app',
            valueFiles: ['values-dev.yaml'],
            serverUrl: 'https://shop.dev.example.com',
            applicationPath: 'argocd/dev/shop.yaml',
            valuesPath: 'charts/app/values-dev.yaml',
          },
        },
      ],
    }),
  },
];
