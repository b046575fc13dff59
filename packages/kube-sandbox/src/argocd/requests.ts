import { randomBytes } from 'node:crypto';
import { toOps, OktetoTarget } from '../okteto/target';
import type { KubeObject } from '../types';
import { FAIL_SYNC_ANNOTATION, NEW_COMMIT_ANNOTATION } from './model';

/*
 * Requests to a running sandbox's Argo CD simulation through the
 * Kubernetes API (like Argo CD's own `argocd.argoproj.io/refresh`): an
 * annotation on the Application, consumed by the simulation, which removes
 * it. The write returns once the simulation has reacted.
 */

export interface RequestOptions {
  /** Namespace of the Applications (default `argo`). */
  namespace?: string;
}

const newCommitSha = () => randomBytes(20).toString('hex');

async function annotate(
  target: OktetoTarget,
  app: string,
  key: string,
  value: string,
  namespace: string,
): Promise<KubeObject> {
  const ops = toOps(target);
  await ops.patch('applications', namespace, app, {
    metadata: { annotations: { [key]: value } },
  });
  const after = await ops.get('applications', namespace, app);
  if (!after) throw new Error(`argocd: Application "${app}" is gone`);
  return after;
}

/** "A new commit arrives" for these apps (one sha for all); returns them after. */
export async function requestNewCommit(
  target: OktetoTarget,
  apps: string[],
  options: RequestOptions & { revision?: string } = {},
): Promise<KubeObject[]> {
  const sha = options.revision ?? newCommitSha();
  const out: KubeObject[] = [];
  for (const app of apps) {
    out.push(
      await annotate(
        target,
        app,
        NEW_COMMIT_ANNOTATION,
        sha,
        options.namespace ?? 'argo',
      ),
    );
  }
  return out;
}

/** A sync attempt that fails with `message`. */
export function requestFailSync(
  target: OktetoTarget,
  app: string,
  message: string,
  options: RequestOptions = {},
): Promise<KubeObject> {
  return annotate(
    target,
    app,
    FAIL_SYNC_ANNOTATION,
    message,
    options.namespace ?? 'argo',
  );
}
