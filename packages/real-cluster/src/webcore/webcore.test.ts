import { CoreV1Api, NetworkingV1Api } from '@kubernetes/client-node';
import { RealCluster, startRealCluster } from '../index';
import {
  WEB_CORE_APPLICATION_SET,
  WEB_CORE_STACK_APPS,
  webCoreNames,
} from './apps';
import { startWebCoreStack, WebCoreStack } from './stack';

/**
 * The web-core stack itself: examples/web-core-repo's chart, values and Applications, applied from
 * the repository by a root Application, synced by the real Argo CD.
 */
jest.setTimeout(600_000);

let cluster: RealCluster;
let stack: WebCoreStack;

beforeAll(async () => {
  // a cluster of its own: web-core's names (namespace argo, project synestra-web, web-*-dev) allow
  // one web-core per cluster, and argocdApi.real.test.ts runs an Argo CD in argo on the shared one
  cluster = await startRealCluster({ shared: false });
  const started = Date.now();
  stack = await startWebCoreStack(cluster);
  process.stderr.write(
    `web-core stack ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
  );
});

afterAll(async () => {
  await stack?.close();
  await cluster?.close();
});

it('every dev Application of the repository is Synced and Healthy, landings is the ApplicationSet’s', async () => {
  for (const spec of WEB_CORE_STACK_APPS.filter(a => a.application !== false)) {
    const app = await stack.application(webCoreNames(spec).application);
    expect({
      name: app.metadata.name,
      sync: app.status?.sync?.status,
      health: app.status?.health?.status,
    }).toEqual({
      name: webCoreNames(spec).application,
      sync: 'Synced',
      health: 'Healthy',
    });
    expect(app.spec.source.repoURL).toBe(stack.repo.url);
  }
  const landings = await stack.application('web-landings-dev');
  expect(landings.metadata.ownerReferences).toEqual([
    expect.objectContaining({
      kind: 'ApplicationSet',
      name: WEB_CORE_APPLICATION_SET,
    }),
  ]);
  const ingress = await stack.kc
    .makeApiClient(NetworkingV1Api)
    .readNamespacedIngress({
      namespace: 'web-synestra-io-dev',
      name: 'web-synestra-io-dev-web-app',
    });
  expect(ingress.status?.loadBalancer?.ingress).toEqual([{ ip: '127.0.0.1' }]);
  // corporate's values keep the chart's media volume: bound by the provisioner
  const pvc = await stack.kc
    .makeApiClient(CoreV1Api)
    .readNamespacedPersistentVolumeClaim({
      namespace: 'web-corporate-dev',
      name: 'web-corporate-dev-web-app-media',
    });
  expect(pvc.status?.phase).toBe('Bound');
});

it('okteto up runs the dev container of web-core’s own dev entry; okteto down ends it', async () => {
  const up = await stack.oktetoUp('synestra-io');
  expect({ stopped: up.stopped, out: up.stdout + up.stderr }).toMatchObject({
    stopped: 'condition',
  });
  const clone = await stack.deployment(
    'web-synestra-io-dev',
    'web-synestra-io-dev-web-app-okteto',
  );
  expect(clone?.metadata?.labels?.['dev.okteto.com/clone']).toBeDefined();
  const down = await stack.oktetoDown('synestra-io');
  expect({ code: down.code, out: down.stdout + down.stderr }).toMatchObject({
    code: 0,
  });
});
