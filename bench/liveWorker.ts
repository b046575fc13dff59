/* eslint-disable no-console */
// Child process of bench/live.ts: one okteto-dev backend (live or polling mode) against a
// sandbox that runs in the parent, so its RSS is the backend's alone. It views every entity once
// (batches of 500), waits in live mode until every entity is watched, then reports its memory and
// waits for "stop".
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import oktetoDevPlugin from '@okteto-dev/plugin-okteto-dev-backend';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { AddressInfo } from 'node:net';
import { gc, installJestShim, rssMiB } from './lib';

export interface WorkerRequest {
  mode: 'watch' | 'polling';
  url: string;
  token: string;
  apps: number;
}

export interface WorkerReport {
  mode: 'watch' | 'polling';
  rssMiB: number;
  /** Right after the backend started, before any view. */
  idleRssMiB: number;
  heapMiB: number;
  /** From the backend's start until every entity was answered (and, live, watched). */
  readyMs: number;
  watched: number;
  items: number;
}

/** Generated apps as entities (`generateWebCoreApps` names, default conventions). */
export function generatedEntities(n: number): Entity[] {
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

async function run(req: WorkerRequest): Promise<void> {
  installJestShim();
  const entities = generatedEntities(req.apps);
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      oktetoDevPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          oktetoDev: {
            clusters: [
              {
                name: 'default',
                url: req.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: req.token,
                // the sandbox serves plain http on loopback
                dangerouslyAllowPlainHttp: true,
              },
            ],
            timeoutMs: 60_000,
            live: { enabled: req.mode === 'watch' },
            // thousands of dev namespaces: the cluster-wide mode (deploy/rbac/cluster-wide)
            rbac: { clusterWide: true },
          },
        },
      }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  gc();
  const idleRssMiB = rssMiB();
  const refs = entities.map(e => `component:default/${e.metadata.name}`);
  const viewAll = async (): Promise<DevStatus[]> => {
    const items: DevStatus[] = [];
    for (let i = 0; i < refs.length; i += 500) {
      const res = await fetch(
        `http://127.0.0.1:${port}/api/okteto-dev/v1/status/batch`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: mockCredentials.user.header(),
          },
          body: JSON.stringify({ entityRefs: refs.slice(i, i + 500) }),
        },
      );
      items.push(...((await res.json()) as { items: DevStatus[] }).items);
    }
    return items;
  };
  let items = await viewAll();
  const deadline = Date.now() + 180_000;
  while (
    req.mode === 'watch' &&
    items.some(i => i.live?.mode !== 'watch') &&
    Date.now() < deadline
  ) {
    await new Promise(resolve => setTimeout(resolve, 500));
    items = await viewAll();
  }
  const readyMs = performance.now() - started;
  gc();
  const report: WorkerReport = {
    mode: req.mode,
    rssMiB: rssMiB(),
    idleRssMiB,
    heapMiB: process.memoryUsage().heapUsed / 1024 / 1024,
    readyMs,
    watched: items.filter(i => i.live?.mode === 'watch').length,
    items: items.length,
  };
  process.send!(report);
  await new Promise(resolve => process.once('message', resolve));
  await backend.stop();
}

process.once('message', (req: WorkerRequest) => {
  run(req).then(
    () => process.exit(0),
    error => {
      console.error(error);
      process.exit(1);
    },
  );
});
