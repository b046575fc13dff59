import { ClusterRegistry } from './ClusterRegistry';

const registry = (...names: string[]) =>
  new ClusterRegistry(
    {
      getClusters: async () =>
        names.map(name => ({
          name,
          url: `https://${name}.example.com`,
          authProvider: 'serviceAccount' as const,
          serviceAccountToken: 't',
        })),
    },
    1000,
  );

describe('ClusterRegistry.resolve: which cluster an entity reads', () => {
  it('with one configured cluster and none named, that cluster is the one', async () => {
    await expect(registry('dev').resolve(undefined)).resolves.toBe('dev');
  });

  it('with several, the named one; none named is an error listing them', async () => {
    await expect(registry('dev', 'stage').resolve('stage')).resolves.toBe(
      'stage',
    );
    await expect(registry('dev', 'stage').resolve(undefined)).rejects.toThrow(
      /Several clusters are configured \(dev, stage\): name one with the okteto-dev\/cluster annotation/,
    );
  });

  it('an unknown name is an error that lists the configured names', async () => {
    await expect(registry('dev').resolve('default')).rejects.toThrow(
      "No cluster named 'default' is configured (configured: dev)",
    );
    await expect(registry().resolve(undefined)).rejects.toThrow(
      /No cluster is configured/,
    );
  });

  it('builds one client per cluster', async () => {
    const clusters = registry('dev');
    expect(await clusters.client('dev')).toBe(await clusters.client('dev'));
    await expect(clusters.client('nope')).rejects.toThrow(
      /No cluster named 'nope'/,
    );
  });
});
