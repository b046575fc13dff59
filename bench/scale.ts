// Bench 2: scale. Dev status of 100, 500 and 2,000 generated web-core apps through
// DevStatusService.getStatuses (what the batch endpoint and the search collator use), and through
// the search collator (TestPipeline.fromCollator) when the search module is present.
import {
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { generateWebCoreApps, startSandbox } from '@okteto-dev/kube-sandbox';
import { DevStatusService } from '@okteto-dev/plugin-okteto-dev-backend/src/service/DevStatusService';
import { sandboxClusters } from '@okteto-dev/plugin-okteto-dev-backend/src/__testUtils__/testBackend';
import fs from 'node:fs';
import path from 'node:path';
import { BenchContext, fmt, gc, median, printTable, ROOT, say } from './lib';

/** A silent logger. */
const logger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => logger,
};

/** An in-memory CacheService with TTLs (what the backend's memory cache store does). */
function memoryCache(): CacheService {
  const store = new Map<string, { value: unknown; expires: number }>();
  const cache: CacheService = {
    async get(key: string) {
      const hit = store.get(key);
      if (!hit || hit.expires < Date.now()) return undefined;
      return hit.value as any;
    },
    async set(
      key: string,
      value: unknown,
      options?: { ttl?: number | object },
    ) {
      const ttl = typeof options?.ttl === 'number' ? options.ttl : 60_000;
      store.set(key, { value, expires: Date.now() + ttl });
    },
    async delete(key: string) {
      store.delete(key);
    },
    withOptions: () => cache,
  } as CacheService;
  return cache;
}

const noUrlReader = {
  readUrl: async () => {
    throw new Error('not used');
  },
} as unknown as UrlReaderService;

function entitiesFor(n: number): Entity[] {
  return Array.from({ length: n }, (_, i) => {
    const app = `app-${String(i + 1).padStart(4, '0')}`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: app,
        namespace: 'default',
        annotations: { 'okteto-dev/app': app },
      },
      spec: { type: 'website', owner: 'team-web', lifecycle: 'production' },
    };
  });
}

/** The collator factory of the search module, when it exists (it is written in parallel). */
function loadCollator(): { factory: any; TestPipeline: any } | string {
  const dir = path.join(ROOT, 'plugins/search-backend-module-okteto-dev/src');
  if (!fs.existsSync(dir))
    return 'plugins/search-backend-module-okteto-dev/src does not exist';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('@okteto-dev/plugin-search-backend-module-okteto-dev');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { TestPipeline } = require('@backstage/plugin-search-backend-node');
    if (!mod.OktetoDevCollatorFactory)
      return 'the search module exports no OktetoDevCollatorFactory';
    return { factory: mod.OktetoDevCollatorFactory, TestPipeline };
  } catch (error) {
    return `the search module could not be loaded: ${
      (error as Error).message.split('\n')[0]
    }`;
  }
}

interface Run {
  requests: number;
  lists: number;
  byResource: Record<string, number>;
  wallMs: number;
  cpuMs: number;
  items: number;
}

