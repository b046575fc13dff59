import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from './cli';
import { startSandbox, Sandbox } from './index';
import { Any, hasKubectl, kubectlRun, specOf, statusOf } from './__testUtils__';

/*
 * The CLI against a running sandbox, checked through kubectl and
 * @kubernetes/client-node: `up`/`down` (okteto cmd/up/devdeployer.go,
 * pkg/cmd/down/run.go order) and `argocd` (the Argo CD simulation,
 * argo-cd controller/appcontroller.go autoSync).
 */

const describeKubectl = hasKubectl ? describe : describe.skip;

async function cli(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const code = await main(args, l => lines.push(l));
  expect(code).toBe(0);
  return lines;
}

describeKubectl(
  'kube-sandbox CLI, seen through kubectl (HTTPS + token)',
  () => {
    let sb: Sandbox;
    let cache: string;
    const k = (...args: string[]) => kubectlRun(sb.kubeconfigPath, cache, args);
    const kc = () => ['--kubeconfig', sb.kubeconfigPath];

    beforeAll(async () => {
      sb = await startSandbox({ scenario: 'web-core', tls: true });
      cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-sandbox-cache-'));
    });
    afterAll(async () => {
      await sb.close();
      fs.rmSync(cache, { recursive: true, force: true });
    });

    it("argocd new-commit puts synestra-io's original back to 1 replica while the clone runs", async () => {
      const ns = 'web-synestra-io-dev';
      let r = await k('get', 'deploy', '-n', ns);
      expect(r.stdout).toMatch(new RegExp(`${ns}-web-app\\s+0/0`));
      const lines = await cli('argocd', 'new-commit', ns, ...kc());
      expect(lines[0]).toMatch(
        /^Application web-synestra-io-dev: Synced at [0-9a-f]{7}, (Healthy|Progressing), last operation Succeeded$/,
      );
      r = await k('get', 'deploy', '-n', ns);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`${ns}-web-app\\s+1/1`));
      expect(r.stdout).toMatch(new RegExp(`${ns}-web-app-okteto\\s+1/1`));
      r = await k(
        'get',
        'applications.argoproj.io',
        ns,
        '-n',
        'argo',
        '-o',
        'json',
      );
      const app = JSON.parse(r.stdout);
      expect(app.status.history).toHaveLength(2);
      expect(
        app.metadata.annotations?.['sandbox.okteto-dev/new-commit'],
      ).toBeUndefined();
    });

    it('kubectl annotate with the new-commit annotation is a new commit too (consumed by the simulation)', async () => {
      const ns = 'web-corporate-dev';
      const before = statusOf(sb.store.get('applications', 'argo', ns)).sync
        .revision;
      const r = await k(
        'annotate',
        'applications.argoproj.io',
        ns,
        '-n',
        'argo',
        `sandbox.okteto-dev/new-commit=${'a'.repeat(40)}`,
      );
      expect(r.code).toBe(0);
      const a = sb.store.get('applications', 'argo', ns)!;
      expect(statusOf(a).sync.revision).toBe('a'.repeat(40));
      expect(statusOf(a).sync.revision).not.toBe(before);
      expect(
        a.metadata.annotations?.['sandbox.okteto-dev/new-commit'],
      ).toBeUndefined();
    });

    it('argocd drift and status: the patched resource shows OutOfSync', async () => {
      const ns = 'web-studio-dev';
      const lines = await cli(
        'argocd',
        'drift',
        ns,
        'Service',
        `${ns}-web-app`,
        '--patch',
        '{"spec":{"ports":[{"name":"http","port":8080,"targetPort":"http","protocol":"TCP"}]}}',
        ...kc(),
      );
      expect(lines[1]).toContain(`OutOfSync: Service/${ns}-web-app`);
      const status = await cli('argocd', 'status', ns, ...kc());
      expect(status).toEqual([expect.stringContaining('OutOfSync')]);
      const r = await k('get', 'applications.argoproj.io', '-n', 'argo');
      expect(r.stdout).toMatch(new RegExp(`${ns}\\s+OutOfSync\\s+Healthy`));
    });

    it('argocd fail-sync records a Failed operation', async () => {
      const lines = await cli(
        'argocd',
        'fail-sync',
        'web-shop-dev',
        '--message',
        'boom',
        ...kc(),
      );
      expect(lines[0]).toContain('last operation Failed');
      expect(
        statusOf(sb.store.get('applications', 'argo', 'web-shop-dev'))
          .operationState,
      ).toMatchObject({ phase: 'Failed', message: 'boom' });
    });

    it('up --stop-after clone, then down: kubectl sees both pods, then one', async () => {
      const ns = 'web-saas-dev';
      const args = [
        'web-saas-dev',
        '-n',
        ns,
        '--workload',
        `${ns}-web-app`,
        ...kc(),
      ];
      const up = await cli('up', ...args, '--stop-after', 'clone');
      expect(up[0]).toContain('interrupted after the clone');
      let r = await k('get', 'pods', '-n', ns, '-o', 'name');
      expect(r.stdout.trim().split('\n')).toHaveLength(2);
      const down = await cli('down', ...args);
      expect(down[0]).toContain('clone deleted');
      r = await k('get', 'pods', '-n', ns, '-o', 'name');
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
    });

    it('kubectl prints a dev pod stuck in an init container as Init:ImagePullBackOff', async () => {
      const ns = 'web-admin-dev';
      const r = await k(
        'patch',
        'deploy',
        `${ns}-web-app-okteto`,
        '-n',
        ns,
        '--type',
        'merge',
        '-p',
        '{"spec":{"template":{"metadata":{"annotations":{"sandbox.okteto-dev/init-state":"okteto-bin=ImagePullBackOff"}}}}}',
      );
      expect(r.code).toBe(0);
      const pods = await k('get', 'pods', '-n', ns);
      expect(pods.stdout).toMatch(
        /web-admin-dev-web-app-okteto-\S+\s+0\/1\s+Init:ImagePullBackOff/,
      );
      const pvc = await k('get', 'pvc', '-n', 'web-docs-dev');
      expect(pvc.stdout).toMatch(/web-docs-dev-okteto\s+Pending\s+fast-ssd/);
      const docs = await k('get', 'pods', '-n', 'web-docs-dev');
      expect(docs.stdout).toMatch(/\s0\/1\s+Pending\s/);
    });
  },
);

