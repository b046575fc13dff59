import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (description: string, input: Record<string, unknown>) => ({
  description,
  example: yaml.stringify({
    steps: [
      {
        action: 'argocd:dev-values:set-env',
        id: 'values',
        name: 'Set the dev env var',
        input,
      },
    ],
  }),
});

export const examples: TemplateExample[] = [
  step(
    'Set the dev marker (SYNESTRA_ENV: "dev" by the conventions) in app shop\'s dev values file',
    { app: 'shop' },
  ),
  step('Set other variables in another values file', {
    app: 'shop',
    env: { NEXT_PUBLIC_SERVER_URL: 'https://shop.dev.synestra.tech' },
    valuesPath: 'charts/shop/values-dev.yaml',
  }),
];
