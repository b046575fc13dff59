import {
  createTranslationRef,
  TranslationRef,
} from '@backstage/frontend-plugin-api';

const messages = {
  card: {
    title: 'Dev environment',
    subheader: 'Namespace {{namespace}} on cluster {{cluster}}',
    refresh: 'Refresh',
    loading: 'Loading the dev environment status',
    stale:
      'Stale: the cluster could not be read, showing the last good answer from {{age}}.',
    refreshFailed: 'Refresh failed, showing the previous answer: {{message}}',
    otherErrors: 'Other read errors',
  },
  argo: {
    title: 'Argo CD',
    application: 'Application {{namespace}}/{{name}}',
    notFound:
      'Argo CD Application {{namespace}}/{{name}} not found. Add it under deploy/argocd/apps/dev.',
    error: 'Argo CD could not be read',
    revision: 'Revision {{sha}}',
    syncedAgo: 'synced {{time}}',
    operation: 'Last operation {{phase}}: {{message}}',
    sync: {
      Synced: 'Synced',
      OutOfSync: 'Out of sync',
      Unknown: 'Sync unknown',
    },
    health: {
      Healthy: 'Healthy',
      Progressing: 'Progressing',
      Degraded: 'Degraded',
      Suspended: 'Suspended',
      Missing: 'Missing',
      Unknown: 'Health unknown',
    },
  },
  workload: {
    title: 'Workload',
    summary: '{{kind}} {{name}}: {{ready}} of {{replicas}} replicas ready',
    notFound: 'Workload not found in namespace {{namespace}}.',
    error: 'The workload could not be read',
  },
  pod: {
    ready: 'ready',
    notReady: 'not ready',
    restarts: 'restarts: {{restarts}}',
  },
  okteto: {
    title: 'Okteto',
    off: 'Dev mode is off',
    offHint: 'The Argo CD deployment serves the app.',
    on: 'Dev mode is on ({{mode}})',
    since: 'started {{time}}',
    image: 'Image: {{image}}',
    user: 'Developer: {{user}}',
    noPods: 'The dev pod has not started yet.',
    broken: 'Dev mode is broken',
    brokenHint:
      'Run the "okteto down" command below to restore the workload, then start dev mode again.',
    error: 'The Okteto state could not be read',
  },
  drift: {
    title: 'Drift',
    none: 'No drift: the cluster matches Git.',
    expectedOkteto:
      'Expected drift: Okteto dev mode replaced the workload, and Argo CD leaves it alone because self-heal is off.',
    selfHealConflict:
      'Conflict: self-heal is on, so Argo CD scales the original workload back up while the dev pod runs, and both pods serve behind the same Service. Turn selfHeal off for dev.',
    unexpected:
      'Unexpected drift: the cluster differs from Git and Okteto dev mode does not explain it.',
    unknown: 'Drift unknown: the cluster could not be read completely.',
  },
  checklist: {
    title: 'Readiness checklist',
    status: {
      pass: 'Passed',
      fail: 'Failed',
      unknown: 'Unknown',
    },
    item: {
      argoApplication: 'Argo CD Application for dev',
      namespaceConvention: 'Namespace web-<app>-dev',
      synestraEnvDev: 'SYNESTRA_ENV=dev',
      envSecret: 'Secrets through envFrom.secretRef',
      selfHealOff: 'Self-heal off for dev',
      devService: 'Okteto dev entry for the app',
      devImage: 'Dev image (Node.js >= 22, pnpm)',
      stignore: '.stignore at the sync root',
    },
    help: {
      argoApplication:
        'Deploy the app with Argo CD into web-<app>-dev: deploy/argocd/apps/dev/<app>.yaml plus deploy/env/dev/<app>.yaml.',
      namespaceConvention:
        'Use one namespace per app, web-<app>-dev, not a shared web-dev: one namespace and one database per deployment.',
      synestraEnvDev: 'Set SYNESTRA_ENV: "dev" in deploy/env/dev/<app>.yaml.',
      envSecret:
        'Attach the secrets (DATABASE_URI, PAYLOAD_SECRET, ...) with envFrom.secretRef; the platform creates the Secret.',
      selfHealOff:
        'Set selfHeal: false in deploy/argocd/apps/dev/<app>.yaml, otherwise Argo CD reverts dev mode.',
      devService:
        'Add a dev entry for the app to .okteto/okteto.yml; the "Enable Okteto" button opens a template that does it.',
      devImage:
        'Use a dev image with Node.js >= 22 and pnpm that can install the workspace dependencies, native ones like sharp included.',
      stignore:
        'Add .stignore at the root of the synced folder ignoring **/node_modules/, **/.next/, **/.turbo/, **/dist/, **/coverage/ and **/.git/.',
    },
  },
  commands: {
    title: 'Commands',
    oktetoUp: 'Start dev mode',
    oktetoDown: 'Stop dev mode',
    dev: 'Run the app in the dev container',
    copy: 'Copy: {{label}}',
    copied: 'Command copied',
  },
  enable: {
    button: 'Enable Okteto',
    hint: 'Okteto is not set up for this app yet.',
  },
  errorType: {
    unauthorized: 'Unauthorized',
    forbidden: 'Forbidden',
    notInstalled: 'Not installed',
    unreachable: 'Cluster unreachable',
    timeout: 'Timed out',
    badResponse: 'Bad response',
    unknown: 'Error',
  },
  search: {
    argoSync: 'Argo CD sync',
    argoHealth: 'Argo CD health',
    oktetoState: 'Okteto dev mode',
    driftKind: 'Drift',
    by: 'by {{user}}',
    state: {
      on: 'Dev mode on',
      off: 'Dev mode off',
      broken: 'Dev mode broken',
      unknown: 'Dev mode unknown',
    },
    drift: {
      none: 'No drift',
      expectedOkteto: 'Expected drift',
      selfHealConflict: 'Self-heal conflict',
      unexpected: 'Unexpected drift',
      unknown: 'Drift unknown',
    },
  },
} as const;

/**
 * The flat message keys of the plugin, for translations.
 *
 * @alpha
 */
export type OktetoDevMessages = ReturnType<
  typeof createTranslationRef<'plugin.okteto-dev', typeof messages, {}>
>['T'];

/**
 * Messages of the okteto-dev plugin. The Russian translation ships with the ref and is loaded on
 * demand, so an app only has to make `ru` an available language.
 *
 * @alpha
 */
// The explicit type breaks the cycle ref -> ./translations/ru -> ref.
export const oktetoDevTranslationRef: TranslationRef<
  'plugin.okteto-dev',
  OktetoDevMessages
> = createTranslationRef({
  id: 'plugin.okteto-dev',
  messages,
  translations: {
    ru: () => import('./translations/ru'),
  },
});
