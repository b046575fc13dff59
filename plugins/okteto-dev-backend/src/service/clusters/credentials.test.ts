import type {
  AuthenticationStrategy,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import { startSandbox, Sandbox } from '@okteto-dev/kube-sandbox';
import { OktetoDevCluster } from '@okteto-dev/plugin-okteto-dev-node';
import type https from 'node:https';
import { ClusterClient, kubeConfigFor } from '../kube/ClusterClient';
import { clusterDetails } from './assessCluster';
import { ClusterCredentialError, StrategyCredential } from './credentials';

jest.setTimeout(30_000);

function strategy(
  credential: () => Promise<KubernetesCredential>,
): AuthenticationStrategy & { calls: number } {
  const s = {
    calls: 0,
    async getCredential() {
      s.calls++;
      return credential();
    },
    validateCluster: () => [],
    presentAuthMetadata: () => ({}),
  };
  return s;
}

const cluster = (url: string): OktetoDevCluster => ({
  name: 'x',
  url,
  authProvider: 'custom',
});

describe('StrategyCredential', () => {
  it('asks the strategy once for concurrent reads, then reuses the credential for a minute', async () => {
    let now = 0;
    const s = strategy(async () => ({ type: 'bearer token', token: 't' }));
    const credential = new StrategyCredential(
      clusterDetails(cluster('https://a')),
      s,
      () => now,
    );
    await Promise.all([credential.get(), credential.get(), credential.get()]);
    expect(s.calls).toBe(1);
    now += 59_000;
    await credential.get();
    expect(s.calls).toBe(1);
    now += 2_000;
    await credential.get();
    expect(s.calls).toBe(2);
  });

  it('a failure is a ClusterCredentialError naming the provider, without principals, remembered for 5 s', async () => {
    let now = 0;
    const logged: Error[] = [];
    const s = strategy(async () => {
      throw new Error(
        'User: arn:aws:sts::123456789012:assumed-role/x/y is not authorized; okteto@p.iam.gserviceaccount.com\nstack…',
      );
    });
    const credential = new StrategyCredential(
      clusterDetails({ ...cluster('https://a'), authProvider: 'aws' }),
      s,
      () => now,
      error => logged.push(error),
    );
    const error = await credential.get().catch(e => e);
    expect(error).toBeInstanceOf(ClusterCredentialError);
    expect(error.message).toBe(
      "okteto-dev could not get a credential from authProvider 'aws': User: arn:[hidden] is not authorized; [hidden]",
    );
    // the whole error goes to the log
    expect(logged[0].message).toContain('okteto@p.iam.gserviceaccount.com');
    await credential.get().catch(() => undefined);
    expect(s.calls).toBe(1);
    now += 5_000;
    await credential.get().catch(() => undefined);
    expect(s.calls).toBe(2);
  });
});

describe('kubeConfigFor: the strategy’s credential on each request', () => {
  const optionsFor = async (credential: KubernetesCredential) => {
    const kc = kubeConfigFor(
      cluster('https://k8s.example.com'),
      new StrategyCredential(
        clusterDetails(cluster('https://k8s.example.com')),
        strategy(async () => credential),
      ),
    );
    const opts: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(opts);
    return opts;
  };

  it('a bearer token as the Authorization header', async () => {
    const opts = await optionsFor({ type: 'bearer token', token: 'abc' });
    expect(opts.headers).toMatchObject({ Authorization: 'Bearer abc' });
  });

  it('an x509 client certificate as the TLS key pair', async () => {
    const opts = await optionsFor({
      type: 'x509 client certificate',
      cert: 'CERT',
      key: 'KEY',
    });
    expect(opts.cert).toBe('CERT');
    expect(opts.key).toBe('KEY');
    expect(opts.headers).not.toHaveProperty('Authorization');
  });

  it('nothing for anonymous', async () => {
    const opts = await optionsFor({ type: 'anonymous' });
    expect(opts.headers).not.toHaveProperty('Authorization');
    expect(opts.cert).toBeUndefined();
  });

  it('refuses a plain-http server without the opt-in, and tells client-node to use http with it', () => {
    const credential = new StrategyCredential(
      clusterDetails(cluster('http://a')),
      strategy(async () => ({ type: 'anonymous' })),
    );
    expect(() => kubeConfigFor(cluster('http://a'), credential)).toThrow(
      /plain http:\/\//,
    );
    const kc = kubeConfigFor(
      { ...cluster('http://a'), dangerouslyAllowPlainHttp: true },
      credential,
    );
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'http://a',
      skipTLSVerify: true,
    });
  });
});

describe('a strategy that gives no credential', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('fails the read as unauthorized, and sends nothing', async () => {
    const c = {
      ...cluster(sandbox.url),
      authProvider: 'aws',
      dangerouslyAllowPlainHttp: true,
    };
    const client = new ClusterClient(
      'x',
      kubeConfigFor(
        c,
        new StrategyCredential(
          clusterDetails(c),
          strategy(async () => {
            throw new Error('no AWS credentials');
          }),
        ),
      ),
      2000,
    );
    sandbox.counters.reset();
    const read = await client.version();
    expect(read).toEqual({
      ok: false,
      error: {
        type: 'unauthorized',
        cluster: 'x',
        resource: 'version',
        message:
          "version: okteto-dev could not get a credential from authProvider 'aws': no AWS credentials",
      },
    });
    expect(sandbox.requests).toEqual([]);
  });
});
