import { Entity } from '@backstage/catalog-model';
import {
  ArgoStatus,
  CHECKLIST_IDS,
  ChecklistItem,
  ChecklistState,
  DevClustersResponse,
  DevStatus,
  DevStatusBatchResponse,
  OKTETO_DEV_APP_ANNOTATION,
} from '@okteto-dev/plugin-okteto-dev-common';
import { OktetoDevApi } from '../api';

export const SHA = '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
export const ENTITY_REF = 'component:default/corporate';

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

/** A synced, healthy Argo CD Application; override any field. */
export function okArgo(
  overrides: Partial<Extract<ArgoStatus, { state: 'ok' }>> = {},
): ArgoStatus {
  return {
    state: 'ok',
    sync: 'Synced',
    health: 'Healthy',
    revision: SHA,
    lastSyncedAt: minutesAgo(3),
    autoSync: true,
    selfHeal: false,
    prune: false,
    repoURL: 'https://github.com/NeoGrAIph/web-core.git',
    targetRevision: 'main',
    valueFiles: ['deploy/env/dev/corporate.yaml'],
    ...overrides,
  };
}

/** An entity with `okteto-dev/app: corporate`. */
export function makeEntity(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'corporate',
      annotations: annotations ?? { [OKTETO_DEV_APP_ANNOTATION]: 'corporate' },
    },
    spec: { type: 'website', lifecycle: 'production', owner: 'web' },
  };
}

/** The checklist with every item passing except the given ones. */
export function makeChecklist(
  states: Partial<Record<ChecklistItem['id'], ChecklistState>> = {},
): ChecklistItem[] {
  return CHECKLIST_IDS.map(id => ({
    id,
    status: states[id] ?? 'pass',
    message: `${id} checked`,
  }));
}

/** A healthy, synced dev environment with dev mode off; override any part. */
export function makeStatus(overrides: Partial<DevStatus> = {}): DevStatus {
  return {
    entityRef: ENTITY_REF,
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
    argo: okArgo(),
    workload: {
      state: 'ok',
      kind: 'Deployment',
      name: 'web-corporate-dev-web-app',
      replicas: 1,
      readyReplicas: 1,
      serverUrl: 'https://corporate.dev.synestra.tech',
      pods: [
        {
          name: 'web-corporate-dev-web-app-7d9f-abcde',
          phase: 'Running',
          ready: true,
          restarts: 0,
        },
      ],
    },
    okteto: { state: 'off' },
    drift: { kind: 'none', message: 'Live state matches Git.' },
    checklist: makeChecklist(),
    commands: {
      oktetoUp: 'okteto up web-corporate-dev --namespace web-corporate-dev',
      oktetoDown: 'okteto down web-corporate-dev --namespace web-corporate-dev',
      dev: 'pnpm --filter @synestra/corporate-website dev',
    },
    errors: [],
    ...overrides,
  };
}

const unreachable = {
  type: 'unreachable' as const,
  message: 'connect ECONNREFUSED 10.0.0.1:6443',
  cluster: 'default',
  resource: 'applications.argoproj.io argo/web-corporate-dev',
};

/** One fixture per state the card distinguishes. */
export const fixtures = {
  syncedOff: makeStatus(),
  devModeOn: makeStatus({
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
          restarts: 1,
        },
      ],
    },
    drift: {
      kind: 'expected-okteto',
      message: 'web-corporate-dev-web-app scaled to 0 by Okteto.',
    },
  }),
  selfHealConflict: makeStatus({
    argo: okArgo({ selfHeal: true }),
    drift: {
      kind: 'self-heal-conflict',
      message: 'Original scaled back to 1 while the clone runs.',
    },
    checklist: makeChecklist({ 'self-heal-off': 'fail' }),
  }),
  degraded: makeStatus({
    argo: okArgo({
      health: 'Degraded',
      healthMessage: 'Deployment has 0 of 1 ready replicas',
    }),
    workload: {
      state: 'ok',
      kind: 'Deployment',
      name: 'web-corporate-dev-web-app',
      replicas: 1,
      readyReplicas: 0,
      pods: [
        {
          name: 'web-corporate-dev-web-app-7d9f-crash',
          phase: 'Running',
          ready: false,
          restarts: 17,
          reason: 'CrashLoopBackOff',
        },
      ],
    },
  }),
  broken: makeStatus({
    okteto: {
      state: 'broken',
      problems: [
        'web-corporate-dev-web-app is labelled dev.okteto.com=true but has no -okteto clone',
        'The original is at 0 replicas without dev.okteto.com/replicas',
      ],
    },
    drift: { kind: 'unexpected', message: 'replicas: 0 (Git: 1)' },
  }),
  notFound: makeStatus({
    argo: { state: 'not-found' },
    workload: { state: 'not-found' },
    drift: { kind: 'unknown', message: 'No Application to compare with.' },
    checklist: makeChecklist({ 'argo-application': 'fail' }),
  }),
  argoError: makeStatus({
    argo: { state: 'error', error: unreachable },
    okteto: {
      state: 'on',
      mode: 'hybrid',
      user: 'bob',
      clone: 'web-corporate-dev-web-app-okteto',
      pods: [],
    },
    drift: { kind: 'unknown', message: 'Argo CD could not be read.' },
    errors: [unreachable],
  }),
  stale: makeStatus({
    stale: { since: minutesAgo(5), ageSeconds: 300 },
    errors: [unreachable],
  }),
  devServiceMissing: makeStatus({
    checklist: makeChecklist({ 'dev-service': 'fail', stignore: 'unknown' }),
  }),
};

/**
 * A typed fake of the API: `getStatus` answers with `answer.status` or fails with `answer.error`;
 * change `answer` between calls to simulate a refresh.
 */
export class FakeOktetoDevApi implements OktetoDevApi {
  readonly calls: string[] = [];

  constructor(public answer: { status?: DevStatus; error?: Error }) {}

  async getStatus(entityRef: string): Promise<DevStatus> {
    this.calls.push(entityRef);
    if (this.answer.error) {
      throw this.answer.error;
    }
    return this.answer.status ?? makeStatus();
  }

  async getStatuses(entityRefs: string[]): Promise<DevStatusBatchResponse> {
    return {
      items: await Promise.all(entityRefs.map(ref => this.getStatus(ref))),
    };
  }

  async getClusters(): Promise<DevClustersResponse> {
    return {
      items: [
        { name: 'default', authProvider: 'serviceAccount', reachable: true },
      ],
    };
  }
}
