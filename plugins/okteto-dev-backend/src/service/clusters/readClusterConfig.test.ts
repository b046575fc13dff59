import { ConfigReader } from '@backstage/config';
import { readClusterConfig } from './readClusterConfig';

describe('readClusterConfig', () => {
  it('reads oktetoDev.clusters', () => {
    const clusters = readClusterConfig(
      new ConfigReader({
        oktetoDev: {
          clusters: [
            {
              name: 'dev',
              url: 'https://k8s.example.com',
              serviceAccountToken: 't',
              caData: 'Y2E=',
            },
            { name: 'local', authProvider: 'kubeconfig', context: 'kind-dev' },
          ],
        },
      }),
    );
    expect(clusters).toEqual([
      expect.objectContaining({
        name: 'dev',
        authProvider: 'serviceAccount',
        serviceAccountToken: 't',
        caData: 'Y2E=',
      }),
      expect.objectContaining({
        name: 'local',
        authProvider: 'kubeconfig',
        context: 'kind-dev',
      }),
    ]);
  });

  it("reuses the Kubernetes plugin's config clusters it can authenticate to", () => {
    const clusters = readClusterConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'prod',
                  url: 'https://a',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 's',
                },
                { name: 'gke', url: 'https://b', authProvider: 'google' },
              ],
            },
            { type: 'catalog' },
          ],
        },
      }),
    );
    expect(clusters.map(c => c.name)).toEqual(['prod']);
  });

  it('falls back to the default kubeconfig', () => {
    expect(readClusterConfig(new ConfigReader({}))).toEqual([
      { name: 'default', authProvider: 'kubeconfig' },
    ]);
  });

  it('refuses a cluster it cannot use, saying why', () => {
    expect(() =>
      readClusterConfig(
        new ConfigReader({
          oktetoDev: {
            clusters: [{ name: 'x', authProvider: 'serviceAccount' }],
          },
        }),
      ),
    ).toThrow("oktetoDev.clusters: cluster 'x' needs a url");
    expect(() =>
      readClusterConfig(
        new ConfigReader({
          oktetoDev: {
            clusters: [{ name: 'x', url: 'https://a', authProvider: 'oidc' }],
          },
        }),
      ),
    ).toThrow("authProvider 'oidc'");
  });
});
