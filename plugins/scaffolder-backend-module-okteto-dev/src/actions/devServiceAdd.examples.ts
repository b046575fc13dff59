import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const WEB_CORE_COMMAND =
  "sh -lc 'export CI=1 NODE_ENV=development COREPACK_ENABLE_DOWNLOAD_PROMPT=0 PNPM_STORE_DIR=/tmp/.pnpm-store; " +
  'corepack enable >/dev/null 2>&1 || true; if [ ! -x node_modules/.bin/next ]; then pnpm install --frozen-lockfile; fi; ' +
  "pnpm --filter @synestra/corporate-website dev'";

export const examples: TemplateExample[] = [
  {
    description:
      'Add a dev service that replaces the Argo CD-managed web-app Deployment of one app',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:dev-service:add',
          id: 'dev-service',
          name: 'Add the Okteto dev service',
          input: {
            manifestPath: '.okteto/okteto.yml',
            name: 'web-corporate-dev',
            selector: {
              'app.kubernetes.io/name': 'web-app',
              'app.kubernetes.io/instance': 'web-corporate-dev',
            },
            container: 'app',
            workdir: '/app/apps/corporate-website',
            command: WEB_CORE_COMMAND,
          },
        },
      ],
    }),
  },
  {
    description:
      'Target a Deployment by name, with a dev image, an alias and environment variables',
    example: yaml.stringify({
      steps: [
        {
          action: 'okteto:dev-service:add',
          id: 'dev-service',
          name: 'Add the Okteto dev service',
          input: {
            workload: 'web-shop-dev-web-app',
            aliases: ['web-shop-dev'],
            image: 'ghcr.io/example/web-dev:22',
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
