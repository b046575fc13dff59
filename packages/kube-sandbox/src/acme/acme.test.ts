import fs from 'node:fs';
import path from 'node:path';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { Any, specOf, statusOf } from '../__testUtils__';
import { main } from '../cli';
import { scenarioFiles } from '../conventions';
import { SCENARIOS_DIR } from '../scenario';
import { startSandbox, Sandbox, volumeLabelKey } from '../index';
import { WEB_CORE_SCENARIO } from '../webcore';
import { ACME_SCENARIO } from './scenario';

/*
 * A team whose conventions are not web-core's, loaded with the same
 * generator, okteto up and Argo CD simulations.
 */

describe('acme scenario', () => {
  let sb: Sandbox;
  const deploy = (app: string, suffix = '') =>
    sb.store.get('deployments', `apps-${app}`, `${app}${suffix}`)!;
  const app = (name: string) =>
    statusOf(sb.store.get('applications', 'argocd', name));

  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'acme' });
  });
  afterAll(() => sb.close());

  it('has Applications <app>-dev in argocd, deploying into apps-<app>', () => {
    expect(sb.store.list('applications', 'argo')).toEqual([]);
    const apps = sb.store.list('applications', 'argocd');
    expect(apps.map(a => a.metadata.name)).toEqual([
      'billing-dev',
      'catalog-dev',
    ]);
    expect(specOf(apps[0])).toMatchObject({
      project: 'default',
      source: {
        targetRevision: 'HEAD',
        path: 'deploy/billing',
        helm: { valueFiles: ['values-development.yaml'] },
      },
      destination: { namespace: 'apps-billing' },
      syncPolicy: { automated: { prune: true, selfHeal: false } },
    });
    expect(statusOf(apps[0]).controllerNamespace).toBe('argocd');
  });

  it('names and shapes the workload by acme conventions', () => {
    const d = deploy('catalog');
    expect(d.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'catalog',
      'app.kubernetes.io/part-of': 'acme',
    });
    expect(d.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe(
      'catalog-dev:apps/Deployment:apps-catalog/catalog',
    );
    const [c] = specOf(d).template.spec.containers;
    expect(c.name).toBe('web');
    expect(c.env).toEqual([
      { name: 'APP_ENV', value: 'development' },
      { name: 'PUBLIC_URL', value: 'https://catalog.dev.acme.example' },
    ]);
    expect(c.envFrom).toEqual([{ secretRef: { name: 'catalog-secrets' } }]);
    expect(
      sb.store.get('secrets', 'apps-catalog', 'catalog-secrets'),
    ).toBeDefined();
    expect(sb.store.get('services', 'apps-catalog', 'catalog')).toBeDefined();
  });

  it('catalog: dev mode off, Synced, Healthy, one ready pod', () => {
    expect(
      deploy('catalog').metadata.labels?.['dev.okteto.com'],
    ).toBeUndefined();
    expect(statusOf(deploy('catalog'))).toMatchObject({ readyReplicas: 1 });
    expect(app('catalog-dev')).toMatchObject({
      sync: { status: 'Synced' },
      health: { status: 'Healthy' },
    });
  });

  it('billing: okteto up (manifest billing, no user) put the clone next to the original at 0; Argo CD sees the Deployment OutOfSync', () => {
    const original = deploy('billing');
    expect(original.metadata.labels?.['dev.okteto.com']).toBe('true');
    expect(specOf(original).replicas).toBe(0);
    const clone = deploy('billing', '-okteto');
    const tpl = specOf(clone).template;
    expect(tpl.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'billing',
      'interactive.dev.okteto.com': 'billing',
      [volumeLabelKey('billing', 'billing')]: 'true',
    });
    const [c] = tpl.spec.containers;
    expect(c.name).toBe('web');
    expect(c.image).toBe('registry.acme.example/dev/node:22');
    const env = Object.fromEntries(c.env.map((e: Any) => [e.name, e.value]));
    expect(env).toMatchObject({
      APP_ENV: 'development',
      OKTETO_NAMESPACE: 'apps-billing',
      OKTETO_NAME: 'billing',
    });
    expect(env.OKTETO_USERNAME).toBeUndefined();
    expect(
      sb.store.list('pods', 'apps-billing').map(p => p.metadata.name),
    ).toEqual([expect.stringMatching(/^billing-okteto-/)]);
    expect(app('billing-dev')).toMatchObject({
      sync: { status: 'OutOfSync' },
      health: { status: 'Healthy' },
    });
    expect(
      app('billing-dev')
        .resources.filter((r: Any) => r.status === 'OutOfSync')
        .map((r: Any) => `${r.kind}/${r.name}`),
    ).toEqual(['Deployment/billing']);
  });

  it('is readable through the API in its own namespaces', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(sb.kubeconfigPath);
    const list = (await kc
      .makeApiClient(CustomObjectsApi)
      .listNamespacedCustomObject({
        group: 'argoproj.io',
        version: 'v1alpha1',
        namespace: 'argocd',
        plural: 'applications',
      })) as { items: Any[] };
    expect(list.items.map(a => a.metadata.name)).toEqual([
      'billing-dev',
      'catalog-dev',
    ]);
    const events = await kc.makeApiClient(CoreV1Api).listNamespacedEvent({
      namespace: 'apps-billing',
      fieldSelector: 'type=Warning',
    });
    expect(events.items).toEqual([]);
  });

  it('runs the Argo CD simulation: the CLI finds the Application in argocd, a new commit brings the original back', async () => {
    const lines: string[] = [];
    const code = await main(
      [
        'argocd',
        'new-commit',
        'billing-dev',
        '--kubeconfig',
        sb.kubeconfigPath,
      ],
      l => lines.push(l),
    );
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(
      /^Application billing-dev: Synced at [0-9a-f]{7}, Healthy/,
    );
    expect(specOf(deploy('billing')).replicas).toBe(1);
    expect(deploy('billing', '-okteto')).toBeDefined();
    expect(app('billing-dev').history).toHaveLength(2);
  });

  it('okteto down through the CLI names the Application it finds in argocd', async () => {
    const lines: string[] = [];
    const code = await main(
      [
        'down',
        'billing',
        '-n',
        'apps-billing',
        '--selector',
        'app.kubernetes.io/name=billing',
        '--kubeconfig',
        sb.kubeconfigPath,
      ],
      l => lines.push(l),
    );
    expect(code).toBe(0);
    expect(lines[0]).toBe(
      'okteto down billing: billing restored, clone deleted, secret deleted',
    );
    expect(lines[1]).toMatch(/^ {2}Application billing-dev: /);
    expect(
      sb.store.get('deployments', 'apps-billing', 'billing-okteto'),
    ).toBeUndefined();
  });
});

describe('shipped scenario files', () => {
  it.each([WEB_CORE_SCENARIO, ACME_SCENARIO])(
    '$name: the files are what its generator writes',
    def => {
      const dir = path.join(SCENARIOS_DIR, def.name);
      const files = scenarioFiles(def);
      expect(
        fs
          .readdirSync(dir)
          .filter(f => f.endsWith('.yaml'))
          .sort(),
      ).toEqual([...files.keys()]);
      for (const [file, text] of files) {
        expect(fs.readFileSync(path.join(dir, file), 'utf8')).toBe(text);
      }
    },
  );
});
