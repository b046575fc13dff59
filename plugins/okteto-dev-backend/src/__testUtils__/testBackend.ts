import { JsonObject } from '@backstage/types';
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startSandbox, Sandbox } from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import request from 'supertest';
import path from 'node:path';
import { oktetoDevPlugin } from '../plugin';
import { WEB_CORE_ENTITIES, WEB_CORE_TARGETS } from './webCoreEntities';

/** The user the fake catalog hides every entity from. */
export const OUTSIDER = 'user:default/outsider';

const REPO_DIR = path.resolve(__dirname, '../../../../examples/web-core-repo');
const REPO_BASE = 'https://github.com/NeoGrAIph/web-core/tree/main/';

/** A UrlReader serving one repository: files under `base`, from `file` (undefined: no such file). */
export function repositoryUrlReader(
  base: string,
  file: (path: string) => Buffer | string | undefined,
) {
  return createServiceFactory({
    service: coreServices.urlReader,
    deps: {},
    factory(): UrlReaderService {
      const read = async (url: string) => {
        const content = url.startsWith(base)
          ? file(url.slice(base.length))
          : undefined;
        if (content === undefined) throw new NotFoundError(`${url} not found`);
        const buffer = Buffer.from(content);
        return { buffer: async () => buffer, etag: 'e' };
      };
      return {
        readUrl: read,
        readTree: async () => {
          throw new Error('not used');
        },
        search: async () => {
          throw new Error('not used');
        },
      } as unknown as UrlReaderService;
    },
  });
}

/** A UrlReader over examples/web-core-repo, as the GitHub reader would answer for web-core. */
/**
 * examples/web-core-repo at https://github.com/NeoGrAIph/web-core/tree/main/, with the files of
 * `overlay` (path → content) in place of the repository's: a test commits by changing the overlay.
 */
export function webCoreUrlReaderWith(overlay: Map<string, string>) {
  return repositoryUrlReader(REPO_BASE, relative => {
    if (overlay.has(relative)) return overlay.get(relative);
    const file = path.join(REPO_DIR, relative);
    return file.startsWith(REPO_DIR) && fs.existsSync(file)
      ? fs.readFileSync(file)
      : undefined;
  });
}

export const webCoreUrlReader = webCoreUrlReaderWith(new Map());

/** The catalog with visibility: the outsider sees nothing, as a permission policy would decide. */
export function catalogFactory(entities: Entity[] = WEB_CORE_ENTITIES) {
  const catalog = catalogServiceMock({ entities });
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  // an own property on the mock itself: its other methods keep their private state
  catalog.getEntitiesByRefs = async (query, options) => {
    const { credentials } = options as { credentials?: BackstageCredentials };
    const principal = credentials?.principal as { userEntityRef?: string };
    const hidden = principal?.userEntityRef === OUTSIDER;
    return {
      items: query.entityRefs.map(ref => (hidden ? undefined : byRef.get(ref))),
    };
  };
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  });
}

/**
 * `oktetoDev.clusters` for one sandbox, as cluster `default` with its service-account token (the
 * sandbox serves plain http on loopback unless started with TLS: that takes the explicit opt-in).
 */
export function sandboxClusters(sandbox: Pick<Sandbox, 'url' | 'token'>) {
  return [
    {
      name: 'default',
      url: sandbox.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: sandbox.token,
      ...(sandbox.url.startsWith('http:')
        ? { dangerouslyAllowPlainHttp: true }
        : {}),
    },
  ];
}

export interface TestSetup {
  sandbox: Sandbox;
  server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  stop(): Promise<void>;
}

/**
 * A real backend with the okteto-dev plugin: `oktetoDev` config (GitHub integration for the
 * repository reads), and the catalog, UrlReader and whatever else `features` bring.
 */
export function startOktetoDevBackend(options: {
  oktetoDev: JsonObject;
  features: Parameters<typeof startTestBackend>[0]['features'];
}) {
  return startTestBackend({
    features: [
      oktetoDevPlugin,
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [{ host: 'github.com' }] },
          oktetoDev: options.oktetoDev,
        },
      }),
      ...(options.features ?? []),
    ],
  });
}

/** The sandbox with the web-core scenario and a real backend with okteto-dev pointed at it. */
export async function startWebCoreBackend(
  oktetoDev: JsonObject = {},
  sandboxOptions: Parameters<typeof startSandbox>[0] = {},
  /** More features, e.g. a permissions mock with a policy. */
  extraFeatures: Parameters<typeof startTestBackend>[0]['features'] = [],
): Promise<TestSetup> {
  const sandbox = await startSandbox({
    scenario: 'web-core',
    ...sandboxOptions,
  });
  const backend = await startOktetoDevBackend({
    oktetoDev: {
      clusters: sandboxClusters(sandbox),
      targets: WEB_CORE_TARGETS,
      // these tests count the reads of polling mode; live mode has its own (src/live*.test.ts)
      live: { enabled: false },
      ...oktetoDev,
    },
    features: [
      // Requests without a token are anonymous, so the auth policy is exercised.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogFactory(),
      webCoreUrlReader,
      ...(extraFeatures ?? []),
    ],
  });
  return {
    sandbox,
    server: backend.server,
    async stop() {
      await backend.stop();
      await sandbox.close();
    },
  };
}

/** GET /v1/status of a default-namespace component as the default user; expects HTTP 200. */
export async function fetchStatus(
  setup: Pick<TestSetup, 'server'>,
  name: string,
): Promise<DevStatus> {
  const res = await request(setup.server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: `component:default/${name}` })
    .set('Authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return res.body;
}
