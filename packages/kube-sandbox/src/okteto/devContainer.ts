import type { JsonObject } from '../types';
import {
  OKTETO_BIN,
  OKTETO_INIT_VOLUME,
  SYNC_SECRET_VOLUME,
} from './constants';
import {
  cliImage,
  DevSpec,
  manifestName,
  persistentVolumeEnabled,
  syncFolders,
  volumeLabelKey,
} from './devSpec';
import { Container, Deployment, PodSpec, pvcName, secretName } from './target';

/*
 * okteto pkg/model/dev.go (ToTranslationRule, SetDefaults) and
 * pkg/k8s/apps/translate.go (TranslateDevContainer, TranslatePodSpec,
 * TranslateOktetoInitBinContainer, TranslateOktetoInitFromImageContainer),
 * with the defaults of a main dev entry: persistent volume on, probes off,
 * remote (SSH) mode on, run as root.
 */

interface Mount extends JsonObject {
  name: string;
  mountPath: string;
  subPath: string;
}

/** rule.Volumes of a main dev with its persistent volume (ToTranslationRule). */
function ruleVolumes(dev: DevSpec): Mount[] {
  const name = pvcName(dev.devName);
  const mounts: Mount[] = [
    { name, mountPath: '/var/syncthing', subPath: 'syncthing' },
    { name, mountPath: '/var/syncthing/data', subPath: 'syncthing-data' },
    { name, mountPath: '/var/okteto/remote', subPath: 'okteto-remote' },
  ];
  if (!persistentVolumeEnabled(dev)) return mounts;
  for (const remote of syncFolders(dev)) {
    mounts.push({ name, mountPath: remote, subPath: 'src' });
  }
  mounts.push({
    name,
    mountPath: '/var/okteto/bashrc',
    subPath: 'okteto-bash-history',
  });
  return mounts;
}

/** dev.go setRunAsUserDefaults: root unless the manifest says otherwise. */
function securityContext(dev: DevSpec): JsonObject | undefined {
  if (!persistentVolumeEnabled(dev)) return undefined;
  return { runAsUser: 0, runAsGroup: 0 };
}

function ruleEnv(dev: DevSpec): Array<{ name: string; value: string }> {
  const env = [
    { name: 'OKTETO_NAMESPACE', value: dev.namespace },
    { name: 'OKTETO_NAME', value: dev.devName },
  ];
  if (dev.user) env.push({ name: 'OKTETO_USERNAME', value: dev.user });
  if (persistentVolumeEnabled(dev)) {
    // enableHistoryVolume
    env.push(
      { name: 'HISTSIZE', value: '10000000' },
      { name: 'HISTFILESIZE', value: '10000000' },
      { name: 'HISTCONTROL', value: 'ignoreboth:erasedups' },
      { name: 'HISTFILE', value: '/var/okteto/bashrc/.bash_history' },
      { name: 'BASHOPTS', value: 'histappend' },
      { name: 'PROMPT_COMMAND', value: 'history -a ; history -c ; history -r' },
    );
  }
  return env;
}

/** TranslateResources with no `resources:` in the manifest: cpu/memory go. */
function translateResources(c: Container): void {
  const res = c.resources ?? {};
  for (const key of ['requests', 'limits'] as const) {
    const list = { ...(res[key] ?? {}) };
    for (const r of ['cpu', 'memory', 'ephemeral-storage']) delete list[r];
    if (Object.keys(list).length) res[key] = list;
    else delete res[key];
  }
  c.resources = res;
}

function translateEnv(c: Container, dev: DevSpec): void {
  const env = [...(c.env ?? [])];
  for (const e of ruleEnv(dev)) {
    const i = env.findIndex(x => x.name === e.name);
    if (i >= 0) env[i] = e;
    else env.push(e);
  }
  c.env = env;
}

