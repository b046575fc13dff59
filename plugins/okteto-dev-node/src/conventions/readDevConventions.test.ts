import { ConfigReader } from '@backstage/config';
import { DEFAULT_DEV_CONVENTIONS } from '@okteto-dev/plugin-okteto-dev-common';
import { readDevConventions } from './readDevConventions';

describe('readDevConventions', () => {
  it('gives the web-core defaults without config', () => {
    expect(readDevConventions(new ConfigReader({}))).toEqual({
      ...DEFAULT_DEV_CONVENTIONS,
    });
  });

  it('reads every convention, label selectors with dots and slashes included', () => {
    const conventions = readDevConventions(
      new ConfigReader({
        oktetoDev: {
          conventions: {
            cluster: 'eu-dev',
            namespace: 'apps-{app}',
            applicationName: '{app}-dev',
            applicationNamespace: 'argocd',
            applicationCluster: 'hub',
            workload: '{app}',
            container: 'web',
            selector: { 'app.kubernetes.io/instance': '{application}', tier: 'web' },
            devService: '{app}',
            package: '@acme/{app}',
            appDir: 'services/{app}',
            manifestPath: 'okteto.yml',
            serverUrlEnv: 'PUBLIC_URL',
            envVar: { name: 'APP_ENV' },
            envSecret: '{app}-secrets',
            applicationPath: 'gitops/{app}.yaml',
            valuesPath: 'gitops/values/{app}.yaml',
            project: 'acme',
            targetRevision: 'trunk',
            chartPath: 'charts/web',
            valueFiles: ['values/{app}.yaml'],
            destinationServer: 'https://spoke.example.com',
          },
        },
      }),
    );
    expect(conventions).toEqual({
      cluster: 'eu-dev',
      namespace: 'apps-{app}',
      applicationName: '{app}-dev',
      applicationNamespace: 'argocd',
      applicationCluster: 'hub',
      workload: '{app}',
      container: 'web',
      selector: { 'app.kubernetes.io/instance': '{application}', tier: 'web' },
      devService: '{app}',
      package: '@acme/{app}',
      appDir: 'services/{app}',
      manifestPath: 'okteto.yml',
      serverUrlEnv: 'PUBLIC_URL',
      envVar: { name: 'APP_ENV', value: 'dev' },
      envSecret: '{app}-secrets',
      applicationPath: 'gitops/{app}.yaml',
      valuesPath: 'gitops/values/{app}.yaml',
      project: 'acme',
      targetRevision: 'trunk',
      chartPath: 'charts/web',
      valueFiles: ['values/{app}.yaml'],
      destinationServer: 'https://spoke.example.com',
    });
  });

  it('rejects a selector that is not a map of strings', () => {
    expect(() =>
      readDevConventions(
        new ConfigReader({ oktetoDev: { conventions: { selector: { a: 1 } } } }),
      ),
    ).toThrow(/selector must map label names to string values/);
  });
});