export async function scale(ctx: BenchContext): Promise<void> {
  const { quick, latencyMs } = ctx.args;
  const sizes = [100, 500, 2000];
  const runs = quick ? 2 : 3;
  const collator = loadCollator();
  if (typeof collator === 'string')
    say(
      `scale: no search collator to time (${collator}); timing getStatuses only`,
    );
  const rows: Array<{ n: number; mode: string; run: Run }> = [];

  for (const n of sizes) {
    const t = Date.now();
    const sandbox = await startSandbox({
      scenario: generateWebCoreApps(n),
      latencyMs,
    });
    say(
      `scale: sandbox with ${n} generated apps started in ${fmt(
        (Date.now() - t) / 1000,
      )} s`,
    );
    const config = new ConfigReader({
      integrations: { github: [{ host: 'github.com' }] },
      oktetoDev: {
        clusters: sandboxClusters(sandbox),
        cache: { ttlSeconds: 60 },
        // thousands of dev namespaces: the cluster-wide mode (deploy/rbac/cluster-wide)
        rbac: { clusterWide: true },
      },
    });
    const entities = entitiesFor(n);
    const measure = async (fn: () => Promise<number>): Promise<Run> => {
      gc();
      sandbox.counters.reset();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const items = await fn();
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const byResource: Record<string, number> = {};
      for (const r of sandbox.requests) {
        const key = `${r.verb} ${r.resource ?? r.path}${
          r.namespace ? ' (namespaced)' : ''
        }`;
        byResource[key] = (byResource[key] ?? 0) + 1;
      }
      const run = {
        requests: sandbox.counters.total,
        lists: sandbox.counters.count({ verb: 'list' }),
        byResource,
        wallMs,
        cpuMs: (used.user + used.system) / 1000,
        items,
      };
      sandbox.counters.reset();
      return run;
    };
    const summarize = (all: Run[]): Run => ({
      ...all[all.length - 1],
      requests: Math.max(...all.map(r => r.requests)),
      lists: Math.max(...all.map(r => r.lists)),
      wallMs: median(all.map(r => r.wallMs)),
      cpuMs: median(all.map(r => r.cpuMs)),
    });

    const statusRuns: Run[] = [];
    // the smallest size first runs once unmeasured, so JIT warm-up does not inflate the baseline
    const warmups = n === sizes[0] ? 1 : 0;
    for (let i = 0; i < runs + warmups; i++) {
      // a fresh service and cache each run: every run is cold
      const service = DevStatusService.fromConfig(config, {
        logger,
        cache: memoryCache(),
        urlReader: noUrlReader,
      });
      const run = await measure(
        async () =>
          (await service.getStatuses(entities)).filter(o => o.ok).length,
      );
      if (i >= warmups) statusRuns.push(run);
    }
    rows.push({ n, mode: 'getStatuses (batch)', run: summarize(statusRuns) });

    if (typeof collator !== 'string') {
      const collatorRuns: Run[] = [];
      for (let i = 0; i < runs + warmups; i++) {
        const service = DevStatusService.fromConfig(config, {
          logger,
          cache: memoryCache(),
          urlReader: noUrlReader,
        });
        // devStatusServiceRef answered in process by this service (the default client would
        // call the batch endpoint over HTTP, which then calls the same getStatuses)
        const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
        const devStatus = {
          getStatus: async ({ entityRef }: { entityRef: string }) =>
            service.getStatus(byRef.get(entityRef)!),
          getStatuses: async ({ entityRefs }: { entityRefs: string[] }) => {
            const outcomes = await service.getStatuses(
              entityRefs.map(ref => byRef.get(ref)!),
            );
            return {
              items: outcomes.flatMap(o => (o.ok ? [o.status] : [])),
              failures: outcomes.flatMap(o =>
                o.ok
                  ? []
                  : [
                      {
                        entityRef: o.entityRef,
                        error: { name: o.error.name, message: o.error.message },
                      },
                    ],
              ),
            };
          },
        };
        const source = {
          catalog: catalogServiceMock({ entities }),
          auth: mockServices.auth(),
          devStatus,
          logger,
        };
        const factory = new collator.factory({
          ...source,
          locationTemplate: '/catalog/:namespace/:kind/:name',
        });
        const run = await measure(async () => {
          const { documents } = await collator.TestPipeline.fromCollator(
            await factory.getCollator(),
          ).execute();
          return documents.length;
        });
        if (i >= warmups) collatorRuns.push(run);
      }
      rows.push({
        n,
        mode: 'search collation (TestPipeline)',
        run: summarize(collatorRuns),
      });
    }
    await sandbox.close();
  }

  const base = (mode: string) =>
    rows.find(r => r.mode === mode && r.n === sizes[0])!.run;
  printTable({
    title: `Scale: cold dev status of N generated apps (median of ${runs} runs, sandbox latency ${latencyMs} ms)`,
    headers: [
      'entities',
      'path',
      'answers',
      'sandbox requests',
      'LISTs',
      'wall ms',
      'CPU ms',
      'CPU µs / entity',
      'requests ×',
      'wall ×',
      'CPU ×',
    ],
    rows: rows.map(({ n, mode, run }) => {
      const b = base(mode);
      return [
        n,
        mode,
        run.items,
        run.requests,
        run.lists,
        fmt(run.wallMs),
        fmt(run.cpuMs),
        fmt((run.cpuMs * 1000) / n),
        fmt(run.requests / b.requests, 2),
        fmt(run.wallMs / b.wallMs, 2),
        fmt(run.cpuMs / b.cpuMs, 2),
      ];
    }),
    note: `Requests by kind at ${sizes[sizes.length - 1]}: ${JSON.stringify(
      rows[rows.length - 1].run.byResource,
    )}. CPU is the whole process (backend code AND the in-process sandbox serialising the LIST answers). Growth columns are relative to ${
      sizes[0]
    } entities (${sizes[sizes.length - 1] / sizes[0]}× the entities).`,
  });

  const biggest = sizes[sizes.length - 1];
  const collation =
    rows.find(r => r.n === biggest && r.mode.startsWith('search')) ??
    rows.find(r => r.n === biggest && r.mode.startsWith('getStatuses'))!;
  const flat =
    new Set(
      rows.filter(r => r.mode === collation.mode).map(r => r.run.requests),
    ).size === 1;
  ctx.goals.push({
    goal: 'collation of 2,000 entities in ≤ 4 LISTs per cluster',
    met: collation.run.requests <= 4 && collation.run.items === biggest,
    measured: `${collation.run.requests} requests (${
      collation.run.lists
    } LISTs) for ${biggest} entities (${collation.run.items} documents) via ${
      collation.mode
    }${
      typeof collator === 'string'
        ? ` — no collator was timed: ${collator}`
        : ''
    }; requests ${flat ? 'flat' : 'NOT flat'} from ${sizes[0]} to ${biggest}`,
    why: 'in the cluster-wide mode (oktetoDev.rbac.clusterWide), one LIST per kind across all namespaces (Applications in the Argo CD namespace, Deployments, Pods), filtered in memory; no Secret is read',
  });
  const small = rows.find(
    r => r.n === sizes[0] && r.mode === collation.mode,
  )!.run;
  ctx.summary.push(
    `Scale: ${biggest} entities cost ${
      collation.run.requests
    } cluster requests (same as ${sizes[0]}: ${small.requests}) via ${
      collation.mode
    }; wall ${fmt(collation.run.wallMs)} ms, CPU ${fmt(
      collation.run.cpuMs / small.cpuMs,
      1,
    )}× for ${biggest / sizes[0]}× the entities.`,
  );
  ctx.results.scale = {
    latencyMs,
    runs,
    collator:
      typeof collator === 'string'
        ? { timed: false, reason: collator }
        : { timed: true },
    rows: rows.map(({ n, mode, run }) => ({ entities: n, mode, ...run })),
  };
}
