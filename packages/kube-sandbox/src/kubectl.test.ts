import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, Sandbox } from './index';
import { hasKubectl, kubectl, kubectlRun } from './__testUtils__';
import { eventually } from './eventually';

const describeKubectl = hasKubectl ? describe : describe.skip;
if (!hasKubectl) {
  // eslint-disable-next-line no-console
  console.warn('kubectl not found at /usr/bin/kubectl: skipping kubectl tests');
}

describeKubectl('kubectl against the sandbox (HTTPS + token)', () => {
  let sb: Sandbox;
  let cache: string;
  const k = (...args: string[]) => kubectlRun(sb.kubeconfigPath, cache, args);

  beforeAll(async () => {
    // kubectl only sends bearer tokens over HTTPS: use the generated cert.
    sb = await startSandbox({ scenario: 'web-core', tls: true });
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-sandbox-cache-'));
  });
  afterAll(async () => {
    await sb.close();
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('lists deployments as a table', async () => {
    const r = await k('get', 'deployments', '-n', 'web-corporate-dev');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+READY/);
    expect(r.stdout).toContain('web-corporate-dev-web-app');
    expect(
      sb.counters.count({ resource: 'deployments', accept: 'table' }),
    ).toBeGreaterThan(0);
  });

  it('gets Argo CD Applications as JSON', async () => {
    const r = await k(
      'get',
      'applications.argoproj.io',
      '-n',
      'argo',
      '-o',
      'json',
    );
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.items).toHaveLength(11);
    expect(
      list.items.map((a: { metadata: { name: string } }) => a.metadata.name),
    ).toContain('web-shop-dev');
  });

  it('runs get ns and api-resources', async () => {
    const ns = await k('get', 'ns');
    expect(ns.code).toBe(0);
    expect(ns.stdout).toContain('web-synestra-io-dev');
    const res = await k('api-resources');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/,
    );
    expect(res.stdout).toMatch(
      /applications\s+app,apps\s+argoproj\.io\/v1alpha1/,
    );
  });

  it('sees a change with get -w', async () => {
    const w = kubectl(sb.kubeconfigPath, cache, [
      'get',
      'deploy',
      '-n',
      'web-corporate-dev',
      '-w',
      '--output-watch-events',
      '-o',
      // with --output-watch-events, objects are wrapped in a WatchEvent
      'custom-columns=TYPE:.type,NAME:.object.metadata.name,LABEL:.object.metadata.labels.watched',
    ]);
    try {
      await eventually(() => w.stdout().includes('web-corporate-dev-web-app'), {
        timeoutMs: 10_000,
      });
      sb.store.patch(
        'deployments',
        'web-corporate-dev',
        'web-corporate-dev-web-app',
        {
          metadata: { labels: { watched: 'yes-it-was' } },
        },
      );
      await eventually(
        () =>
          /MODIFIED\s+web-corporate-dev-web-app\s+yes-it-was/.test(w.stdout()),
        { timeoutMs: 10_000 },
      );
    } finally {
      w.child.kill();
      await w.exit;
    }
    expect(
      sb.counters.count({ verb: 'watch', resource: 'deployments' }),
    ).toBeGreaterThan(0);
  });

  it('applies (create then update), patches and deletes', async () => {
    const file = path.join(cache, 'cm.yaml');
    const manifest = (v: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n  namespace: web-corporate-dev\ndata:\n  value: "${v}"\n`;
    fs.writeFileSync(file, manifest('1'));
    let r = await k('apply', '--validate=false', '-f', file);
    expect(r.stdout).toContain('configmap/demo created');
    fs.writeFileSync(file, manifest('2'));
    r = await k('apply', '--validate=false', '-f', file);
    expect(r.stdout).toContain('configmap/demo configured');
    const cm = sb.store.get('configmaps', 'web-corporate-dev', 'demo')!;
    expect(cm.data).toEqual({ value: '2' });
    expect(
      cm.metadata.annotations?.[
        'kubectl.kubernetes.io/last-applied-configuration'
      ],
    ).toContain('"value":"2"');
    expect(
      sb.counters.count({
        method: 'PATCH',
        resource: 'configmaps',
        name: 'demo',
        status: 200,
      }),
    ).toBe(1);

    r = await k(
      'patch',
      'deploy',
      'web-corporate-dev-web-app',
      '-n',
      'web-corporate-dev',
      '--type',
      'merge',
      '-p',
      '{"spec":{"replicas":2}}',
    );
    expect(r.code).toBe(0);
    expect(sb.store.list('pods', 'web-corporate-dev')).toHaveLength(2);

    r = await k('delete', 'configmap', 'demo', '-n', 'web-corporate-dev');
    expect(r.stdout).toContain('configmap "demo" deleted');
    expect(
      sb.store.get('configmaps', 'web-corporate-dev', 'demo'),
    ).toBeUndefined();
  });

  it('reports a forbidden namespace', async () => {
    const r = await k('get', 'deploy', '-n', 'web-secret-dev');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Forbidden');
  });
});

describeKubectl('kubectl against a plain-HTTP sandbox without auth', () => {
  it('works with token: false', async () => {
    const sb = await startSandbox({ scenario: 'web-core', token: false });
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-sandbox-cache-'));
    try {
      const r = await kubectlRun(sb.kubeconfigPath, cache, [
        'get',
        'pods',
        '-n',
        'web-landings-dev',
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('CrashLoopBackOff');
      // kept out of web-secret-dev, the token has no cluster-wide read
      const all = await kubectlRun(sb.kubeconfigPath, cache, [
        'get',
        'pods',
        '-A',
      ]);
      expect(all.code).not.toBe(0);
      expect(all.stderr).toContain('at the cluster scope');
    } finally {
      await sb.close();
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
