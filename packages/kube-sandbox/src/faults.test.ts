import http from 'node:http';
import { startSandbox, Sandbox } from './index';
import { raw } from './__testUtils__';

describe('faults, latency and counters', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'web-core' });
  });
  afterAll(() => sb.close());
  beforeEach(() => {
    sb.faults.clear();
    sb.counters.reset();
    sb.latencyMs = 0;
    sb.refuseConnections = false;
  });

  it('counts requests per key and logs them', async () => {
    await raw(sb, 'GET', '/apis/apps/v1/namespaces/web-shop-dev/deployments');
    await raw(
      sb,
      'GET',
      '/apis/apps/v1/namespaces/web-shop-dev/deployments?labelSelector=a%3Db',
    );
    await raw(sb, 'GET', '/api/v1/namespaces/web-shop-dev/pods/nope');
    expect(sb.counters.total).toBe(3);
    expect(
      sb.counters.byKey.get(
        'GET /apis/apps/v1/namespaces/web-shop-dev/deployments',
      ),
    ).toBe(2);
    expect(sb.requests[1]).toMatchObject({
      method: 'GET',
      verb: 'list',
      resource: 'deployments',
      group: 'apps',
      namespace: 'web-shop-dev',
      query: { labelSelector: 'a=b' },
      accept: 'full',
      status: 200,
    });
    expect(sb.requests[2]).toMatchObject({
      verb: 'get',
      name: 'nope',
      status: 404,
    });
    sb.counters.reset();
    expect(sb.counters.total).toBe(0);
    expect(sb.requests).toHaveLength(0);
  });

  it('adds latency', async () => {
    sb.latencyMs = 150;
    const t0 = Date.now();
    await raw(sb, 'GET', '/version');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('injects 500 and 403 by regex, and removes faults', async () => {
    const id = sb.faults.add({
      pattern: /\/namespaces\/web-shop-dev\//,
      fault: '500',
    });
    sb.faults.add({ pattern: '/api/v1/namespaces/*/secrets', fault: 403 });
    const r = await raw(
      sb,
      'GET',
      '/apis/apps/v1/namespaces/web-shop-dev/deployments',
    );
    expect(r.status).toBe(500);
    expect((r.json as { reason: string }).reason).toBe('InternalError');
    const s = await raw(
      sb,
      'GET',
      '/api/v1/namespaces/web-corporate-dev/secrets',
    );
    expect(s.status).toBe(403);
    expect(sb.requests[0].fault).toBe('500');
    expect(sb.faults.remove(id)).toBe(true);
    expect(
      (
        await raw(
          sb,
          'GET',
          '/apis/apps/v1/namespaces/web-shop-dev/deployments',
        )
      ).status,
    ).toBe(200);
  });

  it('serves malformed JSON', async () => {
    sb.faults.add({ pattern: /deployments$/, fault: 'malformed', times: 1 });
    const r = await raw(
      sb,
      'GET',
      '/apis/apps/v1/namespaces/web-shop-dev/deployments',
    );
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow();
    expect(
      (
        await raw(
          sb,
          'GET',
          '/apis/apps/v1/namespaces/web-shop-dev/deployments',
        )
      ).json,
    ).toBeTruthy();
  });

  it('refuses connections for a pattern and for the whole server', async () => {
    sb.faults.add({ pattern: '/api/v1/**', fault: 'refuse' });
    await expect(raw(sb, 'GET', '/api/v1/namespaces')).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    sb.faults.clear();
    sb.refuseConnections = true;
    await expect(raw(sb, 'GET', '/version')).rejects.toThrow();
    sb.refuseConnections = false;
    expect((await raw(sb, 'GET', '/version')).status).toBe(200);
  });

  it('hangs until the client gives up', async () => {
    sb.faults.add({ pattern: /web-shop-dev/, fault: 'hang', verb: 'list' });
    const err = await new Promise<Error>(resolve => {
      const req = http.get(
        `${sb.url}/apis/apps/v1/namespaces/web-shop-dev/deployments`,
        { headers: { Authorization: `Bearer ${sb.token}` }, timeout: 200 },
        () => resolve(new Error('unexpected response')),
      );
      req.on('timeout', () => req.destroy(new Error('client timeout')));
      req.on('error', resolve);
    });
    expect(err.message).toBe('client timeout');
    expect(sb.requests[0]).toMatchObject({ fault: 'hang', status: 0 });
    // Other requests are unaffected.
    expect(
      (
        await raw(
          sb,
          'GET',
          '/apis/apps/v1/namespaces/web-corporate-dev/deployments',
        )
      ).status,
    ).toBe(200);
  });
});
