import { ApiError } from '../errors';
import type { KubeOps } from '../ops';
import type { KubeObject } from '../types';

/**
 * okteto pkg/k8s/deployments/crud.go and pkg/k8s/statefulsets/crud.go Deploy:
 * an Update without a resourceVersion (last write wins), a Create when the
 * object does not exist.
 */
export async function deploy(ops: KubeOps, d: KubeObject): Promise<KubeObject> {
  const { resourceVersion: _rv, ...metadata } = d.metadata;
  const obj: KubeObject = { ...d, metadata };
  try {
    return await ops.update(obj);
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 404) throw e;
    const { uid: _uid, creationTimestamp: _c, ...fresh } = metadata;
    const { status: _s, ...body } = obj;
    return ops.create({ ...body, metadata: fresh });
  }
}
