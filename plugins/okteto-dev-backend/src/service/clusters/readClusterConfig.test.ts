import { ConfigReader } from '@backstage/config';
import { readOwnClusters } from './readClusterConfig';

describe('readOwnClusters: oktetoDev.clusters, shaped like the Kubernetes plugin’s cluster entries', () => {
  it('reads the entries okteto-dev always read', () => {
    const clusters = readOwnClusters(
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
      {
        source: 'oktetoDev.clusters[0]',
        cluster: expect.objectContaining({
          name: 'dev',
          authProvider: 'serviceAccount',
          serviceAccountToken: 't',
          caData: 'Y2E=',
          authMetadata: {
            'kubernetes.io/auth-provider': 'serviceAccount',
            serviceAccountToken: 't',
          },
        }),
      },
      {
        source: 'oktetoDev.clusters[1]',
        cluster: expect.objectContaining({
          name: 'local',
          authProvider: 'kubeconfig',
          context: 'kind-dev',
        }),
      },
    ]);
  });

  it('takes the keys of a kubernetes.clusterLocatorMethods entry into the strategy’s authMetadata (ConfigClusterLocator.ts)', () => {
    const [aws, oidc, block] = readOwnClusters(
      new ConfigReader({
        oktetoDev: {
          clusters: [
            {
              name: 'eks',
              url: 'https://eks.example.com',
              authProvider: 'aws',
              assumeRole: 'arn:aws:iam::123456789012:role/okteto-dev',
              externalId: 'x1',
            },
            {
              name: 'oidc',
              url: 'https://oidc.example.com',
              authProvider: 'oidc',
              oidcTokenProvider: 'okta',
            },
            {
              name: 'block',
              url: 'https://b.example.com',
              authMetadata: {
                'kubernetes.io/auth-provider': 'azure',
                'kubernetes.io/x-k8s-aws-id': 'eks-id',
              },
            },
          ],
        },
      }),
    )!;
    expect(aws.cluster.authMetadata).toEqual({
      'kubernetes.io/auth-provider': 'aws',
      'kubernetes.io/aws-assume-role':
        'arn:aws:iam::123456789012:role/okteto-dev',
      'kubernetes.io/aws-external-id': 'x1',
    });
    expect(oidc.cluster.authMetadata).toEqual({
      'kubernetes.io/auth-provider': 'oidc',
      'kubernetes.io/oidc-token-provider': 'okta',
    });
    // authMetadata's auth provider wins over the entry's (as in the Kubernetes plugin)
    expect(block.cluster.authProvider).toBe('azure');
  });

  it('never assumes a kubeconfig: an entry without url must name its authProvider', () => {
    const [entry] = readOwnClusters(
      new ConfigReader({ oktetoDev: { clusters: [{ name: 'x' }] } }),
    )!;
    expect(entry.problem).toMatch(/names no authProvider/);
  });

  it('is undefined without oktetoDev.clusters, and a malformed entry is a startup error', () => {
    expect(readOwnClusters(new ConfigReader({}))).toBeUndefined();
    expect(() =>
      readOwnClusters(
        new ConfigReader({ oktetoDev: { clusters: [{ url: 'https://a' }] } }),
      ),
    ).toThrow(/name/);
    expect(() =>
      readOwnClusters(
        new ConfigReader({
          oktetoDev: {
            clusters: [{ name: 'a', url: 'https://a', authMetadata: { x: 1 } }],
          },
        }),
      ),
    ).toThrow(/authMetadata.x must be a string/);
  });
});
