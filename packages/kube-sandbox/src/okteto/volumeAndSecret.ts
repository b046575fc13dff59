import type { KubeOps } from '../ops';
import type { KubeObject } from '../types';
import { DEV_LABEL } from './constants';
import { DevSpec, sha512, volumeSize } from './devSpec';
import { pvcName, secretName } from './target';

/**
 * The dev volume (okteto pkg/k8s/volumes/translate.go, crud.go
 * CreateForDev): created when missing, an existing one is kept.
 */
export async function createVolume(
  ops: KubeOps,
  dev: DevSpec,
): Promise<KubeObject> {
  const existing = await ops.get(
    'persistentvolumeclaims',
    dev.namespace,
    pvcName(dev.devName),
  );
  if (existing) return existing;
  const spec: Record<string, unknown> = {
    accessModes: ['ReadWriteOnce'],
    volumeMode: 'Filesystem',
    resources: { requests: { storage: volumeSize(dev) } },
  };
  const storageClass = dev.persistentVolume?.storageClass;
  if (storageClass) spec.storageClassName = storageClass;
  return ops.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: pvcName(dev.devName),
      namespace: dev.namespace,
      labels: { [DEV_LABEL]: 'true' },
    },
    spec,
  });
}

function syncthingData(devName: string): Record<string, string> {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const id = sha512(`device:${devName}`).slice(0, 56).toUpperCase();
  return {
    'config.xml': b64(
      `<configuration version="37"><device id="${id}" name="local"/><folder id="okteto-1" path="/okteto/src"/></configuration>\n`,
    ),
    'cert.pem': b64(
      `-----BEGIN CERTIFICATE-----\nU0FOREJPWC1GQUtFLUNFUlQ=\n-----END CERTIFICATE-----\n`,
    ),
    'key.pem': b64(
      `-----BEGIN EC PRIVATE KEY-----\nU0FOREJPWC1GQUtFLUtFWQ==\n-----END EC PRIVATE KEY-----\n`,
    ),
  };
}

/** The Syncthing secret (okteto pkg/k8s/secrets/crud.go Create): create or update. */
export async function createSecret(
  ops: KubeOps,
  dev: DevSpec,
): Promise<KubeObject> {
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: secretName(dev.devName),
      namespace: dev.namespace,
      labels: { [DEV_LABEL]: 'true' },
    },
    type: 'Opaque',
    data: syncthingData(dev.devName),
  };
  const existing = await ops.get(
    'secrets',
    dev.namespace,
    secret.metadata.name,
  );
  return existing ? ops.update(secret) : ops.create(secret);
}