describe('kube-sandbox CLI over plain HTTP, read with @kubernetes/client-node', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'web-core' });
  });
  afterAll(() => sb.close());

  it('up/down are ordinary API calls: one POST creates the clone', async () => {
    const ns = 'web-corporate-dev';
    const args = [
      'corp',
      '--namespace',
      ns,
      '--workload',
      `${ns}-web-app`,
      '--kubeconfig',
      sb.kubeconfigPath,
    ];
    sb.counters.reset();
    const up = await cli('up', ...args, '--user', 'erin');
    expect(up[0]).toBe(
      `okteto up corp: clone ${ns}-web-app-okteto written, then ${ns}-web-app in dev mode (replicas 0)`,
    );
    expect(up[1]).toMatch(/Application web-corporate-dev: OutOfSync/);
    expect(sb.requests.every(r => r.path.startsWith('/api'))).toBe(true);
    expect(
      sb.counters.count({
        method: 'POST',
        resource: 'deployments',
        status: 201,
      }),
    ).toBe(1);
    await cli('down', ...args);
    expect(
      sb.store.get('deployments', ns, `${ns}-web-app-okteto`),
    ).toBeUndefined();
    expect(
      specOf(sb.store.get('deployments', ns, `${ns}-web-app`)).replicas,
    ).toBe(1);
  });

  it('argocd new-commit --all, then the Application read through client-node', async () => {
    await cli(
      'argocd',
      'new-commit',
      '--all',
      '--kubeconfig',
      sb.kubeconfigPath,
    );
    const kc = new KubeConfig();
    kc.loadFromFile(sb.kubeconfigPath);
    const custom = kc.makeApiClient(CustomObjectsApi);
    const app = (await custom.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: 'argo',
      plural: 'applications',
      name: 'web-synestra-io-dev',
    })) as Any;
    const shop = (await custom.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: 'argo',
      plural: 'applications',
      name: 'web-shop-dev',
    })) as Any;
    expect(app.status.sync.revision).toBe(shop.status.sync.revision);
    expect(app.status.operationState.syncResult.revision).toBe(
      app.status.sync.revision,
    );
    expect(
      specOf(
        sb.store.get(
          'deployments',
          'web-synestra-io-dev',
          'web-synestra-io-dev-web-app',
        ),
      ).replicas,
    ).toBe(1);
  });

  it('prints usage for a wrong command', async () => {
    const lines: string[] = [];
    expect(await main(['argocd', 'new-commit'], l => lines.push(l))).toBe(2);
    expect(
      await main(['up', 'x', '-n', 'y', '--stop-after', 'nope'], l =>
        lines.push(l),
      ),
    ).toBe(2);
    expect(lines[0]).toContain('kube-sandbox argocd new-commit');
  });
});
