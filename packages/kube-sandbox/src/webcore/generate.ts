import type { KubeObject } from '../types';
import { buildPod, buildReplicaSet, podName } from '../workload';
import { uidOf, WEB_CORE } from './names';
import { webCoreAppObjects } from './objects';

export interface GenerateOptions {
  /** Also emit a ReplicaSet and Pods per app (default true). */
  withPods?: boolean;
}

/**
 * Objects for `n` healthy web-core style apps (`app-0001`…): the `argo`
 * namespace once, then per app a Namespace, Application, Deployment,
 * Service, Secret, ReplicaSet and Pod — named as the controller would.
 */
export function generateWebCoreApps(
  n: number,
  options: GenerateOptions = {},
): KubeObject[] {
  const out: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: WEB_CORE.argoNamespace },
    },
  ];
  for (let i = 1; i <= n; i++) {
    const app = `app-${String(i).padStart(4, '0')}`;
    const objects = webCoreAppObjects({ app });
    out.push(...objects);
    if (options.withPods === false) continue;
    const deployment = objects.find(o => o.kind === 'Deployment')!;
    deployment.metadata.uid = uidOf(`uid/deploy/${app}`);
    const rs = buildReplicaSet(deployment);
    rs.metadata.uid = uidOf(`uid/rs/${app}`);
    rs.status = {
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    };
    out.push(rs, buildPod(rs, podName(rs.metadata.name, 0)));
  }
  return out;
}
