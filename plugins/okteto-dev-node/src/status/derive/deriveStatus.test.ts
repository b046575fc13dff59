import { ChecklistItem, DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { parseManifestYaml } from './deriveChecklist';
import { deriveDevStatus } from './deriveStatus';
import { needsPods } from './deriveWorkload';
import {
  application,
  deployment,
  devModeOn,
  fetched,
  MANIFEST,
  pod,
  target,
} from './testFixtures';

const checklist = (items: ChecklistItem[]) =>
  Object.fromEntries(items.map(i => [i.id, i.status]));

const forbidden: DevError = {
  type: 'forbidden',
  message: 'deployments in web-corporate-dev: HTTP 403',
  statusCode: 403,
};

describe('deriveDevStatus', () => {
  it('Synced + Healthy without dev mode: all clear', () => {
    const status = deriveDevStatus(fetched());
    expect(status.argo).toMatchObject({
      state: 'ok',
      sync: 'Synced',
      health: 'Healthy',
      selfHeal: false,
      prune: true,
      autoSync: true,
      revisionUrl:
        'https://github.com/NeoGrAIph/web-core/commit/e35fb36ba6616dedc4b81b1559667a83a00d3b57',
      lastSyncedAt: '2026-11-25T10:00:00Z',
      valueFiles: [
        '../../env/release-dev/corporate.yaml',
        '../../env/dev/corporate.yaml',
      ],
    });
    expect(status.workload).toMatchObject({
      state: 'ok',
      replicas: 1,
      readyReplicas: 1,
      serverUrl: 'https://corporate.dev.synestra.tech',
    });
    expect(status.okteto).toEqual({ state: 'off' });
    expect(status.drift.kind).toBe('none');
    expect(Object.values(checklist(status.checklist))).toEqual(
      Array(8).fill('pass'),
    );
    expect(status.commands).toEqual({
      oktetoUp: 'okteto up web-corporate-dev --namespace web-corporate-dev',
      oktetoDown: 'okteto down web-corporate-dev --namespace web-corporate-dev',
      dev: 'pnpm --filter corporate dev',
    });
    expect(status.errors).toEqual([]);
  });

  it('dev mode on: who, since, image, and the OutOfSync it causes is expected', () => {
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ sync: 'OutOfSync' }) },
        deployments: { ok: true, value: devModeOn({ user: 'alice' }) },
        pods: { ok: true, value: [pod('clone-1', { dev: true, restarts: 1 })] },
      }),
    );
    expect(status.okteto).toEqual({
      state: 'on',
      mode: 'sync',
      since: '2026-11-25T09:00:00Z',
      image: 'ghcr.io/neograiph/web-core/dev:node22-pnpm',
      user: 'alice',
      clone: 'web-corporate-dev-web-app-okteto',
      pods: [{ name: 'clone-1', phase: 'Running', ready: true, restarts: 1 }],
    });
    expect(status.workload).toMatchObject({ replicas: 0, pods: [] });
    expect(status.drift.kind).toBe('expected-okteto');
  });

  it('dev mode on with selfHeal: a conflict, and the checklist fails self-heal-off', () => {
    const status = deriveDevStatus(
      fetched({
        application: {
          ok: true,
          value: application({ sync: 'OutOfSync', selfHeal: true }),
        },
        deployments: {
          ok: true,
          value: devModeOn({ user: 'bob', originalReplicas: 1 }),
        },
        pods: {
          ok: true,
          value: [pod('orig-1'), pod('clone-1', { dev: true })],
        },
      }),
    );
    expect(status.drift.kind).toBe('self-heal-conflict');
    expect(status.drift.message).toMatch(
      /both the original pod and the dev pod/,
    );
    expect(checklist(status.checklist)['self-heal-off']).toBe('fail');
    expect(status.workload).toMatchObject({ pods: [{ name: 'orig-1' }] });
  });

  it('gives times as ISO strings, also when the client parsed them into Dates', () => {
    const [original, clone] = devModeOn();
    (clone.metadata as { creationTimestamp?: unknown }).creationTimestamp =
      new Date('2026-11-25T09:00:00Z');
    const status = deriveDevStatus(
      fetched({ deployments: { ok: true, value: [original, clone] } }),
    );
    expect(status.okteto.state === 'on' && status.okteto.since).toBe(
      '2026-11-25T09:00:00.000Z',
    );
  });

  it('OutOfSync without dev mode is unexpected drift', () => {
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ sync: 'OutOfSync' }) },
      }),
    );
    expect(status.drift.kind).toBe('unexpected');
  });

  it('Degraded with a crash-looping pod', () => {
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ health: 'Degraded' }) },
        deployments: { ok: true, value: [deployment({ ready: 0 })] },
        pods: {
          ok: true,
          value: [pod('orig-1', { reason: 'CrashLoopBackOff', restarts: 9 })],
        },
      }),
    );
    expect(status.argo).toMatchObject({ health: 'Degraded' });
    expect(status.workload).toMatchObject({
      readyReplicas: 0,
      pods: [
        {
          name: 'orig-1',
          ready: false,
          restarts: 9,
          reason: 'CrashLoopBackOff',
        },
      ],
    });
  });

  it('Application missing: argo not-found, drift unknown, checklist fails the Application', () => {
    const status = deriveDevStatus(
      fetched({ application: { ok: true, value: undefined } }),
    );
    expect(status.argo).toEqual({ state: 'not-found' });
    expect(status.drift.kind).toBe('unknown');
    expect(checklist(status.checklist)).toMatchObject({
      'argo-application': 'fail',
      'self-heal-off': 'unknown',
    });
  });

  it('dev-mode label without a clone is broken (interrupted session)', () => {
    const [original] = devModeOn();
    const status = deriveDevStatus(
      fetched({ deployments: { ok: true, value: [original] } }),
    );
    expect(status.okteto.state).toBe('broken');
    expect(
      status.okteto.state === 'broken' && status.okteto.problems[0],
    ).toMatch(/interrupted 'okteto up' or 'okteto down'/);
  });

  it('a clone without the label, and a crash-looping dev pod, are problems', () => {
    const [, clone] = devModeOn();
    const status = deriveDevStatus(
      fetched({
        deployments: { ok: true, value: [deployment(), clone] },
        pods: {
          ok: true,
          value: [
            pod('clone-1', {
              dev: true,
              reason: 'CrashLoopBackOff',
              restarts: 4,
            }),
          ],
        },
      }),
    );
    expect(status.okteto.state === 'broken' && status.okteto.problems).toEqual([
      expect.stringMatching(/leftover of an earlier session/),
      expect.stringMatching(
        /clone-1 is failing \(CrashLoopBackOff, 4 restarts\)/,
      ),
    ]);
  });

  it('an original at 0 replicas without the replicas annotation is a problem', () => {
    const [original, clone] = devModeOn();
    delete original.metadata.annotations!['dev.okteto.com/replicas'];
    const status = deriveDevStatus(
      fetched({ deployments: { ok: true, value: [original, clone] } }),
    );
    expect(
      status.okteto.state === 'broken' && status.okteto.problems[0],
    ).toMatch(/without the dev.okteto.com\/replicas annotation/);
  });

  it('offers only an http(s) URL as the server URL', () => {
    const withEnv = (value: string) =>
      deriveDevStatus(
        fetched({
          deployments: {
            ok: true,
            value: [
              deployment({ env: [{ name: 'NEXT_PUBLIC_SERVER_URL', value }] }),
            ],
          },
        }),
      ).workload;
    expect(withEnv('https://a.example.com/x')).toMatchObject({
      serverUrl: 'https://a.example.com/x',
    });
    expect(withEnv('postgres://user:pw@db/app')).not.toHaveProperty(
      'serverUrl',
    );
  });

  it('env secret missing and SYNESTRA_ENV wrong fail their items', () => {
    const status = deriveDevStatus(
      fetched({
        secretNames: { ok: true, value: [] },
        deployments: {
          ok: true,
          value: [
            deployment({ env: [{ name: 'SYNESTRA_ENV', value: 'prod' }] }),
          ],
        },
      }),
    );
    const items = Object.fromEntries(status.checklist.map(i => [i.id, i]));
    expect(items['env-secret']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('web-corporate-dev-env'),
    });
    expect(items['synestra-env-dev']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('"prod"'),
    });
  });

  it('a forbidden namespace is an error value in place, the Argo CD part still shows', () => {
    const status = deriveDevStatus(
      fetched({
        deployments: { ok: false, error: forbidden },
        secretNames: { ok: false, error: forbidden },
      }),
    );
    expect(status.argo.state).toBe('ok');
    expect(status.workload).toEqual({ state: 'error', error: forbidden });
    expect(status.okteto).toEqual({ state: 'error', error: forbidden });
    expect(status.errors).toEqual([forbidden, forbidden]);
    expect(checklist(status.checklist)['env-secret']).toBe('unknown');
  });

  it('repository checks: no dev entry, no manifest, legacy manifest, missing .stignore', () => {
    const noEntry = deriveDevStatus(
      fetched({
        manifest: {
          ok: true,
          value: { path: '.okteto/okteto.yml', content: 'dev: {}\n' },
        },
      }),
    );
    expect(checklist(noEntry.checklist)).toMatchObject({
      'dev-service': 'fail',
      'dev-image': 'unknown',
    });
    const noFile = deriveDevStatus(
      fetched({
        manifest: { ok: true, value: { path: '.okteto/okteto.yml' } },
      }),
    );
    expect(noFile.checklist.find(i => i.id === 'dev-service')?.message).toMatch(
      /no Okteto manifest/,
    );
    const legacy = deriveDevStatus(
      fetched({
        manifest: {
          ok: true,
          value: {
            path: 'okteto.yml',
            content: 'name: x\nimage: node\ncommand: bash\n',
          },
        },
      }),
    );
    expect(legacy.checklist.find(i => i.id === 'dev-service')?.message).toMatch(
      /legacy \(v1\)/,
    );
    const noStignore = deriveDevStatus(
      fetched({ stignore: { ok: true, value: { path: '.stignore' } } }),
    );
    expect(checklist(noStignore.checklist).stignore).toBe('fail');
    const unreadable = deriveDevStatus(fetched({ manifest: undefined }));
    expect(checklist(unreadable.checklist)['dev-service']).toBe('unknown');
  });

  it('parses one manifest content once, however many entities share it', () => {
    expect(parseManifestYaml(MANIFEST)).toBe(parseManifestYaml(`${MANIFEST}`));
    expect(parseManifestYaml('dev: [\n')).toMatchObject({ ok: false });
  });

  it('a malformed manifest is reported, not thrown', () => {
    const status = deriveDevStatus(
      fetched({
        manifest: {
          ok: true,
          value: { path: '.okteto/okteto.yml', content: 'dev: [\n' },
        },
      }),
    );
    expect(status.checklist.find(i => i.id === 'dev-service')).toMatchObject({
      status: 'unknown',
      message: expect.stringContaining('is not valid YAML'),
    });
  });
});

describe('needsPods', () => {
  it('reads pods only to explain something', () => {
    expect(needsPods([deployment()], target)).toBe(false);
    expect(needsPods([deployment({ ready: 0 })], target)).toBe(true);
    expect(needsPods(devModeOn(), target)).toBe(true);
  });
});
