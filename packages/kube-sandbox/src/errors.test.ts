import { startSandbox, Sandbox } from './index';
import { raw } from './__testUtils__';

type Status = {
  kind: string;
  status: string;
  code: number;
  reason: string;
  message: string;
};

function expectStatus(json: unknown, code: number, reason: string) {
  const s = json as Status;
  expect(s.kind).toBe('Status');
  expect(s.status).toBe('Failure');
  expect(s.code).toBe(code);
  expect(s.reason).toBe(reason);
  return s;
}

// What the real API server answers the same way is checked side by side, not here:
// 406 for `as=Foo`, text types, `q=0` and the metadata forms asked of the other shape
// (src/differential/reads.real.test.ts "media types", "PartialObjectMetadata"); 409 on an
// existing name and a stale update, 404 for a missing namespace, 415 for server-side apply,
// merge / strategic / JSON patches (src/differential/writes.real.test.ts); 410 Expired for a
// watch (src/differential/watch.real.test.ts). Kept here: what only the sandbox has (tokens,
// forbid rules, a cluster without Argo CD, no protobuf) and what the real suites do not send.
describe('errors as Kubernetes Status', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'web-core' });
  });
  afterAll(() => sb.close());

  // Two 406s, as the real API server gives them (checked side by side in
  // src/differential/reads.real.test.ts): go-restful's router when no clause names a type the
  // route produces (jsr311.go: "406: Not Acceptable", the route's types; a collection's route also
  // produces the watch stream types), else the handler's negotiation (negotiation/errors.go
  // errNotAcceptable).
  const ROUTER_LIST =
    '406: Not Acceptable\n\nAvailable representations: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch';
  const HANDLER =
    'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf';
  it.each([
    // the sandbox writes no protobuf (the real server would answer 200)
    [
      '/api/v1/namespaces/web-corporate-dev/pods',
      'application/vnd.kubernetes.protobuf',
      HANDLER,
    ],
    [
      '/api/v1/namespaces/web-corporate-dev/pods',
      'not a media type',
      ROUTER_LIST,
    ],
    ['/api/v1', 'application/json;as=Table;g=meta.k8s.io;v=v1', HANDLER],
    [
      '/apis',
      'application/json;g=apidiscovery.k8s.io;v=v9;as=APIGroupDiscoveryList',
      HANDLER,
    ],
  ])(
    '406 NotAcceptable for GET %s with Accept %s',
    async (path, accept, message) => {
      const r = await raw(sb, 'GET', path, { headers: { Accept: accept } });
      expect(r.status).toBe(406);
      const s = expectStatus(r.json, 406, 'NotAcceptable');
      expect(s.message).toBe(message);
    },
  );

  it('serves the first satisfiable clause; auth comes before negotiation', async () => {
    const ok = await raw(
      sb,
      'GET',
      '/api/v1/namespaces/web-corporate-dev/pods',
      {
        headers: {
          Accept:
            'application/json;as=Foo;g=meta.k8s.io;v=v1, application/json',
        },
      },
    );
    expect(ok.status).toBe(200);
    expect((ok.json as { kind: string }).kind).toBe('PodList');
    const unauth = await raw(sb, 'GET', '/api/v1/namespaces', {
      token: null,
      headers: { Accept: 'text/html' },
    });
    expect(unauth.status).toBe(401);
  });

  it('401 without or with a wrong token', async () => {
    const none = await raw(sb, 'GET', '/api/v1/namespaces', { token: null });
    expect(none.status).toBe(401);
    expectStatus(none.json, 401, 'Unauthorized');
    const wrong = await raw(sb, 'GET', '/api/v1/namespaces', { token: 'nope' });
    expectStatus(wrong.json, 401, 'Unauthorized');
  });

  it('403 for a forbidden namespace, and for reads across all namespaces', async () => {
    const r = await raw(
      sb,
      'GET',
      '/apis/apps/v1/namespaces/web-secret-dev/deployments',
    );
    const s = expectStatus(r.json, 403, 'Forbidden');
    expect(s.message).toContain('in the namespace "web-secret-dev"');
    // RBAC with namespaced Roles only: a list across all namespaces is refused whole, never
    // filtered, so a client cannot mistake a forbidden namespace for an empty one.
    const all = await raw(sb, 'GET', '/apis/apps/v1/deployments');
    expect(expectStatus(all.json, 403, 'Forbidden').message).toContain(
      'at the cluster scope',
    );
    // The Application itself lives in `argo` and stays visible.
    const app = await raw(
      sb,
      'GET',
      '/apis/argoproj.io/v1alpha1/namespaces/argo/applications/web-secret-dev',
    );
    expect(app.status).toBe(200);
  });

  it('403 for a forbidden resource kind (runtime rule)', async () => {
    sb.forbid.resources.push('secrets');
    try {
      const r = await raw(
        sb,
        'GET',
        '/api/v1/namespaces/web-corporate-dev/secrets',
      );
      expect(r.status).toBe(403);
      expectStatus(r.json, 403, 'Forbidden');
    } finally {
      sb.forbid.resources.length = 0;
    }
  });

  it('404 for unknown objects and for a cluster without Argo CD', async () => {
    const r = await raw(
      sb,
      'GET',
      '/apis/apps/v1/namespaces/web-corporate-dev/deployments/nope',
    );
    const s = expectStatus(r.json, 404, 'NotFound');
    expect(s.message).toBe('deployments.apps "nope" not found');

    const noArgo = await startSandbox({
      scenario: 'web-core',
      groups: { argoproj: false },
    });
    try {
      const apps = await raw(
        noArgo,
        'GET',
        '/apis/argoproj.io/v1alpha1/namespaces/argo/applications',
      );
      // a group the server does not serve: the mux's plain-text 404, as on a real cluster
      // without Argo CD's CRDs
      expect(apps.status).toBe(404);
      expect(apps.text).toBe('404 page not found\n');
      const groups = await raw(noArgo, 'GET', '/apis');
      expect(JSON.stringify(groups.json)).not.toContain('argoproj.io');
      expect(JSON.stringify(groups.json)).toContain('"apps/v1"');
    } finally {
      await noArgo.close();
    }
  });

  it('400 for malformed JSON, 405 for a bad verb', async () => {
    const bad = await raw(
      sb,
      'POST',
      '/api/v1/namespaces/web-corporate-dev/configmaps',
      {
        rawBody: '{"metadata":',
      },
    );
    expect(bad.status).toBe(400);
    expectStatus(bad.json, 400, 'BadRequest');
    const verb = await raw(
      sb,
      'PUT',
      '/api/v1/namespaces/web-corporate-dev/configmaps',
      { body: {} },
    );
    expect(verb.status).toBe(405);
    expectStatus(verb.json, 405, 'MethodNotAllowed');
  });
});
