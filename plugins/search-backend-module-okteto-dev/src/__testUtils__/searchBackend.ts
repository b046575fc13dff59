import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import { SearchResult } from '@backstage/plugin-search-common';
import { Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import oktetoDevPlugin from '@okteto-dev/plugin-okteto-dev-backend';
import { DevStatusServiceApi } from '@okteto-dev/plugin-okteto-dev-node';
import request from 'supertest';
import searchModuleOktetoDev from '../index';
import { authWithActorsFactory } from './authWithActors';
import { Captured, captureDevStatus } from './captureDevStatus';
import { inDevModePlugin } from './inDevModePlugin';
import { ALLOWED, WEB_CORE } from './entities';
import { oktetoDevConfig } from './oktetoDevBackend';
import { testPolicyModule } from './policy';
import { entityProviderModule } from './webCoreCatalog';

/** Calls `check` until it returns true, at most `timeoutMs`; fails with `what` otherwise. */
export async function pollUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** A search query as the search page sends it. */
export interface SearchQuery {
  term: string;
  types?: string[];
  filters?: Record<string, string>;
}

export interface SearchSetup {
  sandbox: Sandbox;
  /** `devStatusServiceRef` as another plugin of the backend gets it. */
  devStatus: DevStatusServiceApi;
  /** Runs the `software-catalog` and `okteto-dev` collators now and waits for them. */
  collate(): Promise<void>;
  /** `GET /api/search/query` as `user`. */
  search(user: string, query: SearchQuery): Promise<SearchResult[]>;
  /** The names of the entities `user` finds in the catalog (`GET /api/catalog/entities/by-query`). */
  catalogNames(user: string): Promise<string[]>;
  /** `GET /api/in-dev-mode` (the README's example plugin) as `user`. */
  inDevMode(user: string, entityRefs: string[]): Promise<string[]>;
  stop(): Promise<void>;
}

/** How the organisation set search up: the collator's permission, and whether the policy is wrapped. */
export interface SearchBackendOptions {
  /** `search.collators.oktetoDev.visibilityPermission`; unset: the default. */
  visibilityPermission?: 'catalog.entity.read' | 'okteto-dev.status.read';
  /** Whether the policy is wrapped with `withCatalogReadForOktetoDev`. */
  wrappedPolicy: boolean;
}

/**
 * A backend as an organisation runs it: the real catalog (serving the web-core entities), the
 * permission backend with {@link testPolicyModule}, the okteto-dev backend against the kube-sandbox
 * `web-core` scenario, and the search backend (Lunr, permissions on) with the catalog collator
 * and this module.
 */
export async function startSearchBackend(
  options: SearchBackendOptions,
): Promise<SearchSetup> {
  const sandbox = await startSandbox({ scenario: 'web-core' });
  const found: Captured = {};
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      entityProviderModule(WEB_CORE),
      permissionPlugin,
      testPolicyModule({ wrapped: options.wrappedPolicy }),
      oktetoDevPlugin,
      searchPlugin,
      searchModuleCatalog,
      searchModuleOktetoDev,
      captureDevStatus(found),
      inDevModePlugin,
      // collators run when the test says so, once the catalog has its entities
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      authWithActorsFactory,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          oktetoDev: oktetoDevConfig(sandbox),
          ...(options.visibilityPermission
            ? {
                search: {
                  collators: {
                    oktetoDev: {
                      visibilityPermission: options.visibilityPermission,
                    },
                  },
                },
              }
            : {}),
        },
      }),
    ],
  });

  const search = async (user: string, query: SearchQuery) => {
    const params = new URLSearchParams({ term: query.term });
    (query.types ?? []).forEach((type, i) => params.set(`types[${i}]`, type));
    for (const [field, value] of Object.entries(query.filters ?? {})) {
      params.set(`filters[${field}]`, value);
    }
    const res = await request(backend.server)
      .get(`/api/search/query?${params}`)
      .set('Authorization', mockCredentials.user.header(user));
    if (res.status !== 200) {
      throw new Error(`search answered ${res.status}: ${res.text}`);
    }
    return res.body.results as SearchResult[];
  };

  /** Every entity is in the catalog with its ownership relations (what isEntityOwner reads). */
  const catalogReady = async () => {
    const res = await request(backend.server)
      .get('/api/catalog/entities/by-query?filter=kind=component&limit=100')
      .set('Authorization', mockCredentials.user.header(ALLOWED));
    const items: Array<{ relations?: Array<{ targetRef: string }> }> =
      res.body.items ?? [];
    return (
      items.length === WEB_CORE.length &&
      items.every(e => e.relations?.some(r => r.targetRef))
    );
  };

  /** The mock scheduler runs the task to its end (its errors surface as a missing index). */
  const run = (task: string) => found.scheduler!.triggerTask(task);

  return {
    sandbox,
    devStatus: found.devStatus!,
    async collate() {
      await pollUntil('the catalog to process the entities', catalogReady);
      await run('search_index_software_catalog');
      await run('search_index_okteto_dev');
      await pollUntil('the okteto-dev index', () =>
        search(ALLOWED, { term: 'dev', types: ['okteto-dev'] }).then(
          results => results.length > 0,
          () => false, // the index is built when the indexer closes
        ),
      );
    },
    search,
    async catalogNames(user) {
      const res = await request(backend.server)
        .get('/api/catalog/entities/by-query?filter=kind=component&limit=100')
        .set('Authorization', mockCredentials.user.header(user));
      if (res.status !== 200) {
        throw new Error(`catalog answered ${res.status}: ${res.text}`);
      }
      return (res.body.items as Array<{ metadata: { name: string } }>)
        .map(e => e.metadata.name)
        .sort();
    },
    async inDevMode(user, entityRefs) {
      const params = new URLSearchParams(entityRefs.map(r => ['entityRef', r]));
      const res = await request(backend.server)
        .get(`/api/in-dev-mode?${params}`)
        .set('Authorization', mockCredentials.user.header(user));
      if (res.status !== 200) {
        throw new Error(`in-dev-mode answered ${res.status}: ${res.text}`);
      }
      return res.body;
    },
    async stop() {
      await backend.stop();
      await sandbox.close();
    },
  };
}
