import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { makeStatus } from '../testing/fixtures';
import { OktetoDevClient } from './OktetoDevClient';

const BASE = 'http://localhost:7007/api/okteto-dev';

/** A fetchApi that records requests and answers with `respond`. */
function fakeFetch(respond: () => Response) {
  const requests: Array<{ url: string; init?: RequestInit }> = [];
  const fetchApi: FetchApi = {
    fetch: async (input, init) => {
      requests.push({ url: String(input), init });
      return respond();
    },
  };
  return { fetchApi, requests };
}

const discoveryApi: DiscoveryApi = {
  getBaseUrl: async pluginId => `http://localhost:7007/api/${pluginId}`,
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('OktetoDevClient', () => {
  it('gets the status with the entity ref URL-encoded', async () => {
    const status = makeStatus();
    const { fetchApi, requests } = fakeFetch(() => json(status));
    const client = new OktetoDevClient({ discoveryApi, fetchApi });

    await expect(
      client.getStatus('component:my-ns/web app&x'),
    ).resolves.toEqual(status);
    expect(requests[0].url).toBe(
      `${BASE}/v1/status?entityRef=component%3Amy-ns%2Fweb%20app%26x`,
    );
  });

  it('posts the batch request as JSON', async () => {
    const { fetchApi, requests } = fakeFetch(() => json({ items: [] }));
    const client = new OktetoDevClient({ discoveryApi, fetchApi });

    await expect(
      client.getStatuses(['component:default/a', 'component:default/b']),
    ).resolves.toEqual({ items: [] });
    expect(requests[0].url).toBe(`${BASE}/v1/status/batch`);
    expect(requests[0].init?.method).toBe('POST');
    expect(JSON.parse(String(requests[0].init?.body))).toEqual({
      entityRefs: ['component:default/a', 'component:default/b'],
    });
  });

  it('shares one request between concurrent status calls for the same entity', async () => {
    const status = makeStatus();
    const { fetchApi, requests } = fakeFetch(() => json(status));
    const client = new OktetoDevClient({ discoveryApi, fetchApi });

    const [a, b] = await Promise.all([
      client.getStatus('component:default/corporate'),
      client.getStatus('component:default/corporate'),
    ]);
    expect(a).toEqual(status);
    expect(b).toEqual(status);
    expect(requests).toHaveLength(1);

    // once answered, the next call asks again
    await client.getStatus('component:default/corporate');
    expect(requests).toHaveLength(2);
  });

  it('gets the events with the entity ref URL-encoded', async () => {
    const events = {
      entityRef: 'component:default/corporate',
      fetchedAt: '2026-01-01T00:00:00Z',
      items: [
        {
          type: 'Warning',
          reason: 'BackOff',
          object: { kind: 'Pod', name: 'web-1' },
          count: 3,
        },
      ],
    };
    const { fetchApi, requests } = fakeFetch(() => json(events));
    const client = new OktetoDevClient({ discoveryApi, fetchApi });

    await expect(
      client.getEvents('component:default/corporate'),
    ).resolves.toEqual(events);
    expect(requests[0].url).toBe(
      `${BASE}/v1/events?entityRef=component%3Adefault%2Fcorporate`,
    );
  });

  it('throws a ResponseError with status 403 when the events are denied', async () => {
    const { fetchApi } = fakeFetch(() =>
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: 'Permission okteto-dev.events.read is denied',
          },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const client = new OktetoDevClient({ discoveryApi, fetchApi });

    const error = await client
      .getEvents('component:default/corporate')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });

  it('gets the clusters', async () => {
    const clusters = {
      items: [
        { name: 'default', authProvider: 'serviceAccount', reachable: true },
      ],
    };
    const { fetchApi, requests } = fakeFetch(() => json(clusters));
    const client = new OktetoDevClient({ discoveryApi, fetchApi });

    await expect(client.getClusters()).resolves.toEqual(clusters);
    expect(requests[0].url).toBe(`${BASE}/v1/clusters`);
  });

  it('throws a ResponseError with the backend error on 404', async () => {
    const { fetchApi } = fakeFetch(() =>
      json(
        {
          error: { name: 'NotFoundError', message: 'No such entity' },
          request: { method: 'GET', url: '/v1/status' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    const client = new OktetoDevClient({ discoveryApi, fetchApi });

    const error = await client
      .getStatus('component:default/missing')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error).toEqual({
      name: 'NotFoundError',
      message: 'No such entity',
    });
  });
});
