import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import yaml from 'yaml';
import { readWebCoreFixture } from '../testing/fixtures';
import { exampleSteps, runAction } from '../__testUtils__/runAction';
import { createArgocdDevApplicationCreateAction } from './devApplicationCreate';
import { examples } from './devApplicationCreate.examples';

const guard = (name: string) => [
  {
    group: 'apps',
    kind: 'Deployment',
    name,
    jsonPointers: ['/spec/replicas'],
  },
];

/** A dev values file's Ingress for its host, as web-core's (deploy/env/dev/corporate.yaml). */
const ingressOf = (host: string) => ({
  enabled: true,
  hosts: [{ host, paths: [{ path: '/', pathType: 'Prefix' }] }],
});

/** The files each example writes, parsed, in the order of the examples. */
const effects: Array<Record<string, unknown>> = [
  (() => {
    const application = yaml.parse(
      readWebCoreFixture('deploy/argocd/apps/dev/corporate.yaml'),
    );
    application.spec.syncPolicy.syncOptions = ['RespectIgnoreDifferences=true'];
    application.spec.ignoreDifferences = guard('web-corporate-dev-web-app');
    const { postgres, ...values } = yaml.parse(
      readWebCoreFixture('deploy/env/dev/corporate.yaml'),
    );
    return {
      'deploy/argocd/apps/dev/corporate.yaml': application,
      'deploy/env/dev/corporate.yaml': values,
    };
  })(),
  {
    'argocd/dev/shop.yaml': {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'shop-dev', namespace: 'argocd' },
      spec: {
        project: 'default',
        source: {
          repoURL: 'https://github.com/example/monorepo.git',
          targetRevision: 'main',
          path: 'charts/app',
          helm: { valueFiles: ['values-dev.yaml'] },
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'shop-dev',
        },
        syncPolicy: {
          automated: { prune: true, selfHeal: false },
          syncOptions: ['RespectIgnoreDifferences=true'],
        },
        ignoreDifferences: guard('shop'),
      },
    },
    'charts/app/values-dev.yaml': {
      env: {
        SYNESTRA_ENV: 'dev',
        NEXT_PUBLIC_SERVER_URL: 'https://shop.dev.example.com',
      },
      envFrom: { secretRef: 'shop-secrets' },
      ingress: ingressOf('shop.dev.example.com'),
    },
  },
];

describe('argocd:dev-application:create examples', () => {
  const mockDir = createMockDirectory();
  const action = createArgocdDevApplicationCreateAction();
  const steps = exampleSteps(examples, 'argocd:dev-application:create');

  it('has one checked effect per example', () => {
    expect(effects).toHaveLength(steps.length);
  });

  it.each(steps.map((step, i) => [...step, i] as const))(
    '%s',
    async (_, input, index) => {
      mockDir.setContent({});
      const outputs = await runAction(action, input, mockDir.path);
      const files = effects[index];
      const [applicationPath, valuesPath] = Object.keys(files);
      expect(outputs).toMatchObject({
        changed: true,
        applicationPath,
        valuesPath,
      });
      for (const [file, data] of Object.entries(files)) {
        expect(
          yaml.parse(fs.readFileSync(mockDir.resolve(file), 'utf8')),
        ).toEqual(data);
      }
      expect((await runAction(action, input, mockDir.path)).changed).toBe(
        false,
      );
    },
  );
});
