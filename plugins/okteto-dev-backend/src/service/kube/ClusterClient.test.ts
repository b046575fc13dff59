import { startSandbox, Sandbox } from '@okteto-dev/kube-sandbox';
import { clusterDetails } from '../clusters/assessCluster';
import { ConfiguredTokenStrategy } from '../clusters/authStrategies';
import { StrategyCredential } from '../clusters/credentials';
import { ClusterClient, kubeConfigFor } from './ClusterClient';

jest.setTimeout(60_000);

const SECRET_VALUE = 'postgres://app:hunter2-not-for-backstage@db:5432/app';

describe('ClusterClient against the kube-sandbox', () => {
  let sandbox: Sandbox;
  let client: ClusterClient;
  beforeAll(async () => {
    sandbox = await startSandbox();
    const cluster = {
      name: 'dev',
      url: sandbox.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: sandbox.token,
      dangerouslyAllowPlainHttp: true,
    };
    client = new ClusterClient(
      'dev',
      kubeConfigFor(
        cluster,
        // as the registry builds it
        new StrategyCredential(
          clusterDetails(cluster),
          new ConfiguredTokenStrategy(),
        ),
      ),
      2000,
    );
    sandbox.store.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'web-x-dev' },
    });
    // kubectl apply (client side) keeps the whole object, data included, in this annotation
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'web-x-dev-env', namespace: 'web-x-dev' },
      data: { DATABASE_URI: Buffer.from(SECRET_VALUE).toString('base64') },
    };
    sandbox.store.put({
      ...secret,
      metadata: {
        ...secret.metadata,
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            ...secret,
            stringData: { DATABASE_URI: SECRET_VALUE },
          }),
        },
      },
    });
  });
  afterAll(() => sandbox.close());

  it('reads Secret names through a metadata-only LIST and keeps nothing else (not even annotations)', async () => {
    sandbox.counters.reset();
    const read = await client.listSecretNames({ namespace: 'web-x-dev' });
    expect(read).toEqual({
      ok: true,
      value: [{ metadata: { namespace: 'web-x-dev', name: 'web-x-dev-env' } }],
    });
    expect(JSON.stringify(read)).not.toContain('hunter2');
    expect(
      sandbox.counters.count({ resource: 'secrets', accept: 'full' }),
    ).toBe(0);
    expect(
      sandbox.counters.count({ resource: 'secrets', accept: 'metadata' }),
    ).toBe(1);
  });

  it('answers errors as data: a forbidden namespace, a missing API group, a refused connection', async () => {
    sandbox.forbid.namespaces.push('web-x-dev');
    try {
      expect(
        await client.listDeployments({ namespace: 'web-x-dev' }),
      ).toMatchObject({
        ok: false,
        error: { type: 'forbidden', statusCode: 403, cluster: 'dev' },
      });
    } finally {
      sandbox.forbid.namespaces.pop();
    }
    sandbox.groups.argoproj = false;
    try {
      expect(
        await client.listApplications('argo', ['web-x-dev']),
      ).toMatchObject({
        ok: false,
        error: { type: 'not-installed' },
      });
    } finally {
      sandbox.groups.argoproj = true;
    }
    sandbox.refuseConnections = true;
    try {
      expect(await client.version()).toMatchObject({
        ok: false,
        error: { type: 'unreachable' },
      });
    } finally {
      sandbox.refuseConnections = false;
    }
  });
});
