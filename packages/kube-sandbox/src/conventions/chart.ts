import type { KubeObject } from '../types';
import { POD_STATE_ANNOTATION } from '../workload';
import type { AppSpec } from './objects';
import { AppConventions, AppNames, fill, fillAll, TemplateVars } from './types';

/* What the app's chart renders: a ConfigMap (optional), the Deployment and the Service. */

/** A container securityContext that Pod Security "restricted" admits. */
const RESTRICTED = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

export interface ChartInput {
  conventions: AppConventions;
  spec: AppSpec;
  names: AppNames;
  vars: Required<TemplateVars>;
  image: string;
}

export function chartObjects(input: ChartInput): KubeObject[] {
  const { conventions: c, spec, names: n, vars, image } = input;
  const labels = fillAll(c.labels, vars);
  const selector = fillAll(c.selector, vars);
  const tracked = (group: string, kind: string, name: string) =>
    spec.trackingMethod === 'label'
      ? {}
      : {
          annotations: {
            'argocd.argoproj.io/tracking-id': `${n.application}:${group}/${kind}:${n.namespace}/${name}`,
          },
        };
  const meta = (group: string, kind: string, name: string) => ({
    name,
    namespace: n.namespace,
    labels,
    ...tracked(group, kind, name),
  });
  const podAnnotations = spec.podState
    ? { [POD_STATE_ANNOTATION]: spec.podState }
    : undefined;
  const envFrom: Array<Record<string, unknown>> = [
    { secretRef: { name: n.envSecret } },
  ];
  if (spec.configMap) envFrom.unshift({ configMapRef: { name: n.configMap } });

  const chart: KubeObject[] = [];
  if (spec.configMap) {
    chart.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('', 'ConfigMap', n.configMap),
      data: fillAll(c.configMapData, vars),
    });
  }
  chart.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('apps', 'Deployment', n.deployment),
    spec: {
      replicas: spec.replicas ?? 1,
      revisionHistoryLimit: 3,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: selector },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      template: {
        metadata: podAnnotations
          ? { labels: selector, annotations: podAnnotations }
          : { labels: selector },
        spec: {
          containers: [
            {
              name: c.container.name,
              image,
              imagePullPolicy: 'IfNotPresent',
              ports: [
                {
                  name: 'http',
                  containerPort: c.container.port,
                  protocol: 'TCP',
                },
              ],
              env: c.container.env.map(e => ({
                name: e.name,
                value: fill(e.value, vars),
              })),
              envFrom,
              readinessProbe: {
                httpGet: { path: '/', port: 'http' },
                periodSeconds: 10,
              },
              resources: c.container.resources,
              ...(spec.restricted ? { securityContext: RESTRICTED } : {}),
            },
          ],
        },
      },
    },
  });
  chart.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('', 'Service', n.service),
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [
        {
          name: 'http',
          port: c.container.port,
          targetPort: 'http',
          protocol: 'TCP',
        },
      ],
    },
  });
  return chart;
}
