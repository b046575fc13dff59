import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  V1Deployment,
} from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RealCluster, startRealCluster } from '../index';
import { eventually } from '../testUtils';
import { ArgoCd, createGitRepo, startArgoCd } from '../argocd';
import { webAppApplication, webAppChart } from '../argocd/fixtures';
import { INTERACTIVE_DEV_LABEL, okteto, OktetoOptions } from './index';

/**
 * The real okteto CLI (built from its Go module) on a plain Kubernetes context of the real
 * cluster, against a Deployment that real Argo CD synced: `okteto up` runs until the dev
 * container's pod is Running (kwok runs it; the port-forward and sync after it need a kubelet), is
 * then stopped as a developer closing the terminal (SIGHUP), and `okteto down` runs for real.
 */

jest.setTimeout(300_000);

interface Application {
  status?: {
    sync?: { status?: string };
    health?: { status?: string };
    reconciledAt?: string;
    resources?: {
      kind: string;
      name: string;
      status?: string;
      requiresPruning?: boolean;
    }[];
  };
}

describe('okteto up and down on the real cluster', () => {
  let cluster: RealCluster;
  let kc: KubeConfig;
  let argo: ArgoCd;
  let work: string;
  let workspace: string;
  let home: string;
  const suffix = randomBytes(3).toString('hex');
  const argoNamespace = `argocd-${suffix}`;
  const app = `web-okteto-${suffix}`;
  const deploymentName = `${app}-web-app`;
  const apps = () => kc.makeApiClient(AppsV1Api);
  const getApp = async () =>
    (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: argoNamespace,
      plural: 'applications',
      name: app,
    })) as Application;
  const readDeployment = (name: string) =>
    apps().readNamespacedDeployment({ name, namespace: app });
  const cli = (args: string[], extra: Partial<OktetoOptions> = {}) =>
    okteto(args, {
      kubeconfig: cluster.kubeconfigPath,
      home,
      cwd: workspace,
      ...extra,
    });

  beforeAll(async () => {
    cluster = await startRealCluster();
    kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfigPath);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-test-'));
    home = path.join(work, 'home');
    const repo = createGitRepo(path.join(work, 'repo'), webAppChart());
    argo = await startArgoCd({
      kubeconfigPath: cluster.kubeconfigPath,
      namespace: argoNamespace,
      server: false,
    });
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
      }),
    });
    await eventually(
      async () => {
        const a = await getApp();
        return (
          a.status?.sync?.status === 'Synced' &&
          a.status?.health?.status === 'Healthy'
        );
      },
      {
        timeoutMs: 180_000,
        intervalMs: 500,
        what: `${app} Synced and Healthy`,
      },
    );
    // The developer's checkout: an okteto manifest like web-core's .okteto/okteto.yml (a selector
    // on the chart's labels, container app), and the .stignore okteto reads for the sync folder.
    workspace = path.join(work, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(
      path.join(workspace, 'okteto.yml'),
      [
        'dev:',
        `  ${app}:`,
        '    selector:',
        '      app.kubernetes.io/name: web-app',
        `      app.kubernetes.io/instance: ${app}`,
        '    container: app',
        '    command: sh',
        '    sync:',
        '      - .:/app',
        // The cluster has no volume provisioner: with okteto's default persistent volume the PVC
        // <dev>-okteto stays Pending and so does the dev pod (seen: FailedBinding, "no persistent
        // volumes available for this claim and no storage class is set").
        '    persistentVolume:',
        '      enabled: false',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(workspace, '.stignore'), '.git\nnode_modules\n');
  });

  afterAll(async () => {
    await argo?.close();
    await cluster?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('uses a plain Kubernetes context', async () => {
    const context = kc.getCurrentContext();
    const result = await cli(['context', 'use', context, '--namespace', app]);
    expect(result.stderr + result.stdout).toContain(context);
    expect(result.code).toBe(0);
  });

  let original: V1Deployment;

  it('okteto up writes the clone and scales the original to 0; the dev pod runs; the CLI stops at the port-forward', async () => {
    original = await readDeployment(deploymentName);
    const result = await cli(['up', app, '--namespace', app], {
      stopWhenDevPodRunning: { namespace: app, dev: app },
      timeoutMs: 180_000,
    });
    // Either we stopped it (SIGHUP, a closed terminal) once the pod ran, or it got there first:
    // right after the pod runs it port-forwards to the pod's SSH server (cmd/up/activate.go), which
    // needs a kubelet; kwok has none, so `okteto up` fails and exits, leaving dev mode on.
    const out = result.stdout + result.stderr;
    let ending = `ended otherwise (${result.stopped ?? result.code}): ${out}`;
    if (result.stopped === 'dev-pod-running') {
      ending = 'stopped once the dev pod ran';
    } else if (
      result.code === 1 &&
      out.includes("Couldn't connect to your development container")
    ) {
      ending = 'failed at the port-forward';
    }
    expect([
      'stopped once the dev pod ran',
      'failed at the port-forward',
    ]).toContain(ending);

    const clone = await readDeployment(`${deploymentName}-okteto`);
    expect(clone.metadata?.labels?.['dev.okteto.com/clone']).toBe(
      original.metadata?.uid,
    );
    // all of the original's labels and annotations are copied, Argo CD's tracking id included
    expect(
      clone.metadata?.annotations?.['argocd.argoproj.io/tracking-id'],
    ).toBe(original.metadata?.annotations?.['argocd.argoproj.io/tracking-id']);
    expect(clone.metadata?.annotations?.['dev.okteto.com/dev-mode']).toBe(
      'sync',
    );
    expect(clone.spec?.replicas).toBe(1);
    expect(clone.spec?.template.metadata?.labels?.[INTERACTIVE_DEV_LABEL]).toBe(
      app,
    );
    const devContainer = clone.spec?.template.spec?.containers.find(
      c => c.name === 'app',
    );
    expect(devContainer?.command).toEqual(['/var/okteto/bin/start.sh']);
    expect(devContainer?.env?.map(e => e.name)).toEqual(
      expect.arrayContaining(['OKTETO_NAMESPACE', 'OKTETO_NAME']),
    );
    // a plain Kubernetes context has no user name: no OKTETO_USERNAME
    expect(devContainer?.env?.map(e => e.name)).not.toContain(
      'OKTETO_USERNAME',
    );
    expect(clone.spec?.template.spec?.initContainers?.map(c => c.name)).toEqual(
      ['okteto-bin'],
    );

    const scaled = await readDeployment(deploymentName);
    expect(scaled.spec?.replicas).toBe(0);
    expect(scaled.metadata?.labels?.['dev.okteto.com']).toBe('true');
    expect(scaled.metadata?.annotations?.['dev.okteto.com/replicas']).toBe('1');
    expect(scaled.metadata?.annotations?.['dev.okteto.com/dev-mode']).toBe(
      'sync',
    );

    const secret = await kc
      .makeApiClient(CoreV1Api)
      .readNamespacedSecret({ name: `okteto-${app}`, namespace: app });
    expect(secret.metadata?.labels?.['dev.okteto.com']).toBe('true');

    const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({
      namespace: app,
      labelSelector: `${INTERACTIVE_DEV_LABEL}=${app}`,
    });
    expect(pods.items.map(p => p.status?.phase)).toEqual(['Running']);
  });

  it('Argo CD lists the clone with no sync status and marks the scaled original OutOfSync', async () => {
    // The clone's copied annotation names the original, so it is not "self-referenced": the
    // controller keeps it in status.resources but sets no status and no requiresPruning
    // (controller/state.go: isSelfReferencedObj, the `!isSelfReferencedObj` case).
    let seen: unknown;
    const resources = await eventually(
      async () => {
        const a = await getApp();
        seen = a.status;
        const r = a.status?.resources ?? [];
        const clone = r.find(x => x.name === `${deploymentName}-okteto`);
        // the chart's Service has the Deployment's name
        const orig = r.find(
          x => x.kind === 'Deployment' && x.name === deploymentName,
        );
        return clone && orig?.status === 'OutOfSync' ? r : undefined;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: `${app} to see okteto's writes`,
      },
    ).catch(e => {
      throw new Error(`${e.message}; last status: ${JSON.stringify(seen)}`);
    });
    const clone = resources.find(x => x.name === `${deploymentName}-okteto`)!;
    expect(clone.kind).toBe('Deployment');
    expect(clone.status).toBeUndefined();
    expect(clone.requiresPruning).toBeUndefined();
    // the chart declares replicas: 1; okteto set 0
    expect(
      resources.find(x => x.kind === 'Deployment' && x.name === deploymentName)
        ?.status,
    ).toBe('OutOfSync');
    expect(resources.find(x => x.kind === 'Service')?.status).toBe('Synced');
    expect((await getApp()).status?.sync?.status).toBe('OutOfSync');
  });

  it('okteto down deletes the clone and restores the original', async () => {
    const result = await cli(['down', app, '--namespace', app], {
      timeoutMs: 120_000,
    });
    expect({
      code: result.code,
      out: result.stdout + result.stderr,
    }).toMatchObject({ code: 0 });
    await eventually(
      async () => {
        try {
          await readDeployment(`${deploymentName}-okteto`);
          return false;
        } catch {
          return true;
        }
      },
      { timeoutMs: 60_000, what: 'the clone deleted' },
    );
    const restored = await readDeployment(deploymentName);
    expect(restored.spec?.replicas).toBe(1);
    expect(restored.metadata?.labels?.['dev.okteto.com']).toBeUndefined();
    expect(
      restored.metadata?.annotations?.['dev.okteto.com/replicas'],
    ).toBeUndefined();
    expect(
      restored.metadata?.annotations?.['dev.okteto.com/dev-mode'],
    ).toBeUndefined();
    await expect(
      kc
        .makeApiClient(CoreV1Api)
        .readNamespacedSecret({ name: `okteto-${app}`, namespace: app }),
    ).rejects.toMatchObject({ code: 404 });
    // and Argo CD sees the app back in sync
    await eventually(
      async () => {
        const a = await getApp();
        return (
          a.status?.sync?.status === 'Synced' &&
          !a.status.resources?.some(r => r.name === `${deploymentName}-okteto`)
        );
      },
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: `${app} Synced after okteto down`,
      },
    );
  });

  it("with okteto's default persistent volume and no provisioner, the PVC and the dev pod stay Pending; down keeps the PVC, down -v in dev mode deletes it", async () => {
    // the same dev entry without `persistentVolume.enabled: false`
    const manifest = fs
      .readFileSync(path.join(workspace, 'okteto.yml'), 'utf8')
      .replace(/ {4}persistentVolume:\n {6}enabled: false\n/, '');
    fs.writeFileSync(path.join(workspace, 'okteto-pv.yml'), manifest);
    const core = kc.makeApiClient(CoreV1Api);
    const pvcName = `${app}-okteto`;
    const pendingPod = async () => {
      const pods = await core.listNamespacedPod({
        namespace: app,
        labelSelector: `${INTERACTIVE_DEV_LABEL}=${app}`,
      });
      const scheduled = pods.items[0]?.status?.conditions?.find(
        c => c.type === 'PodScheduled',
      );
      return scheduled?.status === 'False' ? pods.items[0] : undefined;
    };
    const result = await cli(
      ['up', app, '--namespace', app, '-f', 'okteto-pv.yml'],
      {
        stopWhen: async () => (await pendingPod()) !== undefined,
        timeoutMs: 120_000,
      },
    );
    expect(result.stopped).toBe('condition');

    const pvc = await core.readNamespacedPersistentVolumeClaim({
      name: pvcName,
      namespace: app,
    });
    expect(pvc.status?.phase).toBe('Pending');
    expect(pvc.metadata?.labels?.['dev.okteto.com']).toBe('true');
    const pod = (await pendingPod())!;
    expect(pod.status?.phase).toBe('Pending');
    // kube-scheduler's own words (pkg/scheduler/framework/plugins/volumebinding)
    expect(
      pod.status?.conditions?.find(c => c.type === 'PodScheduled')?.message,
    ).toContain('unbound immediate PersistentVolumeClaims');
    const clone = await readDeployment(`${deploymentName}-okteto`);
    expect(
      clone.spec?.template.spec?.volumes?.some(
        v => v.persistentVolumeClaim?.claimName === pvcName,
      ),
    ).toBe(true);

    const down = await cli([
      'down',
      app,
      '--namespace',
      app,
      '-f',
      'okteto-pv.yml',
    ]);
    expect({ code: down.code, out: down.stdout + down.stderr }).toMatchObject({
      code: 0,
    });
    // pkg/cmd/down: the volume stays unless -v
    expect(
      (
        await core.readNamespacedPersistentVolumeClaim({
          name: pvcName,
          namespace: app,
        })
      ).metadata?.name,
    ).toBe(pvcName);
    // and `down -v` once dev mode is off does nothing: cmd/down.go runs runDown (which removes
    // the volume with -v) only when apps.IsDevModeOn; it just says the container is deactivated
    const lateV = await cli([
      'down',
      app,
      '--namespace',
      app,
      '-f',
      'okteto-pv.yml',
      '-v',
    ]);
    expect({
      code: lateV.code,
      out: lateV.stdout + lateV.stderr,
    }).toMatchObject({ code: 0 });
    expect(
      (
        await core.readNamespacedPersistentVolumeClaim({
          name: pvcName,
          namespace: app,
        })
      ).metadata?.deletionTimestamp,
    ).toBeUndefined();

    // up again, then `down -v` while dev mode is on: the PVC goes
    const again = await cli(
      ['up', app, '--namespace', app, '-f', 'okteto-pv.yml'],
      {
        stopWhen: async () => (await pendingPod()) !== undefined,
        timeoutMs: 120_000,
      },
    );
    expect(again.stopped).toBe('condition');
    const downV = await cli([
      'down',
      app,
      '--namespace',
      app,
      '-f',
      'okteto-pv.yml',
      '-v',
    ]);
    expect({
      code: downV.code,
      out: downV.stdout + downV.stderr,
    }).toMatchObject({ code: 0 });
    await eventually(
      async () => {
        try {
          const left = await core.readNamespacedPersistentVolumeClaim({
            name: pvcName,
            namespace: app,
          });
          // a PVC being deleted keeps its finalizer until no pod uses it
          return left.metadata?.deletionTimestamp !== undefined;
        } catch (e) {
          return (e as { code?: number }).code === 404;
        }
      },
      { timeoutMs: 30_000, what: `${pvcName} deleted by okteto down -v` },
    );
  });
});
