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

describe('errors as Kubernetes Status', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'web-core', historySize: 20 });
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
    [
      '/api/v1/namespaces/web-corporate-dev/pods',
      'application/json;as=Foo;g=meta.k8s.io;v=v1',
      HANDLER,
    ],
    // the sandbox writes no protobuf (the real server would answer 200)
    [
      '/api/v1/namespaces/web-corporate-dev/pods',
      'application/vnd.kubernetes.protobuf',
      HANDLER,
    ],
    ['/api/v1/namespaces/web-corporate-dev/pods', 'text/html', ROUTER_LIST],
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

  it('a q=0 clause is not a refusal (the real server serves it)', async () => {
    const r = await raw(
      sb,
      'GET',
      '/api/v1/namespaces/web-corporate-dev/pods',
      {
        headers: { Accept: 'application/json;q=0' },
      },
    );
    expect(r.status).toBe(200);
  });

  it('406 for a metadata list asked of one object, and the other way round', async () => {
    const one = await raw(
      sb,
      'GET',
      '/api/v1/namespaces/web-corporate-dev/secrets/web-corporate-dev-env',
      {
        headers: {
          Accept:
            'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
        },
      },
    );
    expect(expectStatus(one.json, 406, 'NotAcceptable').message).toBe(
      'you requested PartialObjectMetadataList, but the requested object is not a list (*core.Secret)',
    );
    const list = await raw(
      sb,
      'GET',
      '/api/v1/namespaces/web-corporate-dev/secrets',
      {
        headers: {
          Accept:
            'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
        },
      },
    );
    expect(list.status).toBe(406);
  });

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

  it('409 on create conflicts and stale updates; 404 for a missing namespace', async () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c1' },
      data: { a: '1' },
    };
    const path = '/api/v1/namespaces/web-corporate-dev/configmaps';
    const created = await raw(sb, 'POST', path, { body: cm });
    expect(created.status).toBe(201);
    const meta = (
      created.json as {
        metadata: {
          uid: string;
          resourceVersion: string;
          creationTimestamp: string;
        };
      }
    ).metadata;
    expect(meta.uid).toBeTruthy();
    expect(meta.creationTimestamp).toBeTruthy();
    expectStatus(
      (await raw(sb, 'POST', path, { body: cm })).json,
      409,
      'AlreadyExists',
    );

    const put = (rv: string) =>
      raw(sb, 'PUT', `${path}/c1`, {
        body: {
          ...cm,
          metadata: { name: 'c1', resourceVersion: rv },
          data: { a: rv },
        },
      });
    expect((await put(meta.resourceVersion)).status).toBe(200);
    expectStatus((await put(meta.resourceVersion)).json, 409, 'Conflict');

    const missing = await raw(
      sb,
      'POST',
      '/api/v1/namespaces/nowhere/configmaps',
      { body: cm },
    );
    const s = expectStatus(missing.json, 404, 'NotFound');
    expect(s.message).toBe('namespaces "nowhere" not found');
  });

  it('410 for a watch from a resourceVersion older than the history', async () => {
    for (let i = 0; i < 30; i++) {
      sb.store.patch('configmaps', 'web-corporate-dev', 'c1', {
        data: { i: String(i) },
      });
    }
    const r = await raw(
      sb,
      'GET',
      '/api/v1/namespaces/web-corporate-dev/configmaps?watch=true&resourceVersion=1',
    );
    expect(r.status).toBe(200);
    const event = JSON.parse(r.text.trim().split('\n')[0]);
    expect(event.type).toBe('ERROR');
    expectStatus(event.object, 410, 'Expired');
  });

  it('415 for an unsupported patch type, 400 for malformed JSON, 405 for a bad verb', async () => {
    const path = '/api/v1/namespaces/web-corporate-dev/configmaps/c1';
    const apply = await raw(sb, 'PATCH', path, {
      rawBody: '{}',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
    });
    expect(apply.status).toBe(415);
    expectStatus(apply.json, 415, 'UnsupportedMediaType');
    const bad = await raw(
      sb,
      'POST',
      '/api/v1/namespaces/web-corporate-dev/configmaps',
      {
        rawBody: '{"metadata":',
      },
    );
    expectStatus(bad.json, 400, 'BadRequest');
    const verb = await raw(
      sb,
      'PUT',
      '/api/v1/namespaces/web-corporate-dev/configmaps',
      { body: {} },
    );
    expectStatus(verb.json, 405, 'MethodNotAllowed');
  });

  it('supports merge, strategic merge and JSON patch over HTTP', async () => {
    const path =
      '/apis/apps/v1/namespaces/web-corporate-dev/deployments/web-corporate-dev-web-app';
    const smp = await raw(sb, 'PATCH', path, {
      body: {
        spec: {
          template: { spec: { containers: [{ name: 'app', image: 'x:1' }] } },
        },
      },
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    const c = (
      smp.json as {
        spec: {
          template: { spec: { containers: Array<Record<string, unknown>> } };
        };
      }
    ).spec.template.spec.containers[0];
    expect(c.image).toBe('x:1');
    expect(c.envFrom).toEqual([
      { secretRef: { name: 'web-corporate-dev-env' } },
    ]); // merged by name
    const jp = await raw(sb, 'PATCH', path, {
      body: [
        { op: 'test', path: '/spec/replicas', value: 1 },
        { op: 'replace', path: '/spec/replicas', value: 2 },
      ],
      headers: { 'Content-Type': 'application/json-patch+json' },
    });
    expect((jp.json as { spec: { replicas: number } }).spec.replicas).toBe(2);
    const status = await raw(sb, 'GET', `${path}/status`);
    expect(
      (status.json as { status: { readyReplicas: number } }).status
        .readyReplicas,
    ).toBe(2);
  });
});
