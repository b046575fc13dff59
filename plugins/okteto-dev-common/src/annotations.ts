/**
 * The app key of the entity in the monorepo (for example `corporate`). Its presence enables okteto-dev
 * for the entity: the card, the status endpoint, search.
 *
 * @public
 */
export const OKTETO_DEV_APP_ANNOTATION = 'okteto-dev/app';
/** Name of the cluster (from `oktetoDev.clusters`) the dev environment runs in. @public */
export const OKTETO_DEV_CLUSTER_ANNOTATION = 'okteto-dev/cluster';
/** Namespace of the dev workload, when it does not follow the naming template. @public */
export const OKTETO_DEV_NAMESPACE_ANNOTATION = 'okteto-dev/namespace';
/** Name of the dev workload (Deployment) when it does not follow the naming template. @public */
export const OKTETO_DEV_WORKLOAD_ANNOTATION = 'okteto-dev/workload';
/** Name of the dev Argo CD Application, when it does not follow the naming template. @public */
export const OKTETO_DEV_ARGOCD_APP_ANNOTATION = 'okteto-dev/argocd-app';
/** Namespace the dev Argo CD Application lives in, when it is not the configured one. @public */
export const OKTETO_DEV_ARGOCD_APP_NAMESPACE_ANNOTATION =
  'okteto-dev/argocd-app-namespace';
/**
 * The Argo CD instance holding the dev Application, by name from `oktetoDev.argocd.instances`
 * (hub and spoke, or several Argo CD instances).
 *
 * @public
 */
export const OKTETO_DEV_ARGOCD_INSTANCE_ANNOTATION =
  'okteto-dev/argocd-instance';
/**
 * Kind of the dev workload: `Deployment` (the default) or `StatefulSet`, the two kinds Okteto puts
 * into dev mode (okteto `pkg/k8s/apps`).
 *
 * @public
 */
export const OKTETO_DEV_WORKLOAD_KIND_ANNOTATION = 'okteto-dev/workload-kind';
/** Key of the app's entry under `dev:` in the Okteto manifest. @public */
export const OKTETO_DEV_DEV_SERVICE_ANNOTATION = 'okteto-dev/dev-service';
/** Package name of the app, for the package manager's dev command. @public */
export const OKTETO_DEV_PACKAGE_ANNOTATION = 'okteto-dev/package';
/** Folder of the app in the monorepo (for example `apps/corporate`). @public */
export const OKTETO_DEV_APP_DIR_ANNOTATION = 'okteto-dev/app-dir';

/**
 * The Argo CD card's annotation: the Application it shows (usually production). Read by okteto-dev
 * only with `oktetoDev.targets.reuseForeignAnnotations: true`, as `okteto-dev/argocd-app`.
 *
 * @public
 */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';
/**
 * The Argo CD card's annotation: the namespace of its Application. Read by okteto-dev only with
 * `oktetoDev.targets.reuseForeignAnnotations: true`, as `okteto-dev/argocd-app-namespace`.
 *
 * @public
 */
export const ARGOCD_APP_NAMESPACE_ANNOTATION = 'argocd/app-namespace';
/**
 * Backstage's Kubernetes plugin annotation: the namespace it shows (usually production). Read by
 * okteto-dev only with `oktetoDev.targets.reuseForeignAnnotations: true`, as `okteto-dev/namespace`.
 *
 * @public
 */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
/**
 * The Argo CD card's annotation: its Argo CD instance. Read by okteto-dev only with
 * `oktetoDev.targets.reuseForeignAnnotations: true`, as `okteto-dev/argocd-instance`.
 *
 * @public
 */
export const ARGOCD_INSTANCE_ANNOTATION = 'argocd/instance-name';

/**
 * Annotations that other plugins define for what they show (Backstage's Kubernetes plugin, the Argo
 * CD card). In catalogs set up for those plugins they name production, so they never choose the dev
 * target; with `oktetoDev.targets.reuseForeignAnnotations: true` the first four stand in for the
 * okteto-dev annotation with the same meaning, the others are never read.
 *
 * @public
 */
export const FOREIGN_TARGET_ANNOTATIONS = Object.freeze([
  ARGOCD_APP_NAME_ANNOTATION,
  ARGOCD_APP_NAMESPACE_ANNOTATION,
  ARGOCD_INSTANCE_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  'argocd/app-selector',
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-label-selector',
] as const);
