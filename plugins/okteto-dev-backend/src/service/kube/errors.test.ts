import { toDevError } from './errors';

describe('toDevError: cluster errors as data, without secrets', () => {
  it('maps HTTP statuses to types and keeps the API server message', () => {
    const error = toDevError(
      {
        code: 403,
        body: JSON.stringify({
          kind: 'Status',
          message:
            'deployments.apps is forbidden: User "system:serviceaccount:x" cannot list',
        }),
      },
      'deployments in web-x-dev',
      'dev',
    );
    expect(error).toEqual({
      type: 'forbidden',
      statusCode: 403,
      resource: 'deployments in web-x-dev',
      cluster: 'dev',
      message: expect.stringContaining(
        'HTTP 403, deployments.apps is forbidden',
      ),
    });
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
