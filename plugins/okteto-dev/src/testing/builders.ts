import { Entity } from '@backstage/catalog-model';
import {
  ArgoStatus,
  CHECKLIST_IDS,
  ChecklistId,
  ChecklistItem,
  ChecklistState,
  devMessage,
  DevMessageCode,
  DevMessageParams,
  DevStatus,
  OKTETO_DEV_APP_ANNOTATION,
  OktetoStatus,
  PodSummary,
  WorkloadStatus,
} from '@okteto-dev/plugin-okteto-dev-common';

/**
 * Builders of the answers the okteto-dev backend gives for web-core's `corporate` app, with the
 * English text made by the common package's `devMessage`, as the backend makes it.
 */

export const SHA = '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
export const NEW_SHA = 'a81c0e4f2b3d4c5e6f708192a3b4c5d6e7f80912';
export const ENTITY_REF = 'component:default/corporate';
export const NAMESPACE = 'web-corporate-dev';
export const APPLICATION = 'web-corporate-dev';
/** How the checklist names the Application: `<namespace>/<name>`. */
export const APP_REF = `argo/${APPLICATION}`;
export const WORKLOAD = 'web-corporate-dev-web-app';
export const CLONE = `${WORKLOAD}-okteto`;
export const DEV_ENTRY = 'web-corporate-dev';
export const MANIFEST = '.okteto/okteto.yml';
export const APPLICATION_PATH = 'deploy/argocd/apps/dev/corporate.yaml';
export const VALUES_PATH = 'deploy/env/dev/corporate.yaml';
export const PACKAGE = '@synestra/corporate-website';
export const APP_DIR = 'apps/corporate-website';
export const DEV_IMAGE = 'ghcr.io/neograiph/web-core/dev:node22-pnpm';
/** The dev entry's command, as web-core writes it (okteto up runs it in the dev container). */
export const ENTRY_COMMAND = `sh -lc 'export CI=1 NODE_ENV=development PORT=3000 COREPACK_ENABLE_DOWNLOAD_PROMPT=0 PNPM_STORE_DIR=/tmp/.pnpm-store; corepack enable >/dev/null 2>&1 || true; if [ ! -x node_modules/.bin/next ]; then pnpm install --frozen-lockfile; fi; pnpm --filter ${PACKAGE} dev'`;

export const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();
export const HOUR = 60;
export const DAY = 24 * HOUR;

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

type OkArgo = Extract<ArgoStatus, { state: 'ok' }>;

/** web-core's dev Application, synced and healthy, ignoring `/spec/replicas`; override any field. */
export function okArgo(overrides: Partial<OkArgo> = {}): OkArgo {
  return {
    state: 'ok',
    sync: 'Synced',
    health: 'Healthy',
    revision: SHA,
    revisionUrl: `https://github.com/NeoGrAIph/web-core/commit/${SHA}`,
    lastSyncedAt: minutesAgo(3),
    operation: {
      phase: 'Succeeded',
      failed: false,
      message: 'successfully synced (all tasks run)',
      startedAt: minutesAgo(3),
      finishedAt: minutesAgo(3),
      revision: SHA,
      automated: true,
    },
    history: [
      { id: 41, revision: SHA, deployedAt: minutesAgo(3), automated: true },
    ],
    resources: [
      {
        kind: 'Service',
        name: WORKLOAD,
        namespace: NAMESPACE,
        status: 'Synced',
      },
      {
        group: 'apps',
        kind: 'Deployment',
        name: WORKLOAD,
        namespace: NAMESPACE,
        status: 'Synced',
      },
    ],
    conditions: [],
    reconciledAt: minutesAgo(1),
    reconcileStale: false,
    autoSync: true,
    selfHeal: false,
    prune: true,
    replicasIgnored: true,
    replicasIgnoredInDiff: true,
    repoURL: 'https://github.com/NeoGrAIph/web-core.git',
    targetRevision: 'main',
    path: 'deploy/charts/web-app',
    valueFiles: [
      '../../env/release-dev/corporate.yaml',
      '../../env/dev/corporate.yaml',
    ],
    ...overrides,
  };
}

/** The Deployment as the app runs it under Argo CD (annotation tracking). */
export function okWorkload(
  overrides: Partial<Extract<WorkloadStatus, { state: 'ok' }>> = {},
): WorkloadStatus {
  return {
    state: 'ok',
    kind: 'Deployment',
    name: WORKLOAD,
    replicas: 1,
    readyReplicas: 1,
    image: 'ghcr.io/neograiph/web-core/corporate:3f2a9c1',
    serverUrl: 'https://corporate.dev.synestra.tech',
    tracking: 'annotation',
    pods: [
      {
        name: `${WORKLOAD}-7d9f8c6b5-abcde`,
        phase: 'Running',
        ready: true,
        restarts: 0,
        startedAt: minutesAgo(3 * DAY),
      },
    ],
    ...overrides,
  };
}

/** The dev pod of the clone, running (which says nothing about the app). */
export function devPod(overrides: Partial<PodSummary> = {}): PodSummary {
  return {
    name: `${CLONE}-5c4b7d9f8-xyz12`,
    phase: 'Running',
    ready: true,
    restarts: 0,
    startedAt: minutesAgo(2 * HOUR),
    ...overrides,
  };
}

/** Dev mode on, started `minutes` ago; nothing says who on plain Kubernetes. */
export function devModeOn(
  minutes: number,
  overrides: Partial<Extract<OktetoStatus, { state: 'on' }>> = {},
): OktetoStatus {
  return {
    state: 'on',
    mode: 'sync',
    image: DEV_IMAGE,
    clone: CLONE,
    pods: [devPod({ startedAt: minutesAgo(minutes) })],
    since: minutesAgo(minutes),
    ageSeconds: minutes * 60,
    abandoned: minutes > 8 * HOUR,
    ...overrides,
  };
}

