import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  DevClustersResponse,
  DevStatus,
  DevStatusBatchResponse,
  OKTETO_DEV_APP_ANNOTATION,
} from '@okteto-dev/plugin-okteto-dev-common';
import { Entity } from '@backstage/catalog-model';
import Grid from '@material-ui/core/Grid';
import {
  EntityOktetoDevCard,
  OktetoDevApi,
  oktetoDevApiRef,
  oktetoDevPlugin,
} from '../src';

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'corporate',
    annotations: { [OKTETO_DEV_APP_ANNOTATION]: 'corporate' },
  },
  spec: { type: 'website', lifecycle: 'production', owner: 'web' },
};

const sampleStatus = (): DevStatus => ({
  entityRef: 'component:default/corporate',
  fetchedAt: new Date().toISOString(),
  target: {
    app: 'corporate',
    cluster: 'default',
    namespace: 'web-corporate-dev',
    workload: 'web-corporate-dev-web-app',
    devService: 'web-corporate-dev',
    container: 'app',
    package: '@synestra/corporate-website',
    appDir: 'apps/corporate',
    application: { name: 'web-corporate-dev', namespace: 'argo' },
  },
  argo: {
    state: 'ok',
    sync: 'Synced',
    health: 'Healthy',
    revision: '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
    lastSyncedAt: minutesAgo(3),
    autoSync: true,
    selfHeal: false,
    prune: false,
    repoURL: 'https://github.com/NeoGrAIph/web-core.git',
    targetRevision: 'main',
    valueFiles: ['deploy/env/dev/corporate.yaml'],
  },
  workload: {
    state: 'ok',
    kind: 'Deployment',
    name: 'web-corporate-dev-web-app',
    replicas: 0,
    readyReplicas: 0,
    pods: [],
  },
  okteto: {
    state: 'on',
    mode: 'sync',
    since: minutesAgo(12),
    image: 'ghcr.io/synestra/web-dev:node22',
    user: 'alice',
    clone: 'web-corporate-dev-web-app-okteto',
    pods: [
      {
        name: 'web-corporate-dev-web-app-okteto-5c4b-xyz12',
        phase: 'Running',
        ready: true,
        restarts: 0,
      },
    ],
  },
  drift: {
    kind: 'expected-okteto',
    message: 'web-corporate-dev-web-app scaled to 0 by Okteto dev mode.',
  },
  checklist: [
    {
      id: 'argo-application',
      status: 'pass',
      message: 'argo/web-corporate-dev',
    },
    {
      id: 'namespace-convention',
      status: 'pass',
      message: 'web-corporate-dev',
    },
    { id: 'synestra-env-dev', status: 'pass', message: 'SYNESTRA_ENV=dev' },
    { id: 'env-secret', status: 'pass', message: 'envFrom: web-corporate-env' },
    { id: 'self-heal-off', status: 'pass', message: 'selfHeal: false' },
    {
      id: 'dev-service',
      status: 'fail',
      message: 'No dev entry web-corporate-dev',
    },
    { id: 'dev-image', status: 'unknown', message: 'No dev image set' },
    { id: 'stignore', status: 'fail', message: '**/.turbo/ missing' },
  ],
  commands: {
    oktetoUp: 'okteto up web-corporate-dev --namespace web-corporate-dev',
    oktetoDown: 'okteto down web-corporate-dev --namespace web-corporate-dev',
    dev: 'pnpm --filter @synestra/corporate-website dev',
  },
  errors: [],
});

/** Answers with a sample status so the card runs without a backend. */
class SampleOktetoDevApi implements OktetoDevApi {
  async getStatus(): Promise<DevStatus> {
    return sampleStatus();
  }
  async getStatuses(): Promise<DevStatusBatchResponse> {
    return { items: [sampleStatus()] };
  }
  async getClusters(): Promise<DevClustersResponse> {
    return {
      items: [
        { name: 'default', authProvider: 'serviceAccount', reachable: true },
      ],
    };
  }
}

createDevApp()
  .registerPlugin(oktetoDevPlugin)
  .registerApi({
    api: oktetoDevApiRef,
    deps: {},
    factory: () => new SampleOktetoDevApi(),
  })
  .addPage({
    title: 'Dev environment',
    path: '/okteto-dev',
    element: (
      <EntityProvider entity={entity}>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <EntityOktetoDevCard />
          </Grid>
        </Grid>
      </EntityProvider>
    ),
  })
  .render();
