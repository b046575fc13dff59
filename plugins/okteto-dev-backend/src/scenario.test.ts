import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import {
  fetchStatus,
  startWebCoreBackend,
  TestSetup,
} from './__testUtils__/testBackend';

/**
 * The web-core scenario of the kube-sandbox, read through the real backend and
 * @kubernetes/client-node: one app per state the card must get right. Each state is produced by
 * the sandbox's simulation of upstream behaviour (okteto `cmd/up/devdeployer.go`,
 * `pkg/cmd/down/run.go`; argo-cd `controller/appcontroller.go`, `controller/state.go`), not written
 * by hand.
 */
jest.setTimeout(60_000);

let setup: TestSetup;
beforeAll(async () => {
  setup = await startWebCoreBackend();
});
afterAll(() => setup.stop());

const status = (name: string) => fetchStatus(setup, name);
const check = (s: DevStatus, id: string) => s.checklist.find(i => i.id === id);
const problems = (s: DevStatus) =>
  s.okteto.state === 'broken' ? s.okteto.problems.map(p => p.code) : [];

describe('the commands are the repository’s own (no package annotation anywhere)', () => {
  it('corporate: folder from its source location, package from apps/corporate-website/package.json', async () => {
    const s = await status('corporate');
    expect(s.target).toMatchObject({
      appDir: 'apps/corporate-website',
      package: '@synestra/corporate-website',
      sources: { appDir: 'source-location', package: 'package-json' },
    });
    expect(s.commands).toMatchObject({
      dev: 'pnpm --filter @synestra/corporate-website dev',
      devSource: 'package',
    });
    // no dev entry yet: "Enable Okteto"
    expect(check(s, 'dev-service')?.status).toBe('fail');
  });

  it('synestra-io: folder from the dev entry’s workdir, the entry’s own command runs the app, its alias named', async () => {
    const s = await status('synestra-io');
    expect(s.target).toMatchObject({
      appDir: 'apps/synestra-io',
      package: '@synestra/synestra-io',
      sources: { appDir: 'dev-entry', package: 'package-json' },
      devEntry: {
        name: 'web-synestra-io-dev',
        aliases: ['web-synestra-io-dev-web-app'],
        workdir: '/app/apps/synestra-io',
      },
    });
    expect(s.commands).toMatchObject({
      oktetoUp: 'okteto up web-synestra-io-dev --namespace web-synestra-io-dev',
      devSource: 'dev-entry',
    });
    // what okteto up runs itself: information, never a command to paste
    expect(s.commands?.dev).toBeUndefined();
    expect(s.target.devEntry?.command).toContain('pnpm exec next dev');
    // nothing to type, so no package manager to choose and no root package.json read for it
    expect(s.target.packageManager).toBeUndefined();
  });

  it('payload-core: app folder apps/payload-core for the Application web-payload-dev', async () => {
    const s = await status('payload-core');
    expect(s.target).toMatchObject({
      appDir: 'apps/payload-core',
      package: '@synestra/payload-core',
    });
  });

  it('saas: a missing package.json is reported and the package is a marked guess', async () => {
    const s = await status('saas');
    expect(s.target.sources.package).toBe('convention');
    expect(s.target.notes).toEqual([
      expect.objectContaining({
        code: 'packageJsonMissing',
        params: expect.objectContaining({ path: 'apps/saas/package.json' }),
      }),
      // the repository names its package manager (examples/web-core-repo/package.json)
      expect.objectContaining({
        code: 'packageManagerField',
        params: { manager: 'pnpm', path: 'package.json' },
      }),
    ]);
    expect(s.commands?.dev).toBe('pnpm --filter saas dev');
  });
});

