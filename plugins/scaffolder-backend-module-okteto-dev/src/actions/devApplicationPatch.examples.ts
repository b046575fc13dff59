import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (description: string, input: Record<string, unknown>) => ({
  description,
  example: yaml.stringify({
    steps: [
      {
        action: 'argocd:dev-application:patch',
        id: 'argocd',
        name: 'Fix the dev Application',
        input,
      },
    ],
  }),
});

export const examples: TemplateExample[] = [
  step(
    "Turn selfHeal off in app shop's dev Application (path and names from oktetoDev.conventions)",
    { app: 'shop', fixes: ['self-heal-off'] },
  ),
  step(
    "Add the /spec/replicas guard to app synestra-io's dev Application: ignoreDifferences for its Deployment and RespectIgnoreDifferences=true",
    { app: 'synestra-io', fixes: ['replicas-ignored'] },
  ),
  step(
    'Both fixes, for the Application web-shop-dev in a file that holds several documents',
    {
      app: 'shop',
      fixes: ['self-heal-off', 'replicas-ignored'],
      applicationPath: 'argocd/dev.yaml',
      applicationName: 'web-shop-dev',
    },
  ),
];
