import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AwsIamStrategy,
  AzureIdentityStrategy,
  GoogleServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { authStrategies, ConfiguredTokenStrategy } from './authStrategies';
import { ClusterRegistry, ClusterUnusableError } from './ClusterRegistry';
import { clusterRegistryFromConfig } from './clusterRegistryFromConfig';
import { staticSource } from './sources';

jest.setTimeout(30_000);

function registryOf(config: object, extra: object = {}) {
  const logger = mockServices.logger.mock();
  const registry = clusterRegistryFromConfig(new ConfigReader(config), {
    logger,
    timeoutMs: 1000,
    ...extra,
  });
  return { registry, logger };
}

const named = (...names: string[]) =>
  new ClusterRegistry({
    sources: [
      staticSource(
        'test',
        names.map(name => ({
          cluster: {
            name,
            url: `https://${name}.example.com`,
            authProvider: 'serviceAccount',
            serviceAccountToken: 't',
          },
          source: 'test',
        })),
      ),
    ],
    strategies: authStrategies({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
    }),
    timeoutMs: 1000,
  });

describe('ClusterRegistry.resolve: which cluster an entity reads', () => {
  it('with one configured cluster and none named, that cluster is the one', async () => {
    await expect(named('dev').resolve(undefined)).resolves.toBe('dev');
  });

  it('with several, the named one; none named is an error listing them', async () => {
    await expect(named('dev', 'stage').resolve('stage')).resolves.toBe('stage');
    await expect(named('dev', 'stage').resolve(undefined)).rejects.toThrow(
      /Several clusters are configured \(dev, stage\): name one with the okteto-dev\/cluster annotation/,
    );
  });

  it('an unknown name is an error that lists the configured names', async () => {
    await expect(named('dev').resolve('default')).rejects.toThrow(
      "No cluster named 'default' is configured (configured: dev)",
    );
  });

  it('builds one client per cluster', async () => {
    const clusters = named('dev');
    expect(await clusters.client('dev')).toBe(await clusters.client('dev'));
    await expect(clusters.client('nope')).rejects.toThrow(
      /No cluster named 'nope'/,
    );
  });
});

describe('no implicit identity', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });

  it('with no cluster configured there is none: never the default kubeconfig, and the log says so', async () => {
    // a kubeconfig is right there: the old fallback would have read with it
    process.env.KUBECONFIG = '/dev/null';
    const { registry, logger } = registryOf({});
    expect(await registry.list()).toEqual([]);
    await expect(registry.resolve(undefined)).rejects.toThrow(
      /No cluster is configured for okteto-dev: .* never falls back to Backstage's own kubeconfig/,
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/no cluster is configured/),
    );
  });

  it('a serviceAccount cluster without a token is refused, not read as the pod Backstage runs in', async () => {
    const { registry, logger } = registryOf({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'sa', url: 'https://a', authProvider: 'serviceAccount' },
            ],
          },
        ],
      },
    });
    const error = await registry.client('sa').catch(e => e);
    expect(error).toBeInstanceOf(ClusterUnusableError);
    expect(error.devError).toEqual({
      type: 'unusable',
      cluster: 'sa',
      message: expect.stringMatching(
        /without a serviceAccountToken: .* use authProvider: inCluster/,
      ),
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "cluster 'sa' (kubernetes.clusterLocatorMethods[0].clusters[0]) cannot be used",
      ),
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/none of the configured clusters can be used/),
    );
  });

  it('inCluster outside a pod, and a kubeconfig that is not there, are errors — not another identity', async () => {
    delete process.env.KUBERNETES_SERVICE_HOST;
    process.env.KUBECONFIG = '';
    process.env.HOME = '/nonexistent-home';
    const { registry } = registryOf({
      oktetoDev: {
        clusters: [
          { name: 'pod', authProvider: 'inCluster' },
          { name: 'file', authProvider: 'kubeconfig' },
        ],
      },
    });
    const { clusters } = await registry.snapshot();
    expect(clusters.map(c => [c.cluster.name, c.problem])).toEqual([
      ['pod', expect.stringMatching(/does not run in a Kubernetes pod/)],
      ['file', expect.stringMatching(/no kubeconfig to load/)],
    ]);
  });
});

