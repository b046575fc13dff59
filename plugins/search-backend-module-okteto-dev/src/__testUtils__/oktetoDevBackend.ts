import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Sandbox } from '@okteto-dev/kube-sandbox';
import oktetoDevPlugin from '@okteto-dev/plugin-okteto-dev-backend';
import { DevStatusServiceApi } from '@okteto-dev/plugin-okteto-dev-node';
import { Captured, captureDevStatus } from './captureDevStatus';

/** `oktetoDev` config for one sandbox (or a dead URL), as cluster `default`. */
export function oktetoDevConfig(
  target: Pick<Sandbox, 'url' | 'token'>,
  timeoutMs = 2000,
) {
  return {
    timeoutMs,
    // these tests count the LISTs of polling mode (live mode reads through watches instead)
    live: { enabled: false },
    // payload-core's irregular web-payload-dev, as the demo's app-config.yaml allows it
    targets: {
      allow: [{ namespaces: ['web-*-dev'], applications: ['argo/web-*-dev'] }],
    },
    clusters: [
      {
        name: 'default',
        url: target.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: target.token,
        // the sandbox serves plain http on loopback
        dangerouslyAllowPlainHttp: true,
      },
    ],
  };
}

/**
 * The real okteto-dev backend against `target`, its catalog holding `entities`, and the
 * `devStatusServiceRef` of another plugin of the same backend.
 */
export async function startOktetoDevBackend(
  target: Pick<Sandbox, 'url' | 'token'>,
  entities: Entity[],
  timeoutMs?: number,
  /** More `oktetoDev` config, e.g. `rbac.clusterWide` for thousands of dev namespaces. */
  oktetoDev: Record<string, unknown> = {},
): Promise<{ devStatus: DevStatusServiceApi; stop(): Promise<void> }> {
  const found: Captured = {};
  const backend = await startTestBackend({
    features: [
      oktetoDevPlugin,
      catalogServiceMock.factory({ entities }),
      captureDevStatus(found),
      mockServices.rootConfig.factory({
        data: {
          oktetoDev: { ...oktetoDevConfig(target, timeoutMs), ...oktetoDev },
        },
      }),
    ],
  });
  return { devStatus: found.devStatus!, stop: () => backend.stop() };
}
