import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Redactor } from '../answers/redact';
import { ArgoCdApi, ArgoWatchEvent } from './ArgoCdApi';
import { ArgoApiInstance } from './settings';

/**
 * The client's side of Argo CD's API for what the real server is not made to do on demand (a
 * server that is down, answers 500, or stalls; a session login): a small stand-in speaking its
 * paths and its grpc-gateway error bodies (`{"error","code","message"}`). The real argocd-server is
 * the main proof: src/argocdApi.real.test.ts.
 */

type Handler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
) => void;

let handler: Handler;
const seen: Array<{ path: string; auth?: string; query: URLSearchParams }> = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    seen.push({
      path: u.pathname,
      auth: req.headers.authorization,
      query: u.searchParams,
    });
    handler(req, res, u);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise(resolve => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
});

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const grpcError = (res: http.ServerResponse, status: number, message: string) =>
  json(res, status, { error: message, code: 7, message });

const app = (name: string, namespace = 'argo') => ({
  metadata: { name, namespace },
  spec: { project: 'synestra-web' },
  status: { sync: { status: 'Synced' } },
});

function client(over: Partial<ArgoApiInstance> = {}, timeoutMs = 2000) {
  return new ArgoCdApi(
    {
      name: 'mgmt',
      url,
      token: 'the-token',
      dangerouslyAllowPlainHttp: true,
      source: 'test',
      ...over,
    },
    { timeoutMs, project: 'synestra-web' },
  );
}

it('lists one Application by name= and several by names=<namespace>/<name>, keeping only those asked for', async () => {
  handler = (_req, res) =>
    json(res, 200, {
      metadata: {},
      items: [app('a'), app('b'), app('c'), app('a', 'other')],
    });
  const one = await client().list('argo', ['a']);
  expect(seen[0].path).toBe('/api/v1/applications');
  expect(seen[0].auth).toBe('Bearer the-token');
  expect(seen[0].query.getAll('name')).toEqual(['a']);
  expect(seen[0].query.get('appNamespace')).toBe('argo');
  expect(one.ok && one.value.map(a => a.metadata.name)).toEqual(['a']);
  // an Argo CD before 3.6 ignores names= and answers more: filtered here
  const two = await client().list('argo', ['a', 'b']);
  expect(seen[1].query.getAll('names')).toEqual(['argo/a', 'argo/b']);
  expect(two.ok && two.value.map(a => a.metadata.name)).toEqual(['a', 'b']);
});

it('an empty list is items: null in Argo CD’s JSON', async () => {
  handler = (_req, res) =>
    json(res, 200, { metadata: { resourceVersion: '1' }, items: null });
  expect(await client().list('argo', ['a'])).toEqual({ ok: true, value: [] });
});

it('a name the list left out is asked about alone in the project: 404 is no Application, 403 is what the RBAC refused', async () => {
  handler = (_req, res, u) => {
    if (u.pathname === '/api/v1/applications') {
      json(res, 200, { items: [app('here')] });
    } else if (u.pathname.endsWith('/gone')) {
      grpcError(res, 404, 'applications.argoproj.io "gone" not found');
    } else {
      grpcError(res, 403, 'permission denied');
    }
  };
  const read = await client().read('argo', ['here', 'gone', 'denied']);
  expect(read('here')).toMatchObject({ ok: true, value: app('here') });
  expect(read('gone')).toEqual({ ok: true, value: undefined });
  const denied = read('denied');
  expect(denied).toMatchObject({
    ok: false,
    error: {
      type: 'forbidden',
      statusCode: 403,
      resource: 'applications.argoproj.io argo/denied',
    },
  });
  expect(!denied.ok && denied.error.message).toContain(
    "through the API of Argo CD instance 'mgmt': HTTP 403, Argo CD's RBAC does not let the token get Applications of project synestra-web",
  );
  const gets = seen.filter(s => s.path !== '/api/v1/applications');
  expect(gets.map(s => s.path).sort()).toEqual([
    '/api/v1/applications/denied',
    '/api/v1/applications/gone',
  ]);
  expect(gets.every(s => s.query.get('project') === 'synestra-web')).toBe(true);
  // one list for the three, a GET only for the two it left out
  expect(seen.filter(s => s.path === '/api/v1/applications')).toHaveLength(1);
});

