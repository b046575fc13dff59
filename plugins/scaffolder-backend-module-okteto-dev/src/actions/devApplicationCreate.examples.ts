import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Write the dev Application and values of app corporate, every name and path from oktetoDev.conventions',
    example: yaml.stringify({
      steps: [
        {
          action: 'argocd:dev-application:create',
          id: 'argocd',
          name: 'Dev Argo CD Application',
          input: {
            app: 'corporate',
            repoUrl: 'github.com?owner=NeoGrAIph&repo=web-core',
            serverUrl: 'https://corporate.dev.synestra.tech',
          },
        },
      ],
    }),
  },
  {
    description:
      'Another layout for one app: own names, project, chart and file locations',
    example: yaml.stringify({
      steps: [
        {
          action: 'argocd:dev-application:create',
          id: 'argocd',
          name: 'Dev Argo CD Application',
          input: {
            app: 'shop',
            applicationName: 'shop-dev',
            applicationNamespace: 'argocd',
            namespace: 'shop-dev',
            workload: 'shop',
            project: 'default',
            repoURL: 'https://github.com/example/monorepo.git',
            chartPath: 'charts/app',
            valueFiles: ['values-dev.yaml'],
            serverUrl: 'https://shop.dev.example.com',
            envSecret: 'shop-secrets',
            applicationPath: 'argocd/dev/shop.yaml',
            valuesPath: 'charts/app/values-dev.yaml',
          },
        },
      ],
    }),
  },
];
