import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive, RealCluster, startRealCluster } from '../index';
import { eventually } from '../testUtils';
import { ArgoCd, createGitRepo, GitRepo, startArgoCd } from './index';
import { webAppApplication, webAppChart } from './fixtures';

/**
 * Real Argo CD (v3.6.2, built from its Go module) on the real cluster: an Application pointing at a
 * Helm chart in a file:// git repository syncs and becomes Synced/Healthy, pods made Running by
 * kwok; a commit is picked up as a new revision; a local account's API token reads it.
 */

jest.setTimeout(300_000);

interface Application {
  metadata: { name: string; namespace: string };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
    operationState?: { phase?: string; syncResult?: { revision?: string } };
    history?: { id: number; revision: string; deployedAt: string }[];
    resources?: {
      kind: string;
      name: string;
      namespace?: string;
      status?: string;
    }[];
    conditions?: { type: string; message: string }[];
  };
}

describe('Argo CD on the real cluster', () => {
  let cluster: RealCluster;
  let kc: KubeConfig;
  let argo: ArgoCd;
  let repo: GitRepo;
  let work: string;
  const suffix = randomBytes(3).toString('hex');
  const argoNamespace = `argocd-${suffix}`;
  const app = `web-demo-${suffix}`;

  const getApp = async () =>
    (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: argoNamespace,
      plural: 'applications',
      name: app,
    })) as Application;

  beforeAll(async () => {
    cluster = await startRealCluster();
    kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfigPath);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-test-'));
    repo = createGitRepo(path.join(work, 'repo'), {
      ...webAppChart(),
      'deploy/env/dev/web-demo.yaml': 'env:\n  SYNESTRA_ENV: dev\n',
    });
    argo = await startArgoCd({
      kubeconfigPath: cluster.kubeconfigPath,
      namespace: argoNamespace,
      accounts: ['backstage'],
      rbac: { policyCsv: 'g, backstage, role:readonly\n' },
      applicationSet: true,
    });
  });

  afterAll(async () => {
    await argo?.close();
    await cluster?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('syncs a Helm chart from a file:// repository to Synced and Healthy', async () => {
    await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: argoNamespace,
      plural: 'applications',
      body: webAppApplication({
        name: app,
        namespace: argoNamespace,
        repoURL: repo.url,
        destinationNamespace: app,
        valueFiles: [`../../env/dev/web-demo.yaml`],
      }),
    });
    const synced = await eventually(
      async () => {
        const a = await getApp();
        return a.status?.sync?.status === 'Synced' &&
          a.status?.health?.status === 'Healthy'
          ? a
          : undefined;
      },
      {
        timeoutMs: 180_000,
        intervalMs: 500,
        what: `${app} Synced and Healthy`,
      },
    );
    const head = repo.head();
    expect(synced.status?.sync?.revision).toBe(head);
    expect(synced.status?.operationState?.phase).toBe('Succeeded');
    expect(synced.status?.operationState?.syncResult?.revision).toBe(head);
    expect(synced.status?.history?.map(h => h.revision)).toEqual([head]);
    expect(
      synced.status?.resources
        ?.map(r => `${r.kind}/${r.name}:${r.status}`)
        .sort(),
    ).toEqual([
      `Deployment/${app}-web-app:Synced`,
      `Service/${app}-web-app:Synced`,
    ]);

    // What Argo CD wrote: the Deployment with its tracking annotation (annotation tracking, the
    // 3.x default: argocd.argoproj.io/tracking-id <app>:<group>/<kind>:<ns>/<name>), its value file
    // applied, and a pod kwok made Running.
    const deployment = await kc
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: `${app}-web-app`, namespace: app });
    expect(
      deployment.metadata?.annotations?.['argocd.argoproj.io/tracking-id'],
    ).toBe(`${app}:apps/Deployment:${app}/${app}-web-app`);
    expect(deployment.spec?.template.spec?.containers[0].env).toEqual([
      { name: 'SYNESTRA_ENV', value: 'dev' },
    ]);
    const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({
      namespace: app,
      labelSelector: `app.kubernetes.io/instance=${app}`,
    });
    expect(pods.items.map(p => p.status?.phase)).toEqual(['Running']);
  });

  it('picks up a new commit of the tracked branch as a new revision with its history entry', async () => {
    const before = repo.head();
    const after = repo.commit(
      {
        'deploy/env/dev/web-demo.yaml':
          'env:\n  SYNESTRA_ENV: dev\n  FEATURE: "on"\n',
      },
      'turn the feature on',
    );
    expect(after).not.toBe(before);
    const synced = await eventually(
      async () => {
        const a = await getApp();
        return a.status?.operationState?.syncResult?.revision === after &&
          a.status?.sync?.status === 'Synced'
          ? a
          : undefined;
      },
      {
        timeoutMs: 120_000,
        intervalMs: 500,
        what: `${app} synced at ${after}`,
      },
    );
    expect(synced.status?.history?.map(h => h.revision)).toEqual([
      before,
      after,
    ]);
    const deployment = await kc
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: `${app}-web-app`, namespace: app });
    expect(deployment.spec?.template.spec?.containers[0].env).toEqual([
      { name: 'FEATURE', value: 'on' },
      { name: 'SYNESTRA_ENV', value: 'dev' },
    ]);
  });

  it('gives a local account an API token that reads the Application (REST and the argocd CLI)', async () => {
    const token = await argo.generateToken('backstage');
    const res = await fetch(`${argo.serverUrl}/api/v1/applications/${app}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Application;
    expect(body.metadata.name).toBe(app);
    expect(body.status?.sync?.status).toBe('Synced');

    const viaCli = JSON.parse(
      argo.cli(['app', 'get', app, '-o', 'json'], { authToken: token }),
    );
    expect(viaCli.metadata.name).toBe(app);

    // the CLI's own flow: `argocd account generate-token --account backstage` as the admin
    const cliToken = argo
      .cli(['account', 'generate-token', '--account', 'backstage'], {
        authToken: await argo.login(),
      })
      .trim();
    expect(cliToken).not.toBe(token);
    const withCliToken = await fetch(
      `${argo.serverUrl}/api/v1/applications/${app}`,
      { headers: { authorization: `Bearer ${cliToken}` } },
    );
    expect(withCliToken.status).toBe(200);
    // both tokens are listed on the account (argocd-secret accounts.backstage.tokens)
    const account = JSON.parse(
      argo.cli(['account', 'get', '--account', 'backstage', '-o', 'json'], {
        authToken: await argo.login(),
      }),
    );
    expect(account.tokens).toHaveLength(2);

    // without a token: 401 (auth is on)
    const anonymous = await fetch(
      `${argo.serverUrl}/api/v1/applications/${app}`,
    );
    expect(anonymous.status).toBe(401);
    // the readonly role cannot sync
    const sync = await fetch(
      `${argo.serverUrl}/api/v1/applications/${app}/sync`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: '{}',
      },
    );
    expect(sync.status).toBe(403);
  });

  it('generates an Application from an ApplicationSet, owned by it', async () => {
    const set = `web-set-${suffix}`;
    const generated = `${set}-a`;
    await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: argoNamespace,
      plural: 'applicationsets',
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: set, namespace: argoNamespace },
        spec: {
          goTemplate: true,
          generators: [{ list: { elements: [{ name: generated }] } }],
          template: {
            metadata: { name: '{{.name}}' },
            spec: webAppApplication({
              name: generated,
              namespace: argoNamespace,
              repoURL: repo.url,
              destinationNamespace: '{{.name}}',
            }).spec,
          },
        },
      },
    });
    const owned = await eventually(
      async () => {
        const a = (await kc
          .makeApiClient(CustomObjectsApi)
          .getNamespacedCustomObject({
            group: 'argoproj.io',
            version: 'v1alpha1',
            namespace: argoNamespace,
            plural: 'applications',
            name: generated,
          })) as Application & {
          metadata: {
            ownerReferences?: {
              kind: string;
              name: string;
              controller?: boolean;
            }[];
          };
        };
        return a.status?.sync?.status === 'Synced' &&
          a.status?.health?.status === 'Healthy'
          ? a
          : undefined;
      },
      {
        timeoutMs: 180_000,
        intervalMs: 500,
        what: `${generated} generated and synced`,
      },
    );
    // applicationset/controllers/applicationset_controller.go sets the ApplicationSet as controller owner
    expect(owned.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'ApplicationSet',
        name: set,
        controller: true,
      }),
    ]);
  });

  it('stops every process it started', async () => {
    const pids = argo.pids();
    // redis, repo-server, server, application-controller, applicationset-controller
    expect(pids.length).toBe(5);
    // every process of ours names this Redis or this repo-server on its command line
    const ours = () =>
      fs
        .readdirSync('/proc')
        .filter(p => /^\d+$/.test(p))
        .filter(p => {
          try {
            const cmdline = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
            const port = argo.redisAddress.split(':')[1];
            return (
              cmdline.includes(argo.redisAddress) ||
              cmdline.includes(argo.repoServerAddress) ||
              cmdline.includes(`--port\0${port}\0`)
            );
          } catch {
            return false;
          }
        });
    expect(ours().length).toBeGreaterThanOrEqual(5);
    await argo.close();
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(ours()).toEqual([]);
  });
});
