/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "twin.expectSame"] }] */
// twin.expectSame asserts: it throws with every difference between the two answers
import { startWebCoreTwin, WebCoreTwin } from './__testUtils__/twin';

jest.setTimeout(900_000);

let twin: WebCoreTwin;

beforeAll(async () => {
  twin = await startWebCoreTwin();
});

afterAll(async () => {
  await twin?.close();
});

it.each(['corporate', 'saas', 'landings'])(
  '%s after the first sync',
  async app => {
    await twin.expectSame(app, 20_000);
  },
);

it('synestra-io: okteto up', async () => {
  await twin.oktetoUp('synestra-io');
  await twin.expectSame('synestra-io', 30_000);
});

it('shop: okteto up, selfHeal', async () => {
  await twin.oktetoUp('shop');
  await twin.expectSame('shop', 30_000);
});

it('admin: okteto up with the replicas guard', async () => {
  await twin.oktetoUp('admin');
  await twin.expectSame('admin', 30_000);
});

it('docs: okteto up, the dev volume of a class without provisioner', async () => {
  await twin.oktetoUp('docs', 'unschedulable');
  await twin.expectSame('docs', 30_000);
});

it('blog: Pod Security restricted, then okteto up', async () => {
  await twin.patchLive('blog', 'Namespace', 'web-blog-dev', {
    metadata: {
      labels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
    },
  });
  await twin.oktetoUp('blog', 'replica-failure');
  await twin.expectSame('blog', 30_000);
});

it('studio: okteto up interrupted after the clone', async () => {
  await twin.interruptedUp('studio');
  await twin.expectSame('studio', 30_000);
});

it('portal: okteto up, and its Ingress changed live', async () => {
  await twin.oktetoUp('portal');
  await twin.patchLive('portal', 'Ingress', 'web-portal-dev-web-app', {
    metadata: {
      annotations: {
        'traefik.ingress.kubernetes.io/router.entrypoints': 'web',
      },
    },
  });
  await twin.expectSame('portal', 30_000);
});

it('landings: its container crash-loops', async () => {
  await twin.crashLoop('landings');
  await twin.expectSame('landings', 60_000);
});

describe('a commit to main while the apps are in all those states', () => {
  it('is pushed: synestra-io’s values change, corporate loses a value file, landings gets a host the API server refuses', async () => {
    const values = twin.stack.repo.read('deploy/env/dev/synestra-io.yaml')!;
    const landings = twin.stack.repo.read('deploy/env/dev/landings.yaml')!;
    const sha = await twin.push(
      {
        'deploy/env/dev/synestra-io.yaml': values.replace(
          'S3_BUCKET: "payload-media"',
          'S3_BUCKET: "payload-media-2"',
        ),
        'deploy/env/release-dev/corporate.yaml': null,
        'deploy/env/dev/landings.yaml': landings.replace(
          'host: "landings.dev.synestra.io"',
          'host: "Landings.dev.synestra.io"',
        ),
      },
      {
        message: 'a commit',
        rejected: {
          app: 'landings',
          kind: 'Ingress',
          name: 'web-landings-dev-web-app',
          // kube-apiserver: pkg/apis/networking/validation (IsDNS1123Subdomain of the host,
          // k8s.io/apimachinery/pkg/util/validation) through field.Invalid
          message: `Ingress.networking.k8s.io "web-landings-dev-web-app" is invalid: spec.rules[0].host: Invalid value: "Landings.dev.synestra.io": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        },
      },
    );
    // both Argo CDs compared synestra-io with the new commit (the refresh after the push)
    const real = await twin.stack.application('web-synestra-io-dev');
    const sandbox = twin.sandbox.store.get(
      'applications',
      'argo',
      'web-synestra-io-dev',
    );
    expect(real.status?.sync?.revision).toBe(sha);
    expect((sandbox?.status as any)?.sync?.revision).toBe(sha);
  });

  // landings' sync is retried for about 155 s meanwhile: it comes last
  it.each([
    ['synestra-io', 'automated sync of the new revision: both pods serve'],
    ['admin', 'the replicas guard: no conflict'],
    ['shop', 'selfHeal'],
    ['corporate', 'a value file gone: ComparisonError'],
    ['portal', 'the live change reverted by the sync'],
    ['studio', 'the interrupted session'],
    ['docs', 'the Pending dev volume'],
    ['blog', 'the migrations hook Pod Security refuses: the sync waits for it'],
  ])('%s: %s', async app => {
    await twin.expectSame(app, 30_000);
  });

  it('synestra-io: okteto down after the conflict', async () => {
    await twin.oktetoDown('synestra-io');
    await twin.expectSame('synestra-io', 30_000);
  });

  it('admin: okteto down interrupted right after it restored the original', async () => {
    await twin.interruptedDown('admin');
    await twin.expectSame('admin', 30_000);
  });

  it('shop: a session older than oktetoDev.abandonedAfterHours (set to 0: the clone’s creation time cannot be moved back on a real API server)', async () => {
    const status = await twin.expectSame('shop', 30_000, {
      abandonedAfterHours: 0,
    });
    expect(status.okteto).toMatchObject({ abandoned: true });
  });

  it('landings: the refused object fails the sync, retried 5 times', async () => {
    const status = await twin.expectSame('landings', 30_000);
    expect(status.argo).toMatchObject({
      operation: { phase: 'Failed' },
      applicationSet: 'web-core-dev',
    });
  });
});

it('payload-core under label tracking: okteto up, then a commit whose automated sync prunes the clone', async () => {
  await twin.setTrackingMethod('label');
  // the switch leaves every resource with the tracking annotation Git no longer has: OutOfSync at
  // a revision payload-core has not synced yet (the commit above), so an automated sync follows
  // (controller/appcontroller.go autoSync); okteto up comes after it, as the sandbox's did
  await twin.stack.settle('web-payload-dev');
  await twin.oktetoUp('payload-core');
  await twin.expectSame('payload-core', 30_000);
  const values = twin.stack.repo.read('deploy/env/dev/payload-core.yaml')!;
  await twin.push(
    {
      'deploy/env/dev/payload-core.yaml': values.replace(
        'SYNESTRA_ENV: "dev"',
        'SYNESTRA_ENV: "dev"\n  LOG_LEVEL: "debug"',
      ),
    },
    { message: 'payload-core: log level' },
  );
  const status = await twin.expectSame('payload-core', 30_000);
  expect(status.okteto).toMatchObject({ state: 'broken' });
});
