import { ChecklistItem } from '@okteto-dev/plugin-okteto-dev-common';
import { deriveDevStatus } from './deriveStatus';
import {
  application,
  deployment,
  fetched,
  MANIFEST,
  pod,
  repo,
  WEB_CORE_APPLICATION,
} from './testFixtures';

function items(objects: ReturnType<typeof fetched>) {
  return Object.fromEntries(
    deriveDevStatus(objects).checklist.map(i => [i.id, i]),
  ) as Record<ChecklistItem['id'], ChecklistItem>;
}

describe('checklist: predicting the conflict', () => {
  it('fails replicas-ignored when automated sync is on without selfHeal (argo-cd controller/appcontroller.go) and says what to add', () => {
    const webCore = application(WEB_CORE_APPLICATION);
    const item = items(fetched({ application: { ok: true, value: webCore } }))[
      'replicas-ignored'
    ];
    expect(item).toMatchObject({
      status: 'fail',
      code: 'checkReplicasNotIgnored',
    });
    expect(item.message).toContain('next commit to main');
    expect(item.message).toContain('deploy/argocd/apps/dev/corporate.yaml');
    expect(item.message).toContain('jsonPointers: [/spec/replicas]');
    expect(item.message).toContain('RespectIgnoreDifferences=true');
  });

  it('passes with the guard, asks for the sync option when only ignoreDifferences is there, passes without automated sync', () => {
    const guarded = fetched();
    expect(items(guarded)['replicas-ignored'].status).toBe('pass');
    const half = fetched({
      application: { ok: true, value: application({ syncOptions: [] }) },
    });
    expect(items(half)['replicas-ignored']).toMatchObject({
      status: 'fail',
      code: 'checkReplicasNotRespected',
    });
    const manual = fetched({
      application: { ok: true, value: application({ automated: false }) },
    });
    expect(items(manual)['replicas-ignored']).toMatchObject({
      status: 'pass',
      code: 'checkReplicasNoAutoSync',
    });
  });

  it('an Application of an ApplicationSet is fixed in the ApplicationSet (argo-cd applicationset/controllers/applicationset_controller.go)', () => {
    const app = application({ selfHeal: true, ...WEB_CORE_APPLICATION });
    app.metadata.ownerReferences = [
      { kind: 'ApplicationSet', name: 'web-core-dev', controller: true },
    ];
    const checks = items(fetched({ application: { ok: true, value: app } }));
    expect(checks['self-heal-off']).toMatchObject({
      status: 'fail',
      code: 'checkSelfHealOnAppSet',
    });
    expect(checks['self-heal-off'].message).toContain(
      'ApplicationSet web-core-dev',
    );
    expect(checks['replicas-ignored'].code).toBe(
      'checkReplicasNotIgnoredAppSet',
    );
  });
});

describe('checklist: the workload', () => {
  it('the env var and the Secret, by their configured names', () => {
    const checks = items(
      fetched({
        // the kubelet's words for a missing Secret (kubelet_pods.go, kuberuntime_container.go)
        pods: {
          ok: true,
          value: [
            pod('web-corporate-dev-web-app-7d9c-abcde', {
              reason: 'CreateContainerConfigError',
              message: 'secret "web-corporate-dev-env" not found',
            }),
          ],
        },
        deployments: {
          ok: true,
          value: [
            deployment({ env: [{ name: 'SYNESTRA_ENV', value: 'prod' }] }),
          ],
        },
      }),
    );
    expect(checks['env-secret']).toMatchObject({
      status: 'fail',
      code: 'checkSecretMissingFromPod',
      params: {
        secret: 'web-corporate-dev-env',
        namespace: 'web-corporate-dev',
        pod: 'web-corporate-dev-web-app-7d9c-abcde',
      },
    });
    expect(checks['env-var']).toMatchObject({
      status: 'fail',
      code: 'checkEnvVarWrong',
      params: {
        name: 'SYNESTRA_ENV',
        actual: 'prod',
        value: 'dev',
        file: 'deploy/env/dev/corporate.yaml',
      },
    });
  });

  it('an Application missing: its items fail or are unknown', () => {
    const checks = items(
      fetched({ application: { ok: true, value: undefined } }),
    );
    expect(checks['argo-application'].status).toBe('fail');
    expect(checks['self-heal-off'].status).toBe('unknown');
    expect(checks['replicas-ignored'].status).toBe('unknown');
  });
});

describe('checklist: the repository', () => {
  it('aliases of the dev entry are named (web-core keeps <name>-web-app aliases)', () => {
    expect(items(fetched())['dev-service']).toMatchObject({
      status: 'pass',
      code: 'checkDevEntryFoundAliases',
      params: {
        entry: 'web-corporate-dev',
        aliases: 'web-corporate-dev-web-app',
      },
    });
  });

  it('no dev entry, no manifest, legacy manifest, malformed manifest', () => {
    expect(
      items(fetched({ repo: repo({ manifest: 'dev: {}\n' }) }))['dev-service'],
    ).toMatchObject({
      status: 'fail',
      code: 'checkDevEntryMissing',
    });
    expect(
      items(fetched({ repo: repo({ manifest: null }) }))['dev-service'].code,
    ).toBe('checkManifestMissing');
    expect(
      items(
        fetched({
          repo: repo({ manifest: 'name: x\nimage: node\ncommand: bash\n' }),
        }),
      )['dev-service'].code,
    ).toBe('checkManifestLegacy');
    expect(
      items(fetched({ repo: repo({ manifest: 'dev: [\n' }) }))['dev-service'],
    ).toMatchObject({
      status: 'unknown',
      code: 'checkManifestInvalid',
    });
  });

  it('a dev name Okteto rejects fails (okteto pkg/model/dev.go Validate)', () => {
    const manifest = MANIFEST.replace(
      '  web-corporate-dev:\n',
      '  Web_Corporate:\n',
    ).replace(/ {2}web-corporate-dev-web-app:[\s\S]*$/, '');
    expect(
      items(fetched({ repo: repo({ manifest }) }))['dev-service'],
    ).toMatchObject({
      status: 'fail',
      code: 'checkDevEntryNameInvalid',
    });
  });

  it('image must be a string (okteto schema.json Dev.Image)', () => {
    const manifest = `dev:
  web-corporate-dev:
    selector:
      app.kubernetes.io/instance: web-corporate-dev
    image:
      name: node:22
    sync: ['..:/app']
`;
    expect(
      items(fetched({ repo: repo({ manifest }) }))['dev-image'],
    ).toMatchObject({
      status: 'fail',
      code: 'checkDevImageNotString',
    });
  });

  it('.stignore: missing file, missing entries, and (?d) counts as the same entry (okteto cmd/up/stignore.go)', () => {
    expect(
      items(fetched({ repo: repo({ stignore: null }) })).stignore,
    ).toMatchObject({
      status: 'fail',
      code: 'checkStignoreMissingFile',
    });
    expect(
      items(fetched({ repo: repo({ stignore: '**/node_modules/\n' }) }))
        .stignore,
    ).toMatchObject({
      status: 'fail',
      params: {
        entries: '**/.next/, **/.turbo/, **/dist/, **/coverage/, **/.git/',
      },
    });
    const withPrefix =
      '(?d)**/node_modules/\n(?d)**/.next/\n**/.turbo/\n**/dist/\n**/coverage/\n(?d)**/.git/\n';
    expect(
      items(fetched({ repo: repo({ stignore: withPrefix }) })).stignore.status,
    ).toBe('pass');
  });
});
