import { namesOf } from '../conventions';
import type { AppConventions } from '../conventions';

export { sha40, uidOf } from '../conventions';

/** Conventions of NeoGrAIph/web-core (Argo CD + Helm chart `web-app`). */
export const WEB_CORE = {
  argoNamespace: 'argo',
  project: 'synestra-web',
  repoURL: 'https://github.com/NeoGrAIph/web-core.git',
  targetRevision: 'main',
  chartPath: 'deploy/charts/web-app',
  destinationServer: 'https://kubernetes.default.svc',
  registry: 'ghcr.io/neograiph/web-core',
  devImage: 'ghcr.io/neograiph/web-core/dev:node22-pnpm',
  /** `name:` of web-core's .okteto/okteto.yml */
  manifestName: 'web-core',
  applicationSet: 'web-core-dev',
} as const;

/** web-core's conventions as templates (see AppConventions). */
export const WEB_CORE_CONVENTIONS: AppConventions = {
  id: 'web-core',
  argo: {
    namespace: WEB_CORE.argoNamespace,
    project: WEB_CORE.project,
    repoURL: WEB_CORE.repoURL,
    targetRevision: WEB_CORE.targetRevision,
    path: WEB_CORE.chartPath,
    valueFiles: [
      '../../env/release-dev/{app}.yaml',
      '../../env/dev/{app}.yaml',
    ],
    destinationServer: WEB_CORE.destinationServer,
    applicationSet: WEB_CORE.applicationSet,
    labels: {
      'app.kubernetes.io/part-of': 'web-core',
      'synestra.io/env': 'dev',
    },
  },
  names: {
    namespace: 'web-{slug}-dev',
    application: '{namespace}',
    deployment: '{application}-web-app',
    service: '{application}-web-app',
    envSecret: '{application}-env',
    configMap: '{application}-config',
  },
  labels: {
    'app.kubernetes.io/name': 'web-app',
    'app.kubernetes.io/instance': '{application}',
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/part-of': 'web-core',
    'helm.sh/chart': 'web-app-0.1.0',
  },
  selector: {
    'app.kubernetes.io/name': 'web-app',
    'app.kubernetes.io/instance': '{application}',
  },
  namespaceLabels: {
    'app.kubernetes.io/part-of': 'web-core',
    'synestra.io/env': 'dev',
  },
  commonLabels: { 'app.kubernetes.io/part-of': 'web-core' },
  container: {
    name: 'app',
    registry: WEB_CORE.registry,
    port: 3000,
    env: [
      { name: 'SYNESTRA_ENV', value: 'dev' },
      {
        name: 'NEXT_PUBLIC_SERVER_URL',
        value: 'https://{slug}.dev.synestra.io',
      },
    ],
    resources: {
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { memory: '1Gi' },
    },
  },
  configMapData: {
    NEXT_PUBLIC_SITE_NAME: '{slug}',
    FEATURE_FLAGS: 'search,newsletter',
    LOG_LEVEL: 'info',
  },
  secretData: {
    DATABASE_URI:
      'postgres://{slug}:sandbox-not-a-secret@postgres.{namespace}.svc:5432/{slug}',
    PAYLOAD_SECRET: 'sandbox-payload-secret-{slug}',
  },
  dev: {
    devName: '{namespace}',
    selector: {
      'app.kubernetes.io/name': 'web-app',
      'app.kubernetes.io/instance': '{application}',
    },
    image: WEB_CORE.devImage,
    workdir: '/app/apps/{app}',
    sync: ['/app'],
    manifestName: WEB_CORE.manifestName,
  },
};

export function webCoreNames(app: string, slug = app) {
  return namesOf(WEB_CORE_CONVENTIONS, app, slug);
}
