import { oktetoDown, oktetoUp, volumeLabelKey } from '.';
import { Any, specOf, statusOf, webCoreStore } from '../__testUtils__';
import { createStore } from '../createStore';
import type { KubeObject } from '../types';

const NS = 'web-corporate-dev';
const DEPLOY = 'web-corporate-dev-web-app';
const DEV_IMAGE = 'ghcr.io/neograiph/web-core/dev:node22-pnpm';

describe('the clone, as okteto pkg/k8s/apps/translate.go builds it', () => {
  let before: KubeObject;
  let clone: KubeObject;
  let original: KubeObject;
  let tpl: Any;
  let dev: Any;

  beforeAll(async () => {
    const { store } = await webCoreStore();
    before = store.get('deployments', NS, DEPLOY)!;
    await oktetoUp(store, {
      devName: 'web-corporate-dev',
      namespace: NS,
      selector: {
        'app.kubernetes.io/name': 'web-app',
        'app.kubernetes.io/instance': NS,
      },
      container: 'app',
      image: DEV_IMAGE,
      workdir: '/app/apps/corporate',
      manifestName: 'web-core',
      mode: 'hybrid',
    });
    clone = store.get('deployments', NS, `${DEPLOY}-okteto`)!;
    original = store.get('deployments', NS, DEPLOY)!;
    tpl = specOf(clone).template;
    dev = tpl.spec.containers[0];
  });

  it('copies ALL labels and annotations of the original, Argo CD tracking included (deployments.go DevClone)', () => {
    expect(clone.metadata.labels).toEqual({
      ...before.metadata.labels,
      'dev.okteto.com/clone': before.metadata.uid,
    });
    expect(clone.metadata.annotations).toMatchObject({
      'argocd.argoproj.io/tracking-id':
        before.metadata.annotations!['argocd.argoproj.io/tracking-id'],
      'dev.okteto.com/dev-mode': 'hybrid',
      'dev.okteto.com/sync': expect.stringMatching(/^[0-9a-f]{128}$/),
      'dev.okteto.com/stignore': expect.stringMatching(/^[0-9a-f]{128}$/),
    });
    expect(clone.metadata.labels?.['app.kubernetes.io/instance']).toBe(NS);
    expect(clone.metadata.labels?.['dev.okteto.com']).toBeUndefined();
    expect(
      clone.metadata.annotations?.['dev.okteto.com/replicas'],
    ).toBeUndefined();
  });

  it('labels and scales down the original (translate.go translate)', () => {
    expect(original.metadata.labels?.['dev.okteto.com']).toBe('true');
    expect(original.metadata.annotations).toMatchObject({
      'dev.okteto.com/replicas': '1',
      'dev.okteto.com/dev-mode': 'hybrid',
      'dev.okteto.com/sync': clone.metadata.annotations!['dev.okteto.com/sync'],
    });
    expect(specOf(original).replicas).toBe(0);
    expect(specOf(original).template.metadata.annotations).toMatchObject({
      'dev.okteto.com/stignore': expect.any(String),
    });
  });

  it('runs one replica with Recreate, no grace period, the interactive and volume labels', () => {
    expect(specOf(clone).replicas).toBe(1);
    expect(specOf(clone).strategy).toEqual({ type: 'Recreate' });
    expect(tpl.spec.terminationGracePeriodSeconds).toBe(0);
    expect(tpl.metadata.labels).toMatchObject({
      'interactive.dev.okteto.com': 'web-corporate-dev',
      [volumeLabelKey('web-core', 'web-corporate-dev')]: 'true',
    });
    expect(
      tpl.spec.affinity.podAffinity
        .requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector
        .matchExpressions[0].key,
    ).toBe(volumeLabelKey('web-core', 'web-corporate-dev'));
  });

  it('turns the container into the dev container: start.sh, no probes, no cpu/memory (translate.go TranslateDevContainer, dev.go Probes{})', () => {
    expect(dev).toMatchObject({
      name: 'app',
      image: DEV_IMAGE,
      imagePullPolicy: 'Always',
      command: ['/var/okteto/bin/start.sh'],
      args: ['-r'],
      workingDir: '/okteto',
      securityContext: { runAsUser: 0, runAsGroup: 0 },
    });
    expect(dev.readinessProbe).toBeUndefined();
    expect(dev.livenessProbe).toBeUndefined();
    expect(dev.resources).toEqual({});
    expect(dev.envFrom).toEqual([
      { secretRef: { name: 'web-corporate-dev-env' } },
    ]);
  });

  it('sets OKTETO_NAMESPACE and OKTETO_NAME, and no OKTETO_USERNAME without a user (plain Kubernetes context)', () => {
    const names = dev.env.map((e: Any) => e.name);
    expect(dev.env).toEqual(
      expect.arrayContaining([
        { name: 'OKTETO_NAMESPACE', value: NS },
        { name: 'OKTETO_NAME', value: 'web-corporate-dev' },
      ]),
    );
    expect(names).not.toContain('OKTETO_USERNAME');
    expect(names.slice(0, 2)).toEqual([
      'SYNESTRA_ENV',
      'NEXT_PUBLIC_SERVER_URL',
    ]);
  });

  it('mounts the dev volume, the Syncthing secret and the okteto binaries (dev.go ToTranslationRule)', () => {
    expect(dev.volumeMounts).toEqual([
      {
        name: 'web-corporate-dev-okteto',
        mountPath: '/var/syncthing',
        subPath: 'syncthing',
      },
      {
        name: 'web-corporate-dev-okteto',
        mountPath: '/var/syncthing/data',
        subPath: 'syncthing-data',
      },
      {
        name: 'web-corporate-dev-okteto',
        mountPath: '/var/okteto/remote',
        subPath: 'okteto-remote',
      },
      { name: 'web-corporate-dev-okteto', mountPath: '/app', subPath: 'src' },
      {
        name: 'web-corporate-dev-okteto',
        mountPath: '/var/okteto/bashrc',
        subPath: 'okteto-bash-history',
      },
      {
        name: 'okteto-sync-secret',
        mountPath: '/var/syncthing/secret/',
        readOnly: true,
      },
      { name: 'okteto-bin', mountPath: '/var/okteto/bin' },
    ]);
    expect(tpl.spec.volumes.map((v: Any) => v.name)).toEqual([
      'okteto-sync-secret',
      'web-corporate-dev-okteto',
      'okteto-bin',
    ]);
    expect(tpl.spec.volumes[0].secret.secretName).toBe(
      'okteto-web-corporate-dev',
    );
    expect(tpl.spec.volumes[1].persistentVolumeClaim).toEqual({
      claimName: 'web-corporate-dev-okteto',
    });
    expect(tpl.spec.volumes[2]).toEqual({ name: 'okteto-bin', emptyDir: {} });
  });

  it('adds init containers okteto-bin (the CLI image, config/image.go) and okteto-init-volume, running as root (dev.go setRunAsUserDefaults)', () => {
    const [bin, init] = tpl.spec.initContainers;
    expect(bin).toMatchObject({
      name: 'okteto-bin',
      image: 'ghcr.io/okteto/okteto:3.21.0',
      imagePullPolicy: 'IfNotPresent',
      command: ['sh', '-c', 'cp /usr/bin-image/bin/* /okteto/bin'],
      volumeMounts: [{ name: 'okteto-bin', mountPath: '/okteto/bin' }],
      securityContext: { runAsUser: 0, runAsGroup: 0 },
    });
    expect(init).toMatchObject({
      name: 'okteto-init-volume',
      image: DEV_IMAGE,
      volumeMounts: [
        {
          name: 'web-corporate-dev-okteto',
          mountPath: '/init-volume/1',
          subPath: 'src',
        },
      ],
    });
    expect(init.command[2]).toContain('cp -R /app/. /init-volume/1');
    expect(tpl.spec.securityContext).toEqual({ fsGroup: 0 });
    expect(tpl.spec.securityContext.runAsNonRoot).toBeUndefined();
  });

  it('writes the PVC (5Gi, volumes/translate.go) and the Syncthing secret', async () => {
    const { store } = await webCoreStore();
    const r = await oktetoUp(store, {
      devName: 'corp',
      namespace: NS,
      workload: DEPLOY,
      user: 'dave',
    });
    expect(r.pvc?.metadata.labels).toEqual({ 'dev.okteto.com': 'true' });
    expect(specOf(r.pvc)).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      volumeMode: 'Filesystem',
      resources: { requests: { storage: '5Gi' } },
    });
    expect(
      statusOf(store.get('persistentvolumeclaims', NS, 'corp-okteto')).phase,
    ).toBe('Bound');
    expect(r.secret?.metadata).toMatchObject({
      name: 'okteto-corp',
      labels: { 'dev.okteto.com': 'true' },
    });
    expect(Object.keys(r.secret?.data as Any)).toEqual([
      'config.xml',
      'cert.pem',
      'key.pem',
    ]);
    // an Okteto Platform context has a user name
    expect(specOf(r.clone).template.spec.containers[0].env).toContainEqual({
      name: 'OKTETO_USERNAME',
      value: 'dave',
    });
  });
});

