import { toDevError } from './errors';

describe('toDevError: cluster errors as data, without secrets', () => {
  it('names the missing permission of a 403 from the Status, never the refused identity', () => {
    // kube-apiserver responsewriters/errors.go: forbiddenMessage inside NewForbidden
    const error = toDevError(
      {
        code: 403,
        body: JSON.stringify({
          kind: 'Status',
          status: 'Failure',
          reason: 'Forbidden',
          code: 403,
          details: { group: 'apps', kind: 'deployments' },
          message:
            'deployments.apps is forbidden: User "system:serviceaccount:backstage:okteto-dev" cannot watch resource "deployments" in API group "apps" in the namespace "web-x-dev"',
        }),
      },
      'deployments in web-x-dev',
      'dev',
      {
        verb: 'list',
        resource: 'deployments',
        group: 'apps',
        namespace: 'web-x-dev',
      },
    );
    expect(error).toEqual({
      type: 'forbidden',
      statusCode: 403,
      resource: 'deployments in web-x-dev',
      cluster: 'dev',
      permission: {
        verb: 'watch',
        resource: 'deployments',
        group: 'apps',
        namespace: 'web-x-dev',
      },
      message:
        'deployments in web-x-dev: HTTP 403, missing permission: watch deployments.apps in namespace "web-x-dev"',
    });
    expect(JSON.stringify(error)).not.toContain('serviceaccount');

    const named = toDevError(
      {
        code: 403,
        body: {
          details: { name: 'web-x-dev-env', kind: 'secrets' },
          message:
            'secrets "web-x-dev-env" is forbidden: User "u" cannot get resource "secrets" in API group "" in the namespace "web-x-dev": RBAC: role.rbac.authorization.k8s.io "gone" not found',
        },
      },
      'secret',
      'dev',
    );
    expect(named.permission).toEqual({
      verb: 'get',
      resource: 'secrets',
      group: '',
      namespace: 'web-x-dev',
      name: 'web-x-dev-env',
    });
    expect(named.message).toContain('(RBAC: role.rbac.authorization.k8s.io');

    const wide = toDevError(
      {
        code: 403,
        body: '{"message":"pods is forbidden: User \\"u\\" cannot list resource \\"pods\\" in API group \\"\\" at the cluster scope"}',
      },
      'pods in all namespaces',
      'dev',
    );
    expect(wide.permission).toEqual({
      verb: 'list',
      resource: 'pods',
      group: '',
    });
    expect(wide.message).toContain('list pods across all namespaces');

    expect(
      toDevError(
        {
          code: 403,
          body: '{"message":"forbidden: User \\"u\\" cannot get path \\"/version\\""}',
        },
        'version',
        'dev',
      ).permission,
    ).toEqual({ verb: 'get', resource: '/version', group: '' });
  });

  it('falls back to what was asked when a 403 is not in the API server’s words', () => {
    const error = toDevError(
      { code: 403, body: 'denied by policy <script>' },
      'applications.argoproj.io in argo',
      'hub',
      {
        verb: 'list',
        resource: 'applications',
        group: 'argoproj.io',
        namespace: 'argo',
      },
    );
    expect(error.permission).toEqual({
      verb: 'list',
      resource: 'applications',
      group: 'argoproj.io',
      namespace: 'argo',
    });
    // an answer that is not a Status, and a forged one, name nothing they do not fit
    const forged = toDevError(
      {
        code: 403,
        body: {
          message:
            'cannot list resource "pods<img>" in API group "" in the namespace "x"',
        },
      },
      'r',
      'c',
    );
    expect(forged.permission).toBeUndefined();
    expect(forged.message).toBe(
      'r: HTTP 403, the service account may not read it',
    );
  });

  it('maps HTTP statuses to types', () => {
    expect(toDevError({ code: 401 }, 'r', 'c')).toMatchObject({
      type: 'unauthorized',
    });
    expect(toDevError({ code: 404 }, 'r', 'c')).toMatchObject({
      type: 'not-installed',
      message: expect.stringContaining('is Argo CD installed?'),
    });
    expect(toDevError({ code: 504 }, 'r', 'c').type).toBe('timeout');
    expect(toDevError({ code: 503 }, 'r', 'c').type).toBe('bad-response');
  });

  it('tells timeouts, unreachable clusters and malformed answers apart', () => {
    expect(toDevError({ name: 'TimeoutError' }, 'r', 'c').type).toBe('timeout');
    expect(
      toDevError({ cause: { code: 'ECONNREFUSED' } }, 'r', 'c'),
    ).toMatchObject({
      type: 'unreachable',
      message: 'r: cluster c is unreachable (ECONNREFUSED)',
    });
    expect(toDevError(new Error('socket hang up'), 'r', 'c').type).toBe(
      'unreachable',
    );
    expect(
      toDevError(new SyntaxError('Unexpected end of JSON input'), 'r', 'c')
        .type,
    ).toBe('bad-response');
  });

  it('never carries a stack trace or more than the first line of an unknown error', () => {
    const error = new Error(
      'first line\nBearer sk-secret-token\n    at x (y.js:1:1)',
    );
    const devError = toDevError(error, 'r', 'c');
    expect(devError.type).toBe('unknown');
    expect(devError.message).toBe('r: the read failed (Error: first line)');
  });
});
