/**
 * The app key of the entity in the monorepo (for example `corporate`). Its presence enables okteto-dev
 * for the entity: the card, the status endpoint, search.
 *
 * @public
 */
export const OKTETO_DEV_APP_ANNOTATION = 'okteto-dev/app';
/** Name of the cluster (from `oktetoDev.clusters`) the dev environment runs in. @public */
export const OKTETO_DEV_CLUSTER_ANNOTATION = 'okteto-dev/cluster';
/** Name of the dev workload (Deployment) when it does not follow the convention. @public */
export const OKTETO_DEV_WORKLOAD_ANNOTATION = 'okteto-dev/workload';
/**
 * Kind of the dev workload: `Deployment` (the default) or `StatefulSet`, the two kinds Okteto puts
 * into dev mode (okteto `pkg/k8s/apps`).
 *
 * @public
 */
export const OKTETO_DEV_WORKLOAD_KIND_ANNOTATION = 'okteto-dev/workload-kind';
/** Key of the app's entry under `dev:` in the Okteto manifest. @public */
export const OKTETO_DEV_DEV_SERVICE_ANNOTATION = 'okteto-dev/dev-service';
/** pnpm package name of the app, for `pnpm --filter <package> dev`. @public */
export const OKTETO_DEV_PACKAGE_ANNOTATION = 'okteto-dev/package';
/** Folder of the app in the monorepo (for example `apps/corporate`). @public */
export const OKTETO_DEV_APP_DIR_ANNOTATION = 'okteto-dev/app-dir';
/** Community annotation honoured: the Argo CD Application name. @public */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';
/** Community annotation honoured: the namespace the Argo CD Application lives in. @public */
export const ARGOCD_APP_NAMESPACE_ANNOTATION = 'argocd/app-namespace';
/** Backstage's Kubernetes plugin annotation honoured: the namespace of the workload. @public */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
/**
 * Community annotation honoured: the Argo CD instance holding the Application, by name from
 * `oktetoDev.argocd.instances` (hub and spoke, or several Argo CD instances).
 *
 * @public
 */
export const ARGOCD_INSTANCE_ANNOTATION = 'argocd/instance-name';
