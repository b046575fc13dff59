import { DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { deriveDevStatus } from './deriveStatus';
import { deployment, fetched, pod, repo, target } from './testFixtures';
import { locateWorkloads } from './workloads';

const forbidden: DevError = {
  type: 'forbidden',
  message: 'deployments in web-corporate-dev: HTTP 403',
  statusCode: 403,
};

const ids = (status: ReturnType<typeof deriveDevStatus>) =>
  Object.fromEntries(status.checklist.map(i => [i.id, i.status]));

describe('deriveDevStatus', () => {
  it('a healthy app without dev mode: everything passes, the dev entry runs the app', () => {
    const status = deriveDevStatus(fetched());
    expect(status.okteto).toEqual({ state: 'off' });
    expect(status.drift).toMatchObject({ kind: 'none', code: 'driftNone' });
    expect(Object.values(ids(status))).toEqual(Array(9).fill('pass'));
    expect(status.workload).toMatchObject({
      state: 'ok',
      replicas: 1,
      readyReplicas: 1,
      tracking: 'annotation',
      serverUrl: 'https://corporate.dev.synestra.tech',
      pods: [{ name: 'web-corporate-dev-web-app-7d9c-abcde', ready: true }],
    });
    expect(status.errors).toEqual([]);
  });

  it('a pod is the workload’s only when one of its ReplicaSets controls it: not the chart’s migrations Job’s, whose pods carry the same labels', () => {
    const owned = (
      name: string,
      kind: string,
      owner: string,
      hash?: string,
    ) => {
      const p = pod(name, kind === 'Job' ? { phase: 'Succeeded' } : {});
      p.metadata.ownerReferences = [{ kind, name: owner, controller: true }];
      if (hash) p.metadata.labels!['pod-template-hash'] = hash;
      return p;
    };
    const status = deriveDevStatus(
      fetched({
        pods: {
          ok: true,
          value: [
            owned(
              'web-corporate-dev-web-app-7d9c-abcde',
              'ReplicaSet',
              'web-corporate-dev-web-app-7d9c',
              '7d9c',
            ),
            // web-core's deploy/charts/web-app/templates/migrations-job.yaml labels its pods with
            // web-app.labels, which include the Deployment's selector
            owned(
              'web-corporate-dev-web-app-migrate-x7k2p',
              'Job',
              'web-corporate-dev-web-app-migrate',
            ),
            // a pod another ReplicaSet controls (another Deployment with overlapping labels)
            owned(
              'web-corporate-dev-other-5f6d-qwert',
              'ReplicaSet',
              'web-corporate-dev-other-5f6d',
              '5f6d',
            ),
          ],
        },
      }),
    );
    expect(status.workload.state === 'ok' && status.workload.pods).toEqual([
      expect.objectContaining({ name: 'web-corporate-dev-web-app-7d9c-abcde' }),
    ]);
  });

  it('a StatefulSet’s pods are the ones it controls itself (kubernetes pkg/controller/statefulset: no ReplicaSet between)', () => {
    const owned = (name: string, kind: string, owner: string) => {
      const p = pod(name);
      p.metadata.ownerReferences = [{ kind, name: owner, controller: true }];
      return p;
    };
    const located = locateWorkloads(
      [deployment()],
      {
        ok: true,
        value: [
          owned(
            'web-corporate-dev-web-app-0',
            'StatefulSet',
            'web-corporate-dev-web-app',
          ),
          owned(
            'web-corporate-dev-web-app-migrate-x7k2p',
            'Job',
            'web-corporate-dev-web-app-migrate',
          ),
          owned(
            'web-corporate-dev-web-app-7d9c-abcde',
            'ReplicaSet',
            'web-corporate-dev-web-app-7d9c',
          ),
        ],
      },
      { workload: 'web-corporate-dev-web-app', workloadKind: 'StatefulSet' },
    );
    expect(located.originalPods.map(p => p.metadata.name)).toEqual([
      'web-corporate-dev-web-app-0',
    ]);
  });

  it('commands follow the repository: the dev entry, its command, its package (runbook §4)', () => {
    const status = deriveDevStatus(fetched());
    expect(status.target).toMatchObject({
      devService: 'web-corporate-dev',
      appDir: 'apps/corporate-website',
      package: '@synestra/corporate-website',
      sources: { appDir: 'dev-entry', package: 'package-json' },
      notes: [],
      devEntry: {
        name: 'web-corporate-dev',
        manifestPath: '.okteto/okteto.yml',
        aliases: ['web-corporate-dev-web-app'],
        workdir: '/app/apps/corporate-website',
      },
    });
    expect(status.commands).toEqual({
      oktetoUp: 'okteto up web-corporate-dev --namespace web-corporate-dev',
      oktetoDown: 'okteto down web-corporate-dev --namespace web-corporate-dev',
      // the entry's own command is what okteto up runs: information, never a command to paste
      devSource: 'dev-entry',
    });
    expect(status.target.devEntry?.command).toBe(
      "sh -lc 'pnpm install --frozen-lockfile; pnpm exec next dev --port 3000'",
    );
    expect(status.guard).toBeUndefined();
  });

  it('without a command in the dev entry, the developer types the package dev script', () => {
    const manifest = `dev:
  web-corporate-dev:
    image: ghcr.io/neograiph/web-core/dev:node22-pnpm
    selector:
      app.kubernetes.io/instance: web-corporate-dev
    workdir: /app/apps/corporate-website
    sync:
      - ..:/app
`;
    const status = deriveDevStatus(fetched({ repo: repo({ manifest }) }));
    expect(status.commands).toMatchObject({
      dev: 'pnpm --filter @synestra/corporate-website dev',
      devSource: 'package',
    });
  });

  it('a missing package.json is reported and the naming template is the last resort', () => {
    const status = deriveDevStatus(
      fetched({ repo: repo({ packageJson: null }) }),
    );
    expect(status.target.package).toBe(target.package);
    expect(status.target.sources.package).toBe('convention');
    expect(status.target.notes).toEqual([
      expect.objectContaining({
        code: 'packageJsonMissing',
        message: expect.stringContaining(
          'apps/corporate-website/package.json does not exist',
        ),
      }),
    ]);
    const invalid = deriveDevStatus(
      fetched({ repo: repo({ packageJson: '{"name": 42}' }) }),
    );
    expect(invalid.target.notes[0]?.code).toBe('packageJsonInvalid');
  });

  it('the package annotation wins over package.json', () => {
    const annotated = {
      ...target,
      package: '@acme/site',
      sources: { ...target.sources, package: 'annotation' as const },
    };
    const status = deriveDevStatus(fetched({ target: annotated }));
    expect(status.target).toMatchObject({
      package: '@acme/site',
      sources: { package: 'annotation' },
    });
  });

  it('gives times as ISO strings, also when the client parsed them into Dates', () => {
    const objects = fetched();
    const app = (objects.application as { value: any }).value;
    app.status.reconciledAt = new Date('2026-11-25T10:03:00Z');
    expect(deriveDevStatus(objects).argo).toMatchObject({
      reconciledAt: '2026-11-25T10:03:00.000Z',
    });
  });

  it('Degraded with a crash-looping pod', () => {
    const status = deriveDevStatus(
      fetched({
        deployments: { ok: true, value: [deployment({ ready: 0 })] },
        pods: {
          ok: true,
          value: [pod('orig-1', { reason: 'CrashLoopBackOff', restarts: 9 })],
        },
      }),
    );
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

  it('a forbidden namespace is an error value in place, the Argo CD part still shows', () => {
    const status = deriveDevStatus(
      fetched({
        deployments: { ok: false, error: forbidden },
        pods: { ok: false, error: forbidden },
      }),
    );
    expect(status.argo.state).toBe('ok');
    expect(status.workload).toEqual({ state: 'error', error: forbidden });
    expect(status.okteto).toEqual({ state: 'error', error: forbidden });
    expect(status.errors).toEqual([forbidden, forbidden]);
    expect(ids(status)['env-secret']).toBe('unknown');
  });

  it('links: Argo CD UI, the dev URL, the dev entry at its line, the Application and values files', () => {
    const status = deriveDevStatus(
      fetched({ argocdBaseUrl: 'https://argocd.example.com' }),
    );
    expect(status.links).toEqual({
      argocd: 'https://argocd.example.com/applications/argo/web-corporate-dev',
      app: 'https://corporate.dev.synestra.tech',
      devEntry:
        'https://github.com/NeoGrAIph/web-core/blob/main/.okteto/okteto.yml#L3',
      applicationFile:
        'https://github.com/NeoGrAIph/web-core/blob/main/deploy/argocd/apps/dev/corporate.yaml',
      valuesFile:
        'https://github.com/NeoGrAIph/web-core/blob/main/deploy/env/dev/corporate.yaml',
    });
  });

  it('no link that cannot be built: no Argo CD URL configured, no repository, no dev URL', () => {
    const objects = fetched({
      deployments: { ok: true, value: [deployment({ env: [] })] },
    });
    const status = deriveDevStatus({
      ...objects,
      repo: { ...objects.repo, links: {} },
    });
    expect(status.links).toEqual({});
  });

  it('the dev URL falls back to Argo CD’s external URLs (its Ingress hosts)', () => {
    const objects = fetched({
      deployments: { ok: true, value: [deployment({ env: [] })] },
    });
    const app = objects.application.ok ? objects.application.value! : undefined;
    app!.status!.summary = {
      externalURLs: ['https://corporate.dev.synestra.tech/'],
    };
    expect(deriveDevStatus(objects).links.app).toBe(
      'https://corporate.dev.synestra.tech/',
    );
  });
});