describe('target and round trip', () => {
  const deployment = (labels: Record<string, string>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'n', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'c', image: 'i' }] },
      },
    },
  });

  it("labels the dev pod with the selector's app.kubernetes.io/component (translate.go getDevName)", async () => {
    const store = createStore();
    store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
    store.put(
      deployment({ app: 'api', 'app.kubernetes.io/component': 'backend' }),
    );
    const r = await oktetoUp(store, {
      devName: 'dev',
      namespace: 'n',
      selector: { app: 'api', 'app.kubernetes.io/component': 'backend' },
    });
    expect(
      specOf(r.clone).template.metadata.labels['interactive.dev.okteto.com'],
    ).toBe('backend');
    // the clone carries the same labels: the selector still finds one original
    await oktetoDown(store, {
      devName: 'dev',
      namespace: 'n',
      selector: { app: 'api' },
    });
    expect(specOf(store.get('deployments', 'n', 'api')).replicas).toBe(2);
    await expect(
      oktetoUp(store, { devName: 'missing', namespace: 'n' }),
      // okteto pkg/k8s/apps/crud.go ErrApplicationNotFound
    ).rejects.toThrow(
      "the application 'missing' referred by your okteto manifest doesn't exist",
    );
  });

  it('down(up(state)) leaves every object as it was, except the kept volume', async () => {
    const { store, argocd } = await webCoreStore();
    const kinds = [
      'deployments',
      'replicasets',
      'pods',
      'secrets',
      'services',
      'persistentvolumeclaims',
    ];
    const snapshot = () => {
      const out: Record<string, unknown> = {};
      for (const kind of kinds) {
        for (const o of store.list(kind, NS)) {
          const c = JSON.parse(JSON.stringify(o));
          for (const k of [
            'uid',
            'resourceVersion',
            'creationTimestamp',
            'generation',
          ]) {
            delete c.metadata[k];
          }
          for (const ref of c.metadata.ownerReferences ?? []) delete ref.uid;
          if (['Deployment', 'ReplicaSet', 'Pod'].includes(o.kind))
            delete c.status;
          out[`${o.kind}/${o.metadata.name}`] = c;
        }
      }
      return out;
    };
    const before = snapshot();
    const opts = { devName: 'corp', namespace: NS, workload: DEPLOY };
    await oktetoUp(store, opts);
    expect(snapshot()).not.toEqual(before);
    expect(statusOf(store.get('applications', 'argo', NS)).sync.status).toBe(
      'OutOfSync',
    );
    await oktetoDown(store, opts);
    const after = snapshot();
    expect(after['PersistentVolumeClaim/corp-okteto']).toBeDefined();
    delete after['PersistentVolumeClaim/corp-okteto'];
    expect(after).toEqual(before);
    expect(statusOf(store.get('applications', 'argo', NS)).sync.status).toBe(
      'Synced',
    );
    expect(argocd.applications).toContain(NS);
  });
});