describe("the Kubernetes plugin's clusters, nothing skipped in silence", () => {
  const config = {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'sa',
              url: 'https://sa.example.com',
              authProvider: 'serviceAccount',
              serviceAccountToken: 't',
            },
            {
              name: 'eks',
              url: 'https://eks.example.com',
              authProvider: 'aws',
            },
            {
              name: 'aks-server',
              url: 'https://aks.example.com',
              authProvider: 'azure',
            },
            {
              name: 'gke-sa',
              url: 'https://gke.example.com',
              authProvider: 'googleServiceAccount',
            },
            {
              name: 'okta',
              url: 'https://okta.example.com',
              authProvider: 'oidc',
              oidcTokenProvider: 'okta',
            },
            {
              name: 'gke-user',
              url: 'https://gke.example.com',
              authProvider: 'google',
            },
            {
              name: 'aks-user',
              url: 'https://aks.example.com',
              authProvider: 'aks',
            },
            {
              name: 'plain',
              url: 'http://plain.example.com',
              authProvider: 'serviceAccount',
              serviceAccountToken: 't',
            },
            {
              name: 'plain-ok',
              url: 'http://plain.example.com',
              authProvider: 'serviceAccount',
              serviceAccountToken: 't',
              dangerouslyAllowPlainHttp: true,
            },
            {
              name: 'vault',
              url: 'https://v.example.com',
              authProvider: 'vault',
            },
            {
              name: 'sa',
              url: 'https://twice.example.com',
              authProvider: 'aws',
            },
          ],
        },
        { type: 'localKubectlProxy' },
        { type: 'gke', projectId: 'p1', authProvider: 'googleServiceAccount' },
        { type: 'rancher' },
      ],
    },
  };
  const gkeClient = async () => ({
    listClusters: async ({ parent }: { parent: string }) => {
      expect(parent).toBe('projects/p1/locations/-');
      return [
        {
          clusters: [
            {
              name: 'gke-found',
              endpoint: '203.0.113.7',
              masterAuth: { clusterCaCertificate: 'Q0E=' },
            },
          ],
        },
      ] as [{ clusters: object[] }];
    },
  });

  it('lists every cluster with why okteto-dev cannot use it, and every locator it could not read', async () => {
    const { registry, logger } = registryOf(config, {
      gkeClient,
      resolveLocalhost: async () => '127.0.0.1',
    });
    const { clusters, failures } = await registry.snapshot();
    const problems = Object.fromEntries(
      clusters.map(c => [`${c.cluster.name}@${c.source}`, c.problem]),
    );
    const at = (i: number) =>
      `@kubernetes.clusterLocatorMethods[0].clusters[${i}]`;
    expect(problems).toEqual({
      [`sa${at(0)}`]: undefined,
      [`eks${at(1)}`]: undefined,
      [`aks-server${at(2)}`]: undefined,
      [`gke-sa${at(3)}`]: undefined,
      [`okta${at(4)}`]: expect.stringMatching(
        /^authProvider 'oidc' signs in with each viewer's own OIDC token.* okteto-dev reads clusters in the background .* Give okteto-dev its own identity/,
      ),
      [`gke-user${at(5)}`]: expect.stringMatching(
        /each viewer's own Google token.*googleServiceAccount is the server-side one/,
      ),
      [`aks-user${at(6)}`]: expect.stringMatching(
        /each viewer's own Azure token/,
      ),
      [`plain${at(7)}`]: expect.stringMatching(
        /plain http:\/\/.* set dangerouslyAllowPlainHttp: true on this cluster/,
      ),
      [`plain-ok${at(8)}`]: undefined,
      [`vault${at(9)}`]: expect.stringMatching(
        /authProvider 'vault' has no auth strategy .* oktetoDevAuthStrategyExtensionPoint/,
      ),
      [`sa${at(10)}`]: expect.stringMatching(
        /another cluster of this name comes first \(kubernetes.clusterLocatorMethods\[0\].clusters\[0\]\)/,
      ),
      'local@kubernetes.clusterLocatorMethods[1] (localKubectlProxy)':
        expect.stringMatching(/plain http:\/\//),
      'gke-found@kubernetes.clusterLocatorMethods[2] (gke) projects/p1/locations/-':
        undefined,
    });
    expect(failures).toEqual([
      {
        source: 'kubernetes.clusterLocatorMethods[3] (rancher)',
        message: expect.stringMatching(
          /cannot read clusters of locator type 'rancher'/,
        ),
      },
    ]);
    const gke = clusters.find(c => c.cluster.name === 'gke-found')!.cluster;
    expect(gke).toMatchObject({
      url: 'https://203.0.113.7',
      caData: 'Q0E=',
      authProvider: 'googleServiceAccount',
    });
    // each problem is logged once, however often the clusters are looked at
    await registry.snapshot(true);
    expect(
      logger.warn.mock.calls.filter(([line]) =>
        String(line).includes("cluster 'okta'"),
      ),
    ).toHaveLength(1);
  });

  it("uses Backstage's own strategy for each server-side provider", async () => {
    const strategies = authStrategies({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
    });
    // Backstage's ServiceAccountStrategy minus its fallback to the pod's own token
    expect(await strategies.get('serviceAccount')).toBeInstanceOf(
      ConfiguredTokenStrategy,
    );
    expect(await strategies.get('aws')).toBeInstanceOf(AwsIamStrategy);
    expect(await strategies.get('azure')).toBeInstanceOf(AzureIdentityStrategy);
    expect(await strategies.get('googleServiceAccount')).toBeInstanceOf(
      GoogleServiceAccountStrategy,
    );
  });

  it('a refused cluster is still resolved, so the status of an entity naming it says why', async () => {
    const { registry } = registryOf(config, {
      gkeClient,
      resolveLocalhost: async () => '127.0.0.1',
    });
    await expect(registry.resolve('okta')).resolves.toBe('okta');
    await expect(registry.client('okta')).rejects.toThrow(
      /^Cluster 'okta' cannot be used: authProvider 'oidc'/,
    );
    await expect(registry.kubeConfig('plain')).rejects.toBeInstanceOf(
      ClusterUnusableError,
    );
  });
});

