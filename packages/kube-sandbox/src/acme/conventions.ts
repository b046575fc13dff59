import type { AppConventions } from '../conventions';

/**
 * A team whose conventions are not web-core's: Applications `<app>-dev` in
 * `argocd` (project `default`, one chart per app at `deploy/<app>`),
 * namespaces `apps-<app>`, Deployment and Service `<app>`, container `web`
 * on 8080, `APP_ENV=development`, `PUBLIC_URL`, env Secret
 * `<app>-secrets`, labels `app.kubernetes.io/name: <app>` and
 * `app.kubernetes.io/part-of: acme`; an Okteto manifest per app (`name:
 * <app>`, dev entry `<app>`).
 */
export const ACME_CONVENTIONS: AppConventions = {
  id: 'acme',
  argo: {
    namespace: 'argocd',
    project: 'default',
    repoURL: 'https://git.acme.example/platform/services.git',
    targetRevision: 'HEAD',
    path: 'deploy/{app}',
    valueFiles: ['values-development.yaml'],
    destinationServer: 'https://kubernetes.default.svc',
    applicationSet: 'acme-development',
    labels: { 'app.kubernetes.io/part-of': 'acme', environment: 'development' },
  },
  names: {
    namespace: 'apps-{app}',
    application: '{app}-dev',
    deployment: '{app}',
    service: '{app}',
    envSecret: '{app}-secrets',
    configMap: '{app}-config',
  },
  labels: {
    'app.kubernetes.io/name': '{app}',
    'app.kubernetes.io/part-of': 'acme',
  },
  selector: { 'app.kubernetes.io/name': '{app}' },
  namespaceLabels: {
    'app.kubernetes.io/part-of': 'acme',
    environment: 'development',
  },
  commonLabels: { 'app.kubernetes.io/part-of': 'acme' },
  container: {
    name: 'web',
    registry: 'registry.acme.example/services',
    port: 8080,
    env: [
      { name: 'APP_ENV', value: 'development' },
      { name: 'PUBLIC_URL', value: 'https://{app}.dev.acme.example' },
    ],
    resources: {
      requests: { cpu: '50m', memory: '128Mi' },
      limits: { memory: '512Mi' },
    },
  },
  configMapData: { LOG_LEVEL: 'info' },
  secretData: {
    DATABASE_URL:
      'postgres://{app}:sandbox-not-a-secret@db.{namespace}.svc:5432/{app}',
    SESSION_SECRET: 'sandbox-session-secret-{app}',
  },
  dev: {
    devName: '{app}',
    selector: { 'app.kubernetes.io/name': '{app}' },
    image: 'registry.acme.example/dev/node:22',
    workdir: '/usr/src/app',
    sync: ['/usr/src/app'],
    manifestName: '{app}',
  },
};