export function checkItem(
  id: ChecklistId,
  status: ChecklistState,
  code: DevMessageCode,
  params: DevMessageParams = {},
): ChecklistItem {
  return { id, status, ...devMessage(code, params) };
}

const PASSING: Record<ChecklistId, ChecklistItem> = {
  'argo-application': checkItem(
    'argo-application',
    'pass',
    'checkArgoAppExists',
    {
      application: APP_REF,
      sync: 'Synced',
      health: 'Healthy',
    },
  ),
  'namespace-convention': checkItem(
    'namespace-convention',
    'pass',
    'checkNamespaceOwn',
    {
      namespace: NAMESPACE,
    },
  ),
  'env-var': checkItem('env-var', 'pass', 'checkEnvVarSet', {
    name: 'SYNESTRA_ENV',
    value: 'dev',
    container: 'app',
  }),
  'env-secret': checkItem('env-secret', 'pass', 'checkSecretExistedAtStart', {
    secrets: `${APPLICATION}-env`,
    pod: `${APPLICATION}-web-app-7d9c-abcde`,
    container: 'app',
  }),
  'self-heal-off': checkItem('self-heal-off', 'pass', 'checkSelfHealOff', {
    application: APP_REF,
  }),
  'replicas-ignored': checkItem(
    'replicas-ignored',
    'pass',
    'checkReplicasIgnored',
    {
      application: APP_REF,
      file: APPLICATION_PATH,
      workload: WORKLOAD,
    },
  ),
  'dev-service': checkItem('dev-service', 'pass', 'checkDevEntryFoundAliases', {
    entry: DEV_ENTRY,
    manifest: MANIFEST,
    aliases: `${DEV_ENTRY}-web-app`,
  }),
  'dev-image': checkItem('dev-image', 'pass', 'checkDevImageInstalls', {
    entry: DEV_ENTRY,
  }),
  stignore: checkItem('stignore', 'pass', 'checkStignoreComplete', {
    paths: '.stignore',
  }),
};

/** web-core's usual gap: automated sync without ignoring `/spec/replicas`. */
export const REPLICAS_NOT_IGNORED = checkItem(
  'replicas-ignored',
  'fail',
  'checkReplicasNotIgnored',
  {
    application: APP_REF,
    file: APPLICATION_PATH,
    workload: WORKLOAD,
    revision: 'main',
  },
);

/** The checklist in CHECKLIST_IDS order: every item passing except the given ones. */
export function makeChecklist(
  ...replacements: ChecklistItem[]
): ChecklistItem[] {
  return CHECKLIST_IDS.map(
    id => replacements.find(item => item.id === id) ?? PASSING[id],
  );
}

export const REPO = 'https://github.com/NeoGrAIph/web-core';

/**
 * The links the backend builds for a status, as `deriveLinks` does: Argo CD only for a readable
 * Application, the app only with a URL, the dev entry only when found.
 */
export function linksFor(
  status: Pick<DevStatus, 'argo' | 'workload' | 'target'>,
): DevStatus['links'] {
  const { argo, workload, target } = status;
  const blob = `${REPO}/blob/main`;
  return {
    ...(argo.state === 'ok'
      ? {
          argocd: `https://argocd.synestra.tech/applications/argo/${target.application.name}`,
        }
      : {}),
    ...(workload.state === 'ok' && workload.serverUrl
      ? { app: workload.serverUrl }
      : {}),
    ...(target.devEntry
      ? { devEntry: `${blob}/${target.devEntry.manifestPath}#L12` }
      : {}),
    ...(argo.state !== 'error'
      ? { applicationFile: `${blob}/${target.applicationPath}` }
      : {}),
    valuesFile: `${blob}/${target.valuesPath}`,
  };
}

/** A healthy, synced dev environment with dev mode off; override any part. */
export function makeStatus(overrides: Partial<DevStatus> = {}): DevStatus {
  const status = makeBaseStatus(overrides);
  return overrides.links ? status : { ...status, links: linksFor(status) };
}

function makeBaseStatus(overrides: Partial<DevStatus>): DevStatus {
  return {
    entityRef: ENTITY_REF,
    fetchedAt: new Date().toISOString(),
    target: {
      app: 'corporate',
      cluster: 'default',
      namespace: NAMESPACE,
      workload: WORKLOAD,
      devService: DEV_ENTRY,
      container: 'app',
      package: PACKAGE,
      appDir: APP_DIR,
      application: { name: APPLICATION, namespace: 'argo', cluster: '' },
      envVar: { name: 'SYNESTRA_ENV', value: 'dev' },
      applicationPath: APPLICATION_PATH,
      valuesPath: VALUES_PATH,
      sources: { package: 'package-json', appDir: 'source-location' },
      notes: [],
      devEntry: {
        name: DEV_ENTRY,
        manifestPath: MANIFEST,
        aliases: [`${DEV_ENTRY}-web-app`],
        workdir: `/app/${APP_DIR}`,
        command: ENTRY_COMMAND,
      },
    },
    argo: okArgo(),
    workload: okWorkload(),
    okteto: { state: 'off' },
    drift: { kind: 'none', resources: [], ...devMessage('driftNone') },
    checklist: makeChecklist(),
    commands: {
      oktetoUp: `okteto up ${DEV_ENTRY} --namespace ${NAMESPACE}`,
      oktetoDown: `okteto down ${DEV_ENTRY} --namespace ${NAMESPACE}`,
      devSource: 'dev-entry',
    },
    links: {
      argocd: `https://argocd.synestra.tech/applications/argo/${APPLICATION}`,
      app: 'https://corporate.dev.synestra.tech',
    },
    errors: [],
    ...overrides,
  };
}