describe("the catalog locator: the Kubernetes plugin's rules for catalog clusters", () => {
  const resource = (name: string, annotations: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'kubernetes-cluster', owner: 'x' },
  });
  const ca = { 'kubernetes.io/api-server-certificate-authority': 'Q0E=' };

  it('reads kubernetes-cluster Resources; refuses serviceAccount, private and plain-http URLs unless allowed', async () => {
    const catalog = catalogServiceMock({
      entities: [
        resource('eks-cat', {
          ...ca,
          'kubernetes.io/api-server': 'https://34.120.1.9',
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/r',
        }),
        resource('sa-cat', {
          ...ca,
          'kubernetes.io/api-server': 'https://34.120.1.10',
          'kubernetes.io/auth-provider': 'serviceAccount',
          serviceAccountToken: 'leaked',
        }),
        resource('private-cat', {
          ...ca,
          'kubernetes.io/api-server': 'https://10.0.0.1',
          'kubernetes.io/auth-provider': 'aws',
        }),
        resource('loopback-cat', {
          ...ca,
          'kubernetes.io/api-server': 'http://127.0.0.1:6443',
          'kubernetes.io/auth-provider': 'aws',
        }),
      ],
    });
    const { registry } = registryOf(
      {
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
          ],
        },
      },
      { catalog, auth: mockServices.auth() },
    );
    const { clusters } = await registry.snapshot();
    const byName = Object.fromEntries(clusters.map(c => [c.cluster.name, c]));
    expect(byName['eks-cat'].problem).toBeUndefined();
    expect(byName['eks-cat'].cluster.authMetadata).toEqual({
      'kubernetes.io/api-server': 'https://34.120.1.9',
      'kubernetes.io/api-server-certificate-authority': 'Q0E=',
      'kubernetes.io/auth-provider': 'aws',
      'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/r',
    });
    expect(byName['sa-cat'].problem).toMatch(
      /cannot use authProvider 'serviceAccount'/,
    );
    expect(JSON.stringify(byName['sa-cat'].cluster)).not.toContain('leaked');
    expect(byName['private-cat'].problem).toMatch(/non-public address/);
    // a host the locator lists may use http: that is its explicit opt-in
    expect(byName['loopback-cat'].problem).toBeUndefined();
    expect(byName['loopback-cat'].cluster.dangerouslyAllowPlainHttp).toBe(true);
    expect(byName['loopback-cat'].source).toBe(
      'kubernetes.clusterLocatorMethods[0] (catalog) Resource default/loopback-cat',
    );
  });
});

describe("modules' clusters", () => {
  it('adds the clusters of a Kubernetes plugin supplier, asked with okteto-dev’s own credentials', async () => {
    const asked: unknown[] = [];
    const { registry } = registryOf(
      {
        oktetoDev: {
          clusters: [
            {
              name: 'own',
              url: 'https://own.example.com',
              serviceAccountToken: 't',
            },
          ],
        },
      },
      {
        auth: mockServices.auth(),
        extensions: {
          kubernetesSuppliers: [
            {
              async getClusters(options: { credentials: unknown }) {
                asked.push(options.credentials);
                return [
                  {
                    name: 'supplied',
                    url: 'https://supplied.example.com',
                    authMetadata: { 'kubernetes.io/auth-provider': 'aws' },
                  },
                ];
              },
            },
          ],
        },
      },
    );
    const { clusters } = await registry.snapshot();
    expect(clusters.map(c => [c.cluster.name, c.source, c.problem])).toEqual([
      ['own', 'oktetoDev.clusters[0]', undefined],
      ['supplied', 'addClusterSupplier #1', undefined],
    ]);
    expect(asked).toEqual([
      expect.objectContaining({
        principal: expect.objectContaining({
          type: 'service',
          subject: 'plugin:test',
        }),
      }),
    ]);
  });

  it('setClusterSupplier replaces the configured clusters', async () => {
    const { registry } = registryOf(
      {
        oktetoDev: {
          clusters: [{ name: 'own', url: 'https://own.example.com' }],
        },
      },
      {
        extensions: {
          supplier: {
            getClusters: async () => [
              {
                name: 'discovered',
                url: 'https://d.example.com',
                authProvider: 'serviceAccount',
                serviceAccountToken: 't',
              },
            ],
          },
        },
      },
    );
    expect((await registry.list()).map(c => c.name)).toEqual(['discovered']);
  });
});