it('errors as data: rejected token, server error, not Argo CD, a server that is down or silent; never the token or url', async () => {
  const cases: Array<[Handler, string, number | undefined]> = [
    [
      (_q, r) =>
        grpcError(
          r,
          401,
          'invalid session: token is expired, sub: okteto-dev, iat: 2026-01-01T00:00:00Z',
        ),
      'unauthorized',
      401,
    ],
    [(_q, r) => grpcError(r, 500, 'boom'), 'bad-response', 500],
    [
      (_q, r) => {
        r.writeHead(404);
        r.end('404 page not found');
      },
      'not-installed',
      404,
    ],
    [
      (_q, r) => {
        r.writeHead(200);
        r.end('<html>');
      },
      'bad-response',
      undefined,
    ],
    [() => undefined, 'timeout', undefined],
  ];
  for (const [h, type, statusCode] of cases) {
    handler = h;
    const read = await client({}, 300).list('argo', ['a']);
    expect(read).toMatchObject({ ok: false, error: { type } });
    const error = read.ok ? undefined : read.error;
    expect(error?.statusCode).toBe(statusCode);
    expect(error?.message).not.toContain('the-token');
    expect(error?.message).not.toContain(url);
    expect(error?.message).not.toContain('sub: okteto-dev');
  }
  const down = await client({ url: 'http://127.0.0.1:1' }).list('argo', ['a']);
  expect(down).toMatchObject({
    ok: false,
    error: { type: 'unreachable' },
  });
  expect(!down.ok && down.error.message).toContain('ECONNREFUSED');
});

it('plain http without the opt-in, a url with credentials or no credential at all: unusable, nothing is sent', async () => {
  handler = (_req, res) => json(res, 200, { items: [] });
  for (const over of [
    { dangerouslyAllowPlainHttp: false },
    { url: url.replace('http://', 'http://user:pw@') },
    { token: undefined },
  ]) {
    const read = await client(over).list('argo', ['a']);
    expect(read).toMatchObject({ ok: false, error: { type: 'unusable' } });
  }
  expect(seen).toEqual([]);
  const plain = await client({ dangerouslyAllowPlainHttp: false }).get(
    'argo',
    'a',
  );
  expect(!plain.ok && plain.error.message).toContain(
    'set dangerouslyAllowPlainHttp: true on this Argo CD instance (test)',
  );
});

it('username and password: a session from POST /api/v1/session, renewed once when Argo CD answers 401', async () => {
  let sessions = 0;
  let valid = '';
  const logins: unknown[] = [];
  handler = (req, res, u) => {
    if (u.pathname === '/api/v1/session') {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        logins.push(JSON.parse(body));
        valid = `session-${++sessions}`;
        json(res, 200, { token: valid });
      });
      return;
    }
    if (req.headers.authorization !== `Bearer ${valid}`) {
      grpcError(res, 401, 'invalid session');
      return;
    }
    json(res, 200, { items: [app('a')] });
  };
  const c = client({ token: undefined, username: 'backstage', password: 'pw' });
  expect(await c.list('argo', ['a'])).toMatchObject({ ok: true });
  expect(await c.list('argo', ['a'])).toMatchObject({ ok: true });
  expect(sessions).toBe(1);
  valid = 'rotated';
  expect(await c.list('argo', ['a'])).toMatchObject({ ok: true });
  expect(sessions).toBe(2);
  expect(logins).toEqual([
    { username: 'backstage', password: 'pw' },
    { username: 'backstage', password: 'pw' },
  ]);
});

it('streams server-sent events: keep-alives skipped, each Application event delivered, an error event ends it', async () => {
  handler = (_req, res, u) => {
    expect(u.pathname).toBe('/api/v1/stream/applications');
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(':\n');
    res.write(
      `data: ${JSON.stringify({
        result: { type: 'ADDED', application: app('a') },
      })} \n\n`,
    );
    res.write(
      `data: ${JSON.stringify({
        result: { type: 'MODIFIED', application: app('a') },
      })} \n\n`,
    );
    res.end(
      `data: ${JSON.stringify({
        error: { http_code: 403, message: 'permission denied' },
      })} \n\n`,
    );
  };
  const events: ArgoWatchEvent[] = [];
  const stream = client().stream(
    [
      { namespace: 'argo', name: 'a' },
      { namespace: 'argo', name: 'b' },
    ],
    e => events.push(e),
    2000,
  );
  await expect(stream.done).rejects.toMatchObject({ status: 403 });
  expect(events.map(e => e.type)).toEqual(['ADDED', 'MODIFIED']);
  expect(seen[0].query.getAll('names')).toEqual(['argo/a', 'argo/b']);
});

it('errors name the instance so that callers without okteto-dev.clusters.read get it hidden', async () => {
  handler = (_req, res) => grpcError(res, 401, 'no session information');
  const read = await client().list('argo', ['a']);
  const redactor = new Redactor(() => ['mgmt']);
  const shown = redactor.value(!read.ok && read.error);
  expect(JSON.stringify(shown)).not.toContain('mgmt');
  expect(shown && shown.message).toContain('Argo CD instance [hidden]');
});
