import { mockServices } from '@backstage/backend-test-utils';
import { eventually } from '@okteto-dev/kube-sandbox';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ArgoCdApi } from './ArgoCdApi';
import { ArgoApiWatch } from './ArgoApiWatch';

/**
 * Live mode's copy of an instance's Applications, against a stand-in that answers the list, the
 * GET and the event stream as argocd-server does (the real one: src/argocdApi.real.test.ts).
 */

const app = (name: string, revision: string) => ({
  metadata: { name, namespace: 'argo' },
  status: { sync: { status: 'Synced', revision } },
});

let server: http.Server;
let url: string;
let stream: http.ServerResponse | undefined;
const requests: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    requests.push(u.pathname);
    if (u.pathname === '/api/v1/applications') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [app('a', 'r1')] }));
    } else if (u.pathname === '/api/v1/applications/b') {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        '{"error":"permission denied","code":7,"message":"permission denied"}',
      );
    } else if (u.pathname === '/api/v1/stream/applications') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(':\n');
      stream = res;
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  stream?.end();
  server.closeAllConnections();
  await new Promise(resolve => server.close(resolve));
});

const send = (type: string, application: object) =>
  stream!.write(
    `data: ${JSON.stringify({ result: { type, application } })} \n\n`,
  );

it('lists, asks about what the list left out, then follows the stream; reads are served from memory', async () => {
  const changes: string[] = [];
  let states = 0;
  const watch = new ArgoApiWatch({
    api: new ArgoCdApi(
      {
        name: 'mgmt',
        url,
        token: 't',
        dangerouslyAllowPlainHttp: true,
        source: 'test',
      },
      { timeoutMs: 2000, project: 'synestra-web' },
    ),
    logger: mockServices.logger.mock(),
    relistMs: 60_000,
    idleMs: 10_000,
    onChange: (ns, name) => changes.push(`${ns}/${name}`),
    onState: () => states++,
  });
  expect(watch.covers('argo')).toBe(false);
  watch.apply(new Map([['argo', new Set(['a', 'b'])]]));
  await eventually(() => stream !== undefined && watch.covers('argo'));
  expect(requests).toEqual([
    '/api/v1/applications',
    '/api/v1/applications/b',
    '/api/v1/stream/applications',
  ]);
  expect(watch.read('argo')('a')).toMatchObject({
    ok: true,
    value: { status: { sync: { revision: 'r1' } } },
  });
  expect(watch.read('argo')('b')).toMatchObject({
    ok: false,
    error: { type: 'forbidden', statusCode: 403 },
  });
  expect(changes.sort()).toEqual(['argo/a', 'argo/b']);

  send('MODIFIED', app('a', 'r2'));
  // not planned: ignored
  send('ADDED', app('z', 'r1'));
  await eventually(() => changes.length === 3);
  expect(changes[2]).toBe('argo/a');
  expect(watch.read('argo')('a')).toMatchObject({
    value: { status: { sync: { revision: 'r2' } } },
  });
  send('DELETED', app('a', 'r2'));
  await eventually(() => changes.length === 4);
  expect(watch.read('argo')('a')).toEqual({ ok: true, value: undefined });
  // the list and the GET were made once: views read memory
  expect(requests).toHaveLength(3);
  expect(states).toBeGreaterThan(0);

  await watch.stop();
  expect(watch.state).toBe('stopped');
});
