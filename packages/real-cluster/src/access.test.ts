/*
 * Authentication and authorization for real: service-account tokens issued
 * by the TokenRequest API and checked by the API server, RBAC from the real
 * authorizer, and the kubeconfig with the real kubectl.
 */
import {
  AuthenticationV1Api,
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import { kubectl, RealCluster, startRealCluster } from './index';
import { eventually, kubeConfigOf, kubeConfigWithToken, newNamespace, statusOf } from './testUtils';

jest.setTimeout(120_000);

describe('access to the real cluster', () => {
  let cluster: RealCluster;
  let kc: KubeConfig;

  beforeAll(async () => {
    cluster = await startRealCluster();
    kc = kubeConfigOf(cluster);
  });
  afterAll(() => cluster?.close());

  it('the admin token is accepted and belongs to system:masters', async () => {
    const who = await kubeConfigWithToken(cluster, cluster.token)
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect(who.status?.userInfo?.groups).toContain('system:masters');
    const bad = await statusOf(kubeConfigWithToken(cluster, 'not-a-token').makeApiClient(CoreV1Api).listNamespace());
    expect(bad.code).toBe(401);
  });

  it('a service-account token works, and RBAC refuses what its Role does not grant', async () => {
    const ns = await newNamespace(kc, 'rbac');
    const other = await newNamespace(kc, 'rbac-other');
    const core = kc.makeApiClient(CoreV1Api);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'reader' } } });
    await rbac.createNamespacedRole({
      namespace: ns,
      body: {
        metadata: { name: 'pod-reader' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: 'reader-reads-pods' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns }],
      },
    });
    // TokenRequest: a JWT signed with the cluster's service-account key.
    const tr = await core.createNamespacedServiceAccountToken({
      name: 'reader',
      namespace: ns,
      body: { spec: { audiences: [], expirationSeconds: 3600 } },
    });
    const token = tr.status!.token;
    expect(token.split('.')).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.iss).toBe('https://kubernetes.default.svc.cluster.local');
    expect(claims.sub).toBe(`system:serviceaccount:${ns}:reader`);

    const asReader = kubeConfigWithToken(cluster, token);
    const readerCore = asReader.makeApiClient(CoreV1Api);
    const who = await asReader
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect(who.status?.userInfo?.username).toBe(`system:serviceaccount:${ns}:reader`);
    expect(who.status?.userInfo?.groups).toEqual(
      expect.arrayContaining(['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated']),
    );

    // Granted: the RoleBinding is effective at once (the authorizer's informers catch up quickly).
    const pods = await eventually(() => readerCore.listNamespacedPod({ namespace: ns }), { what: 'the reader to list pods' });
    expect(pods.items).toEqual([]);

    // Not granted: another resource, another namespace, another verb.
    const secrets = await statusOf(readerCore.listNamespacedSecret({ namespace: ns }));
    expect(secrets.code).toBe(403);
    expect(secrets.body.reason).toBe('Forbidden');
    expect(secrets.body.message).toBe(
      `secrets is forbidden: User "system:serviceaccount:${ns}:reader" cannot list resource "secrets" in API group "" in the namespace "${ns}"`,
    );
    const elsewhere = await statusOf(readerCore.listNamespacedPod({ namespace: other }));
    expect(elsewhere.code).toBe(403);
    expect(elsewhere.body.message).toContain(`in the namespace "${other}"`);
    const create = await statusOf(
      readerCore.createNamespacedPod({
        namespace: ns,
        body: { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'registry.example/app:1.0' }] } },
      }),
    );
    expect(create.code).toBe(403);
    expect(create.body.message).toContain('cannot create resource "pods"');
  });

  it('the legacy token controller fills a service-account-token Secret (serviceaccount-token controller)', async () => {
    const ns = await newNamespace(kc, 'sasecret');
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'bot' } } });
    await core.createNamespacedSecret({
      namespace: ns,
      body: {
        metadata: { name: 'bot-token', annotations: { 'kubernetes.io/service-account.name': 'bot' } },
        type: 'kubernetes.io/service-account-token',
      },
    });
    const secret = await eventually(
      async () => {
        const s = await core.readNamespacedSecret({ name: 'bot-token', namespace: ns });
        return s.data?.token ? s : undefined;
      },
      { what: 'the token in the Secret' },
    );
    const token = Buffer.from(secret.data!.token, 'base64').toString();
    expect(Buffer.from(secret.data!['ca.crt'], 'base64').toString()).toBe(cluster.ca);
    // Authenticates as the service account; it has no permission at all.
    const denied = await statusOf(kubeConfigWithToken(cluster, token).makeApiClient(CoreV1Api).listNamespacedPod({ namespace: ns }));
    expect(denied.code).toBe(403);
    expect(denied.body.message).toContain(`User "system:serviceaccount:${ns}:bot" cannot list resource "pods"`);
  });

  it('kubectl accepts the kubeconfig', () => {
    let version: string;
    try {
      version = execFileSync(process.env.KUBECTL || 'kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
    } catch (e) {
      throw new Error(`kubectl is needed for this test (Debian: apt-get install kubernetes-client; or set KUBECTL): ${e}`);
    }
    expect(JSON.parse(version).clientVersion.gitVersion).toMatch(/^v1\./);
    const nodes = JSON.parse(kubectl(cluster, ['get', 'nodes', '-o', 'json']));
    expect(nodes.items.map((n: any) => n.metadata.name)).toEqual(expect.arrayContaining(cluster.nodes));
    const table = kubectl(cluster, ['get', 'nodes']);
    for (const name of cluster.nodes) expect(table).toMatch(new RegExp(`^${name}\\s+Ready\\s`, 'm'));
    const auth = kubectl(cluster, ['auth', 'can-i', 'delete', 'nodes']);
    expect(auth.trim()).toBe('yes');
  });
});
