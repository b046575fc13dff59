import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { DevAnswer } from './DevAnswer';
import { HIDDEN, redactIdentities, Redactor } from './redact';

const redactor = new Redactor(() => ['eu-payments-hub', 'dev', 'argo-hub']);

describe('redactIdentities', () => {
  it("hides the user of kube-apiserver's RBAC denial and keeps what was refused (responsewriters/errors.go)", () => {
    expect(
      redactIdentities(
        'deployments.apps is forbidden: User "system:serviceaccount:backstage:okteto-dev" cannot list resource "deployments" in API group "apps" in the namespace "web-secret-dev"',
      ),
    ).toBe(
      `deployments.apps is forbidden: User "${HIDDEN}" cannot list resource "deployments" in API group "apps" in the namespace "web-secret-dev"`,
    );
    // the older format, with the groups (which name the service account's namespace)
    expect(
      redactIdentities(
        'User "alice@example.com" groups [system:serviceaccounts system:serviceaccounts:backstage system:authenticated] cannot get pods in the namespace "x".',
      ),
    ).toBe(`User "${HIDDEN}" cannot get pods in the namespace "x".`);
    expect(
      redactIdentities(
        'as system:serviceaccount:kube-sandbox:sandbox, in system:serviceaccounts:backstage',
      ),
    ).toBe(
      `as system:serviceaccount:${HIDDEN}, in system:serviceaccounts:${HIDDEN}`,
    );
    expect(
      redactIdentities(
        'User: arn:aws:sts::123456789012:assumed-role/okteto/s is not authorized',
      ),
    ).toBe(`User: arn:${HIDDEN} is not authorized`);
  });
});

describe('Redactor.text: configured names where okteto-dev writes them', () => {
  it('hides the configured-names lists and the cluster a message names, not namespaces that contain a name', () => {
    expect(
      redactor.text(
        "No cluster named 'stage' is configured (configured: dev, eu-payments-hub)",
      ),
    ).toBe("No cluster named 'stage' is configured");
    expect(
      redactor.text(
        'Several clusters are configured (dev, eu-payments-hub): name one with the okteto-dev/cluster annotation',
      ),
    ).toBe(
      'Several clusters are configured: name one with the okteto-dev/cluster annotation',
    );
    expect(
      redactor.text(
        "deployments in web-dev-dev: cluster eu-payments-hub is unreachable (ECONNREFUSED); Cluster 'dev' cannot be used: x; instance 'argo-hub'",
      ),
    ).toBe(
      `deployments in web-dev-dev: cluster ${HIDDEN} is unreachable (ECONNREFUSED); Cluster ${HIDDEN} cannot be used: x; instance ${HIDDEN}`,
    );
    // a word that only contains a name, and a name not in a cluster context, stay
    expect(redactor.text('the cluster developer dev-tools')).toBe(
      'the cluster developer dev-tools',
    );
  });
});

describe('a redacted answer', () => {
  const status = (errors: DevStatus['errors']) =>
    ({
      entityRef: 'component:default/a',
      fetchedAt: '2024-01-01T00:00:00.000Z',
      target: { cluster: 'eu-payments-hub', namespace: 'web-a-dev' },
      checklist: [
        {
          id: 'argo-app',
          status: 'unknown',
          code: 'checkArgoAppUnreadable',
          params: { error: errors[0]?.message ?? '' },
          message: `could not be read: ${errors[0]?.message ?? ''}`,
        },
      ],
      errors,
    } as unknown as DevStatus);

  it('keeps the very bytes of an answer with nothing to hide', () => {
    const answer = DevAnswer.fromStatus(status([]));
    expect(answer.redacted(redactor)).toBe(answer.serialized());
  });

  it('hides names and identities everywhere but the target, and drops the cluster field of errors', () => {
    const answer = DevAnswer.fromStatus(
      status([
        {
          type: 'forbidden',
          statusCode: 403,
          resource: 'deployments in web-a-dev',
          cluster: 'eu-payments-hub',
          message:
            'deployments in web-a-dev: HTTP 403, deployments.apps is forbidden: User "system:serviceaccount:backstage:okteto-dev" cannot list resource "deployments" in API group "apps" in the namespace "web-a-dev"',
        },
      ]),
    );
    const redacted = answer.redacted(redactor, {
      mode: 'polling',
      reason: 'cluster eu-payments-hub cannot be watched: x',
    });
    const text = redacted.body.toString();
    expect(text).not.toContain('system:serviceaccount:backstage');
    expect(text).not.toContain('"cluster":"eu-payments-hub","message"');
    expect(text).not.toContain('cluster eu-payments-hub');
    const parsed = JSON.parse(text);
    expect(parsed.target.cluster).toBe('eu-payments-hub');
    expect(parsed.errors[0]).toEqual({
      type: 'forbidden',
      statusCode: 403,
      resource: 'deployments in web-a-dev',
      message: `deployments in web-a-dev: HTTP 403, deployments.apps is forbidden: User "${HIDDEN}" cannot list resource "deployments" in API group "apps" in the namespace "web-a-dev"`,
    });
    expect(parsed.checklist[0].params.error).toBe(parsed.errors[0].message);
    expect(parsed.live.reason).toBe(`cluster ${HIDDEN} cannot be watched: x`);
    expect(redacted.etag).not.toBe(answer.serialized().etag);
    // once per answer: the same copy for every caller
    expect(
      answer.redacted(redactor, {
        mode: 'polling',
        reason: 'cluster eu-payments-hub cannot be watched: x',
      }),
    ).toBe(redacted);
  });
});
