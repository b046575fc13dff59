import { createHash } from 'node:crypto';

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

export function sha40(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** A uid-shaped value derived from a seed (stable across generations). */
export function uidOf(seed: string): string {
  return sha40(seed).replace(
    /^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/,
    '$1-$2-$3-$4-$5',
  );
}

export function webCoreNames(app: string, slug = app) {
  const ns = `web-${slug}-dev`;
  return {
    namespace: ns,
    application: ns,
    instance: ns,
    deployment: `${ns}-web-app`,
    service: `${ns}-web-app`,
    envSecret: `${ns}-env`,
    configMap: `${ns}-config`,
  };
}