/** TranslateDevContainer + TranslateOktetoBinVolumeMounts. */
function translateDevContainer(c: Container, dev: DevSpec): void {
  c.image = dev.image ?? c.image;
  c.imagePullPolicy = 'Always';
  const workdir = dev.mode === 'hybrid' ? '/okteto' : dev.workdir;
  if (workdir) c.workingDir = workdir;
  c.command = ['/var/okteto/bin/start.sh'];
  c.args = ['-r'];
  delete c.livenessProbe;
  delete c.readinessProbe;
  delete c.startupProbe;
  translateResources(c);
  translateEnv(c, dev);
  c.volumeMounts = [
    ...(c.volumeMounts ?? []),
    ...ruleVolumes(dev),
    {
      name: SYNC_SECRET_VOLUME,
      mountPath: '/var/syncthing/secret/',
      readOnly: true,
    },
    { name: OKTETO_BIN, mountPath: '/var/okteto/bin' },
  ];
  const sc = securityContext(dev);
  if (sc) c.securityContext = { ...(c.securityContext as JsonObject), ...sc };
}

function initContainers(dev: DevSpec, image: string): Container[] {
  const sc = securityContext(dev);
  const withSc = (c: Container): Container =>
    sc ? { ...c, securityContext: { ...sc } } : c;
  const bin: Container = withSc({
    name: OKTETO_BIN,
    image: cliImage(dev),
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', 'cp /usr/bin-image/bin/* /okteto/bin'],
    volumeMounts: [{ name: OKTETO_BIN, mountPath: '/okteto/bin' }],
    resources: {},
  });
  if (!persistentVolumeEnabled(dev)) return [bin];
  let command = 'echo initializing...';
  const mounts: JsonObject[] = [];
  ruleVolumes(dev)
    .filter(v => v.subPath.startsWith('src') || v.subPath.startsWith('data'))
    .forEach((v, i) => {
      mounts.push({
        name: v.name,
        mountPath: `/init-volume/${i + 1}`,
        subPath: v.subPath,
      });
      command = `${command} && ( [ "$(ls -A /init-volume/${
        i + 1
      })" ] || cp -R ${v.mountPath}/. /init-volume/${i + 1} || true)`;
    });
  const initVolume: Container = withSc({
    name: OKTETO_INIT_VOLUME,
    image,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', `${command} && echo initialization completed.`],
    volumeMounts: mounts,
    resources: {},
  });
  return [bin, initVolume];
}

/** The clone's pod spec: dev container, init containers, volumes, affinity. */
export function translatePodSpec(devApp: Deployment, dev: DevSpec): void {
  const spec: PodSpec = devApp.spec.template.spec;
  const containers = spec.containers;
  const idx = dev.container
    ? containers.findIndex(c => c.name === dev.container)
    : 0;
  if (idx < 0) {
    throw new Error(
      `okteto: ${devApp.kind ?? 'Deployment'} '${
        devApp.metadata.name
      }': container '${dev.container}' not found`,
    );
  }
  const devContainer = containers[idx];
  const volumes = [...(spec.volumes ?? [])];
  const add = (v: JsonObject) => {
    if (!volumes.some(x => x.name === v.name)) volumes.push(v);
  };
  // TranslateOktetoSyncthingVolumes
  add({
    name: SYNC_SECRET_VOLUME,
    secret: {
      secretName: secretName(dev.devName),
      items: ['config.xml', 'cert.pem', 'key.pem'].map(k => ({
        key: k,
        path: k,
        mode: 0o444,
      })),
    },
  });
  spec.terminationGracePeriodSeconds = 0;
  translateDevContainer(devContainer, dev);
  // TranslatePodSpec → TranslateOktetoVolumes
  for (const v of ruleVolumes(dev)) {
    add(
      persistentVolumeEnabled(dev)
        ? { name: v.name, persistentVolumeClaim: { claimName: v.name } }
        : { name: v.name, emptyDir: {} },
    );
  }
  const sc = securityContext(dev);
  if (sc) {
    spec.securityContext = { ...spec.securityContext, fsGroup: sc.runAsUser };
  }
  delete spec.nodeSelector; // TranslateOktetoNodeSelector(nil)
  if (persistentVolumeEnabled(dev)) {
    spec.affinity = {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: {
              matchExpressions: [
                {
                  key: volumeLabelKey(manifestName(dev), dev.devName),
                  operator: 'Exists',
                },
              ],
            },
          },
        ],
      },
    };
  }
  spec.initContainers = [
    ...(spec.initContainers ?? []),
    ...initContainers(dev, String(devContainer.image ?? '')),
  ];
  add({ name: 'okteto-bin', emptyDir: {} });
  spec.volumes = volumes;
}
