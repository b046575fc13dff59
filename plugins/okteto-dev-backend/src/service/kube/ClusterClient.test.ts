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

  it('tells whether a Secret exists through a metadata-only GET by name, and keeps nothing of it', async () => {
    sandbox.counters.reset();
    expect(await client.secretExists('web-x-dev', 'web-x-dev-env')).toEqual({
      ok: true,
      value: true,
    });
    expect(await client.secretExists('web-x-dev', 'web-y-dev-env')).toEqual({
      ok: true,
      value: false,
    });
    const secretReads = sandbox.counters.requests.filter(
      r => r.resource === 'secrets',
    );
    expect(secretReads.map(r => [r.verb, r.name, r.accept])).toEqual([
      ['get', 'web-x-dev-env', 'metadata'],
      ['get', 'web-y-dev-env', 'metadata'],
    ]);
  });

  it('a refused read names the permission it needed, not who was refused', async () => {
    sandbox.forbid.resources.push('secrets');
    try {
      const read = await client.secretExists('web-x-dev', 'web-x-dev-env');
      expect(read).toMatchObject({
        ok: false,
        error: {
          type: 'forbidden',
          statusCode: 403,
          permission: {
            verb: 'get',
            resource: 'secrets',
            group: '',
            namespace: 'web-x-dev',
            name: 'web-x-dev-env',
          },
        },
      });
      expect(JSON.stringify(read)).not.toContain('system:serviceaccount');
    } finally {
      sandbox.forbid.resources.pop();
    }
    sandbox.forbid.resources.push('statefulsets.apps');
    try {
      expect(
        await client.listWorkloads('StatefulSet', { allNamespaces: true }),
      ).toMatchObject({
        ok: false,
        error: {
          permission: { verb: 'list', resource: 'statefulsets', group: 'apps' },
          message: expect.stringContaining(
            'missing permission: list statefulsets.apps across all namespaces',
          ),
        },
      });
    } finally {
      sandbox.forbid.resources.pop();
    }
  });

  it('answers errors as data: a forbidden namespace, a missing API group, a refused connection', async () => {
    sandbox.forbid.namespaces.push('web-x-dev');
    try {
      expect(
        await client.listDeployments({ namespace: 'web-x-dev' }),
      ).toMatchObject({
        ok: false,
        error: {
          type: 'forbidden',
          statusCode: 403,
          cluster: 'dev',
          permission: {
            verb: 'list',
            resource: 'deployments',
            group: 'apps',
            namespace: 'web-x-dev',
          },
        },
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
