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
