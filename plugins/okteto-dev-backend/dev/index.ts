/*
 * A local backend with okteto-dev against the kube-sandbox web-core scenario, no cluster needed:
 *
 *   npm start --workspace @okteto-dev/plugin-okteto-dev-backend
 *   curl 'http://localhost:7007/api/okteto-dev/v1/status?entityRef=component:default/synestra-io'
 *
 * Requests are unauthenticated (mock auth) and the catalog holds the web-core example entities.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { startSandbox } from '@okteto-dev/kube-sandbox';
import {
  catalogFactory,
  sandboxClusters,
  webCoreUrlReader,
} from '../src/__testUtils__/testBackend';
import { WEB_CORE_TARGETS } from '../src/__testUtils__/webCoreEntities';

async function main() {
  const sandbox = await startSandbox({ scenario: 'web-core' });
  process.stdout.write(
    `kube-sandbox (web-core) at ${sandbox.url}, kubeconfig ${sandbox.kubeconfigPath}\n`,
  );
  const backend = createBackend();
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(catalogFactory());
  backend.add(webCoreUrlReader);
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: 'http://localhost:7007',
          listen: { port: 7007 },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        integrations: { github: [{ host: 'github.com' }] },
        oktetoDev: {
          clusters: sandboxClusters(sandbox),
          targets: WEB_CORE_TARGETS,
        },
      },
    }),
  );
  backend.add(import('../src'));
  await backend.start();
  const stop = async () => {
    await backend.stop();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