describe('case by case: the card tells the truth', () => {
  it('1. both pods serve: shop’s self-heal scaled the original back up while the clone runs', async () => {
    const s = await status('shop');
    expect(s.drift).toMatchObject({ kind: 'conflict', cause: 'self-heal' });
    expect(s.workload).toMatchObject({ replicas: 1 });
    expect(check(s, 'self-heal-off')?.status).toBe('fail');
  });

  it('1. predicted: web-core’s own Application (automated, selfHeal off, no guard) fails replicas-ignored', async () => {
    const s = await status('synestra-io');
    expect(s.argo).toMatchObject({
      autoSync: true,
      selfHeal: false,
      replicasIgnored: false,
    });
    expect(check(s, 'self-heal-off')?.status).toBe('pass');
    expect(check(s, 'replicas-ignored')).toMatchObject({
      status: 'fail',
      code: 'checkReplicasNotIgnored',
      message: expect.stringContaining('RespectIgnoreDifferences=true'),
    });
  });

  it('2. expected drift only when the workload is the only OutOfSync resource; a drifting ConfigMap is named', async () => {
    expect((await status('synestra-io')).drift).toMatchObject({
      kind: 'expected-okteto',
    });
    const portal = await status('portal');
    expect(portal.drift).toMatchObject({
      kind: 'unexpected',
      params: expect.objectContaining({
        resources: 'ConfigMap web-portal-dev-config',
      }),
    });
    expect(portal.okteto.state).toBe('on');
  });

  it('3. dev mode on is a running dev container, not a working app; an old session is probably abandoned', async () => {
    const admin = await status('admin');
    expect(admin.okteto).toMatchObject({
      state: 'on',
      user: 'dave',
      abandoned: true,
    });
    expect(
      admin.okteto.state === 'on' && admin.okteto.ageSeconds,
    ).toBeGreaterThan(8 * 3600);
    const synestra = await status('synestra-io');
    expect(synestra.okteto).toMatchObject({ state: 'on', abandoned: false });
  });

  it('4. dev mode that never started: ReplicaFailure (Pod Security), a Pending volume', async () => {
    const blog = await status('blog');
    expect(problems(blog)).toContain('oktetoCloneCreateFailed');
    expect(
      blog.okteto.state === 'broken' && blog.okteto.problems[0].message,
    ).toMatch(/PodSecurity|forbidden|quota/);
    const docs = await status('docs');
    expect(problems(docs)).toContain('oktetoPvcPending');
  });

  it('5. an interrupted okteto up leaves a clone next to an unlabelled original: both serve', async () => {
    const s = await status('studio');
    expect(s.drift).toMatchObject({ kind: 'conflict', cause: 'interrupted' });
    expect(problems(s)).toEqual(['oktetoInterrupted']);
  });

  it('5. a labelled original without its clone under label tracking: pruned by Argo CD, with the recovery', async () => {
    const s = await status('payload-core');
    expect(s.workload).toMatchObject({ tracking: 'label' });
    expect(problems(s)).toEqual(['oktetoCloneDeletedByPrune']);
    expect(s.okteto.state === 'broken' && s.okteto.problems[0].message).toMatch(
      /okteto down/,
    );
  });

  it('6. who: unknown on plain Kubernetes, named only where OKTETO_USERNAME is set', async () => {
    const synestra = await status('synestra-io');
    expect(synestra.okteto.state === 'on' && synestra.okteto.user).toBeFalsy();
    expect((await status('shop')).okteto).toMatchObject({ user: 'bob' });
  });

  it('7. Argo CD fields: a failed last sync, an owning ApplicationSet', async () => {
    const s = await status('landings');
    expect(s.argo).toMatchObject({
      operation: { phase: 'Failed', failed: true },
      applicationSet: 'web-core-dev',
    });
    expect(check(s, 'replicas-ignored')?.code).toBe(
      'checkReplicasNotIgnoredAppSet',
    );
  });

  it('8. checklist: the .stignore Okteto reads for ..:/app is the repository root one', async () => {
    const s = await status('synestra-io');
    expect(check(s, 'stignore')).toMatchObject({
      status: 'fail',
      code: 'checkStignoreMissingFile',
      params: { path: '.stignore' },
    });
  });
});
