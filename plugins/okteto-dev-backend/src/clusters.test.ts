import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import type { KubernetesRequestAuth } from '@backstage/plugin-kubernetes-common';
import type { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import { Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import {
  DevClustersResponse,
  DevStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import { oktetoDevAuthStrategyExtensionPoint } from '@okteto-dev/plugin-okteto-dev-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { catalogFactory, webCoreUrlReader } from './__testUtils__/testBackend';
import { WEB_CORE_ENTITIES } from './__testUtils__/webCoreEntities';
import { oktetoDevPlugin } from './plugin';

/**
 * Issue 19 item 3's hidden check: a backend configured only through the Kubernetes plugin's
 * `kubernetes.clusterLocatorMethods`, with clusters that are not `serviceAccount`. Nothing is
 * skipped in silence, every status says what it could not read and why, and no request leaves
 * with an identity that was not configured: every cluster okteto-dev must not use points at the
 * `trap` sandbox, whose kubeconfig (token included) is also the default one (KUBECONFIG), and the
 * trap must see no request at all.
 */
jest.setTimeout(90_000);

/** The corporate app again, reading the cluster `cluster`. */
function onCluster(name: string, cluster: string): Entity {
  const corporate = WEB_CORE_ENTITIES.find(
    e => e.metadata.name === 'corporate',
  )!;
  return {
    ...corporate,
    metadata: {
      ...corporate.metadata,
      name,
      annotations: {
        ...corporate.metadata.annotations,
        'okteto-dev/cluster': cluster,
      },
    },
  };
}

/** A stand-in API server that records the Authorization header and refuses every request. */
async function recordingServer() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(String(req.headers.authorization ?? ''));
    res.writeHead(401, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

const env = { ...process.env };
let dev: Sandbox;
let trap: Sandbox;
let eks: Awaited<ReturnType<typeof recordingServer>>;
const strategyCalls: Array<{ cluster: string; auth: KubernetesRequestAuth }> =
  [];

/** A company's own strategy, added through okteto-dev's extension point. */
const vaultStrategyModule = createBackendModule({
  pluginId: 'okteto-dev',
  moduleId: 'test-vault-tokens',
  register(reg) {
    reg.registerInit({
      deps: { auth: oktetoDevAuthStrategyExtensionPoint },
      async init({ auth }) {
        auth.addAuthStrategy('vault', {
          async getCredential(cluster: ClusterDetails, requestAuth) {
            strategyCalls.push({ cluster: cluster.name, auth: requestAuth });
            return { type: 'bearer token', token: dev.token! };
          },
          validateCluster: () => [],
          presentAuthMetadata: () => ({}),
        });
      },
    });
  },
});

const CLUSTER_OF = {
  'app-vault': 'vault-dev',
  'app-eks': 'eks-dev',
  'app-okta': 'okta-dev',
  'app-gke': 'gke-user',
  'app-plain': 'plain-dev',
  'app-no-token': 'pod-token',
};

function backendWith(config: object, features: unknown[] = []) {
  return startTestBackend({
    features: [
      oktetoDevPlugin,
      mockServices.rootConfig.factory({
        data: { integrations: { github: [{ host: 'github.com' }] }, ...config },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogFactory(
        Object.entries(CLUSTER_OF).map(([name, cluster]) =>
          onCluster(name, cluster),
        ),
      ),
      webCoreUrlReader,
      ...(features as []),
    ],
  });
}

const status = (server: http.Server, name: string) =>
  request(server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: `component:default/${name}` })
    .set('Authorization', mockCredentials.user.header());

beforeAll(async () => {
  [dev, trap, eks] = await Promise.all([
    startSandbox({ scenario: 'web-core' }),
    startSandbox({ scenario: 'web-core' }),
    recordingServer(),
  ]);
  // the identity nobody configured for okteto-dev: the default kubeconfig reaches the trap
  process.env.KUBECONFIG = trap.kubeconfigPath;
  // what Backstage's AwsIamStrategy signs with (the SDK's environment provider: no network)
  process.env.AWS_ACCESS_KEY_ID = 'AKIAOKTETODEVTEST0001';
  process.env.AWS_SECRET_ACCESS_KEY = 'not-a-real-secret';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
});
afterAll(async () => {
  process.env = { ...env };
  await Promise.all([dev?.close(), trap?.close(), eks?.close()]);
});

describe('a backend configured only through kubernetes.clusterLocatorMethods, no serviceAccount cluster', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  beforeAll(async () => {
    backend = await backendWith(
      {
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'vault-dev',
                  url: dev.url,
                  authProvider: 'vault',
                  dangerouslyAllowPlainHttp: true,
                },
                {
                  name: 'eks-dev',
                  url: eks.url,
                  authProvider: 'aws',
                  dangerouslyAllowPlainHttp: true,
                },
                {
                  name: 'okta-dev',
                  url: trap.url,
                  authProvider: 'oidc',
                  oidcTokenProvider: 'okta',
                  dangerouslyAllowPlainHttp: true,
                },
                {
                  name: 'gke-user',
                  url: trap.url,
                  authProvider: 'google',
                  dangerouslyAllowPlainHttp: true,
                },
                {
                  name: 'plain-dev',
                  url: trap.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: trap.token,
                },
                {
                  name: 'pod-token',
                  url: trap.url,
                  authProvider: 'serviceAccount',
                  dangerouslyAllowPlainHttp: true,
                },
              ],
            },
          ],
        },
      },
      [vaultStrategyModule],
    );
  });
  afterAll(() => backend?.stop());

  it("reads with a strategy a module added, asked without any viewer's token", async () => {
    const res = await status(backend.server, 'app-vault');
    expect(res.status).toBe(200);
    const body = res.body as DevStatus;
    expect(body.errors).toEqual([]);
    expect(body.target.cluster).toBe('vault-dev');
    // only the strategy's token opens the dev sandbox
    expect(body.argo).toMatchObject({ state: 'ok' });
    expect(strategyCalls.length).toBeGreaterThan(0);
    expect(strategyCalls.every(c => c.cluster === 'vault-dev')).toBe(true);
    expect(strategyCalls.every(c => JSON.stringify(c.auth) === '{}')).toBe(
      true,
    );
  });

  it("sends Backstage's AwsIamStrategy token as the bearer token, and says the cluster refused it", async () => {
    const res = await status(backend.server, 'app-eks');
    expect(res.status).toBe(200);
    const body = res.body as DevStatus;
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors.every(e => e.type === 'unauthorized')).toBe(true);
    expect(eks.seen.length).toBeGreaterThan(0);
    // plugins/kubernetes-backend/src/auth/AwsIamStrategy.ts: a presigned STS GetCallerIdentity
    // for the cluster (x-k8s-aws-id), base64url, prefixed k8s-aws-v1.
    for (const header of eks.seen) {
      expect(header).toMatch(/^Bearer k8s-aws-v1\./);
      const url = new URL(
        Buffer.from(
          header.slice('Bearer k8s-aws-v1.'.length),
          'base64url',
        ).toString(),
      );
      expect(url.host).toBe('sts.us-east-1.amazonaws.com');
      expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
      expect(url.searchParams.get('X-Amz-Credential')).toMatch(
        /^AKIAOKTETODEVTEST0001\/\d{8}\/us-east-1\/sts\/aws4_request$/,
      );
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
        'host;x-k8s-aws-id',
      );
    }
  });

  it.each([
    [
      'app-okta',
      'okta-dev',
      /authProvider 'oidc' signs in with each viewer's own OIDC token/,
    ],
    [
      'app-gke',
      'gke-user',
      /authProvider 'google' signs in with each viewer's own Google token/,
    ],
    ['app-plain', 'plain-dev', /plain http:\/\/.*dangerouslyAllowPlainHttp/],
    ['app-no-token', 'pod-token', /without a serviceAccountToken: .*inCluster/],
  ])(
    '%s: every read says cluster %s cannot be used, and why',
    async (name, cluster, why) => {
      const res = await status(backend.server, name);
      expect(res.status).toBe(200);
      const body = res.body as DevStatus;
      expect(body.errors.length).toBeGreaterThan(0);
      for (const error of body.errors) {
        expect(error).toMatchObject({ type: 'unusable', cluster });
        expect(error.message).toContain(
          `Cluster '${cluster}' cannot be used: `,
        );
        expect(error.message).toMatch(why);
      }
    },
  );

  it('lists every cluster with whether okteto-dev can use it, where it is configured and why not', async () => {
    const res = await request(backend.server)
      .get('/api/okteto-dev/v1/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const body = res.body as DevClustersResponse;
    expect(
      body.items.map(i => [i.name, i.usable, i.reachable, i.error?.type]),
    ).toEqual([
      ['vault-dev', true, true, undefined],
      ['eks-dev', true, false, 'unauthorized'],
      ['okta-dev', false, false, 'unusable'],
      ['gke-user', false, false, 'unusable'],
      ['plain-dev', false, false, 'unusable'],
      ['pod-token', false, false, 'unusable'],
    ]);
    expect(body.items[2].source).toBe(
      'kubernetes.clusterLocatorMethods[0].clusters[2]',
    );
    expect(JSON.stringify(body)).not.toContain(trap.token!);
    expect(JSON.stringify(body)).not.toContain(dev.token!);
  });

  it('sent nothing to a cluster it may not use, live watches included', async () => {
    // live mode (on by default) has had the catalog's entities to watch since the start
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(trap.requests).toEqual([]);
  });
});

describe('no cluster configured at all', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  beforeAll(async () => {
    trap.counters.reset();
    backend = await backendWith({});
  });
  afterAll(() => backend?.stop());

  it('reads nothing, not even with the default kubeconfig, and says so', async () => {
    const res = await status(backend.server, 'app-vault');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /No cluster is configured for okteto-dev \(asked for 'vault-dev'\): .*never falls back to Backstage's own kubeconfig/,
    );
    const clusters = await request(backend.server)
      .get('/api/okteto-dev/v1/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(clusters.body).toEqual({ items: [] });
    expect(trap.requests).toEqual([]);
  });
});
