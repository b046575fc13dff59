import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Add the dev service of app corporate: names from oktetoDev.conventions, workdir and package from the folder that holds its package.json',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:dev-service:add',
          id: 'dev-service',
          name: 'Add the Okteto dev service',
          input: {
            app: 'corporate',
            appDir: 'apps/corporate-website',
          },
        },
      ],
    }),
  },
  {
    description:
      'Spell the target out: own dev key, selector and container, with a dev image',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:dev-service:add',
          id: 'dev-service',
          name: 'Add the Okteto dev service',
          input: {
            manifestPath: '.okteto/okteto.yml',
            name: 'corporate-hot',
            selector: {
              'app.kubernetes.io/name': 'web-app',
              'app.kubernetes.io/instance': 'web-corporate-dev',
            },
            container: 'app',
            appDir: 'apps/corporate-website',
            package: '@synestra/corporate-website',
            image: 'ghcr.io/example/web-dev:22',
          },
        },
      ],
    }),
  },
  {
    description:
      'Target a Deployment by name, with an explicit command, an alias and environment variables',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:dev-service:add',
          id: 'dev-service',
          name: 'Add the Okteto dev service',
          input: {
            workload: 'web-shop-dev-web-app',
            aliases: ['web-shop-dev'],
            workdir: '/app/apps/shop',
            command: ['pnpm', '--filter', 'shop', 'dev'],
            environment: { NODE_ENV: 'development' },
            forward: ['3000:3000', '9229:9229'],
          },
        },
      ],
    }),
  },
];
