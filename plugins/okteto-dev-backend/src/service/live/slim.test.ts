import { KINDS } from './resources';
import { slimApplication, slimDeployment, slimPod, slimWorkload } from './slim';

describe('what the live store keeps', () => {
  it('no Secret kind at all: list/watch on Secrets would grant their data', () => {
    expect(Object.keys(KINDS).sort()).toEqual([
      'applications',
      'deployments',
      'pods',
      'statefulsets',
    ]);
  });

  it('of a Deployment, the fields the derivation reads, without managedFields or the last applied copy', () => {
    const kept = slimDeployment({
      metadata: {
        name: 'web',
        namespace: 'ns',
        uid: 'u1',
        resourceVersion: '7',
        labels: { 'dev.okteto.com': 'true' },
        annotations: {
          'dev.okteto.com/replicas': '1',
          'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}',
        },
        managedFields: [{ manager: 'argocd' }],
      },
      spec: {
        replicas: 0,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, annotations: { x: 'y' } },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'img:1',
                env: [
                  { name: 'A', value: '1' },
                  { name: 'B', valueFrom: { secretKeyRef: {} } },
                ],
                resources: { limits: { cpu: '1' } },
                readinessProbe: { httpGet: { path: '/' } },
              },
            ],
            volumes: [
              { name: 'v', persistentVolumeClaim: { claimName: 'pvc' } },
            ],
            affinity: {},
          },
        },
      },
      status: { replicas: 0, readyReplicas: 0, observedGeneration: 3 },
    });
    expect(kept).toEqual({
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'ns',
        uid: 'u1',
        labels: { 'dev.okteto.com': 'true' },
        annotations: { 'dev.okteto.com/replicas': '1' },
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'img:1',
                env: [{ name: 'A', value: '1' }, { name: 'B' }],
              },
            ],
            volumes: [
              { name: 'v', persistentVolumeClaim: { claimName: 'pvc' } },
            ],
          },
        },
      },
      status: { replicas: 0, readyReplicas: 0 },
    });
  });

  it('of a Pod, its labels and status, and of its spec which Secrets its containers take (no env values, no image)', () => {
    const kept = slimPod({
      metadata: { name: 'p', labels: { app: 'web' }, annotations: { a: 'b' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'img:1',
            env: [
              { name: 'TOKEN', value: 'x' },
              {
                name: 'DB',
                valueFrom: { secretKeyRef: { name: 'db', key: 'url' } },
              },
            ],
            envFrom: [{ secretRef: { name: 'web-env' } }, { configMapRef: {} }],
          },
        ],
      },
      status: {
        phase: 'Running',
        podIP: '10.0.0.1',
        containerStatuses: [
          {
            name: 'app',
            ready: true,
            restartCount: 0,
            state: { running: { startedAt: 't' } },
          },
        ],
      },
    });
    expect(JSON.stringify(kept)).not.toContain('TOKEN');
    expect(kept).toEqual({
      metadata: { name: 'p', labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'app',
            env: [
              {
                name: 'DB',
                valueFrom: { secretKeyRef: { name: 'db', key: 'url' } },
              },
            ],
            envFrom: [{ secretRef: { name: 'web-env' } }, {}],
          },
        ],
      },
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: true,
            restartCount: 0,
            state: { running: { startedAt: 't' } },
          },
        ],
      },
    });
  });

  it('of a StatefulSet, the same fields as of a Deployment, with its kind', () => {
    const raw = {
      metadata: { name: 'db', namespace: 'ns', uid: 'u2' },
      spec: {
        replicas: 1,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        volumeClaimTemplates: [{ metadata: { name: 'data' } }],
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'pg:16' }] },
        },
      },
      status: { replicas: 1, readyReplicas: 1, currentRevision: 'db-1' },
    };
    expect(slimWorkload(raw, 'StatefulSet')).toEqual({
      ...slimDeployment(raw),
      kind: 'StatefulSet',
    });
  });

  it('of an Application, no operation details beyond what the card shows', () => {
    const kept = slimApplication({
      metadata: { name: 'a', namespace: 'argo' },
      spec: {
        source: {
          repoURL: 'r',
          helm: { valueFiles: ['v.yaml'], values: 'secret: 1' },
        },
      },
      status: {
        sync: { status: 'Synced', revision: 'abc', comparedTo: { source: {} } },
        operationState: {
          phase: 'Succeeded',
          operation: {
            sync: { revision: 'abc' },
            initiatedBy: { automated: true },
          },
          syncResult: { revision: 'abc', resources: [{ kind: 'Deployment' }] },
        },
      },
    });
    expect(kept).toEqual({
      metadata: { name: 'a', namespace: 'argo' },
      spec: { source: { repoURL: 'r', helm: { valueFiles: ['v.yaml'] } } },
      status: {
        sync: { status: 'Synced', revision: 'abc' },
        operationState: {
          phase: 'Succeeded',
          operation: { initiatedBy: { automated: true } },
          syncResult: { revision: 'abc' },
        },
      },
    });
  });
});
