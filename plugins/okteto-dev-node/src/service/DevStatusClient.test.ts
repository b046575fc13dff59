import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import {
  DEV_STATUS_BATCH_LIMIT,
  DevStatusServiceApi,
} from './DevStatusServiceApi';
import { devStatusServiceRef } from './devStatusServiceRef';

/** Who the stand-in saw, per request. */
interface Seen {
  path: string;
  principal: unknown;
  refs?: string[];
}

/**
 * A stand-in for the okteto-dev backend with its routes and error answers: `hidden` entities are
 * not found, `denied` ones not allowed, and a batch over the limit is a 400, like the real one.
 */
function oktetoDevStandIn(seen: Seen[]) {
  return createBackendPlugin({
    pluginId: 'okteto-dev',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = Router();
          router.use(express.json());
          router.get('/v1/status', async (req, res) => {
            const { principal } = await httpAuth.credentials(req);
            const entityRef = String(req.query.entityRef);
            seen.push({ path: req.path, principal });
            if (entityRef.endsWith('/hidden')) {
              throw new NotFoundError(`Entity ${entityRef} not found`);
            }
            if (entityRef.endsWith('/denied')) {
              throw new NotAllowedError(`You may not read ${entityRef}`);
            }
            res.json({ entityRef, fetchedAt: '2026-11-30T00:00:00Z' });
          });
          router.post('/v1/status/batch', async (req, res) => {
            const { principal } = await httpAuth.credentials(req);
            const refs: string[] = req.body.entityRefs;
            seen.push({ path: req.path, principal, refs });
            if (refs.length > DEV_STATUS_BATCH_LIMIT) {
              throw new InputError(`At most ${DEV_STATUS_BATCH_LIMIT} refs`);
            }
            const denied = refs.filter(r => r.endsWith('/denied'));
            res.json({
              items: refs
                .filter(r => !denied.includes(r))
                .map(entityRef => ({ entityRef })),
              failures: denied.map(entityRef => ({
                entityRef,
                error: { name: 'NotAllowedError', message: 'denied' },
              })),
            });
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

/** A plugin that depends on the service ref, as any other backend plugin would. */
function consumer(found: { devStatus?: DevStatusServiceApi }) {
  return createBackendPlugin({
    pluginId: 'consumer',
    register(env) {
      env.registerInit({
        deps: { devStatus: devStatusServiceRef },
        async init({ devStatus }) {
          found.devStatus = devStatus;
        },
      });
    },
  });
}

describe('devStatusServiceRef default implementation', () => {
  const seen: Seen[] = [];
  const found: { devStatus?: DevStatusServiceApi } = {};
  let devStatus: DevStatusServiceApi;
  beforeAll(async () => {
    await startTestBackend({
      features: [oktetoDevStandIn(seen), consumer(found)],
    });
    devStatus = found.devStatus!;
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const alice = mockCredentials.user('user:default/alice');

  it('GETs /v1/status on behalf of the caller', async () => {
    await expect(
      devStatus.getStatus(
        { entityRef: 'component:default/corporate' },
        { credentials: alice },
      ),
    ).resolves.toEqual({
      entityRef: 'component:default/corporate',
      fetchedAt: '2026-11-30T00:00:00Z',
    });
    expect(seen).toEqual([
      {
        path: '/v1/status',
        principal: { type: 'user', userEntityRef: 'user:default/alice' },
      },
    ]);
  });

  it('forwards service credentials as the calling service', async () => {
    await devStatus.getStatuses(
      { entityRefs: ['component:default/corporate'] },
      { credentials: mockCredentials.service('plugin:search') },
    );
    expect(seen[0].principal).toMatchObject({
      type: 'service',
      subject: 'plugin:search',
    });
  });

  it('maps a 404 and a 403 to ResponseErrors with the remote error as cause', async () => {
    await expect(
      devStatus.getStatus(
        { entityRef: 'component:default/hidden' },
        { credentials: alice },
      ),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: { name: 'NotFoundError' },
    });
    await expect(
      devStatus.getStatus(
        { entityRef: 'component:default/denied' },
        { credentials: alice },
      ),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: {
        name: 'NotAllowedError',
        message: 'You may not read component:default/denied',
      },
    });
  });

  it('refuses credentials it cannot act for, before any request', async () => {
    await expect(
      devStatus.getStatus(
        { entityRef: 'component:default/corporate' },
        { credentials: mockCredentials.none() },
      ),
    ).rejects.toMatchObject({ name: 'AuthenticationError' });
    expect(seen).toEqual([]);
  });

  it('splits a large set into batches of at most 500 and merges items and failures', async () => {
    const refs = Array.from(
      { length: 1234 },
      (_, i) => `component:default/app-${i}`,
    );
    refs.push('component:default/denied', refs[0]);
    const response = await devStatus.getStatuses(
      { entityRefs: refs },
      { credentials: alice },
    );
    // the batches run concurrently: they may arrive in any order
    expect(seen.map(s => s.refs!.length).sort()).toEqual([235, 500, 500]);
    for (const request of seen) {
      expect(request.principal).toEqual({
        type: 'user',
        userEntityRef: 'user:default/alice',
      });
    }
    expect(response.items.map(i => i.entityRef)).toEqual(refs.slice(0, 1234));
    expect(response.failures).toEqual([
      {
        entityRef: 'component:default/denied',
        error: { name: 'NotAllowedError', message: 'denied' },
      },
    ]);
  });

  it('sends nothing for an empty set', async () => {
    await expect(
      devStatus.getStatuses({ entityRefs: [] }, { credentials: alice }),
    ).resolves.toEqual({ items: [], failures: [] });
    expect(seen).toEqual([]);
  });
});
