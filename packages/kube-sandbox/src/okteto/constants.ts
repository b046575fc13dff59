/* Names Okteto writes (okteto pkg/constants/constants.go, pkg/model/const.go). */

export const DEV_LABEL = 'dev.okteto.com';
export const CLONE_LABEL = 'dev.okteto.com/clone';
export const INTERACTIVE_LABEL = 'interactive.dev.okteto.com';
export const DETACHED_LABEL = 'detached.dev.okteto.com';
export const REPLICAS_ANNOTATION = 'dev.okteto.com/replicas';
export const DEV_MODE_ANNOTATION = 'dev.okteto.com/dev-mode';
export const SYNC_ANNOTATION = 'dev.okteto.com/sync';
export const STIGNORE_ANNOTATION = 'dev.okteto.com/stignore';
export const VERSION_ANNOTATION = 'dev.okteto.com/version';
export const REVISION_ANNOTATION = 'dev.okteto.com/revision';
export const TRANSLATION_ANNOTATION = 'dev.okteto.com/translation';
export const RESTART_ANNOTATION = 'dev.okteto.com/restart';
export const DEPLOYMENT_REVISION_ANNOTATION =
  'deployment.kubernetes.io/revision';

/** okteto pkg/k8s/apps/translate.go */
export const OKTETO_BIN = 'okteto-bin';
export const OKTETO_INIT_VOLUME = 'okteto-init-volume';
export const SYNC_SECRET_VOLUME = 'okteto-sync-secret';

/** The CLI whose image `okteto-bin` runs (okteto pkg/config/image.go). */
export const OKTETO_CLI_VERSION = '3.21.0';
export const OKTETO_CLI_REPOSITORY = 'ghcr.io/okteto/okteto';

/** okteto pkg/model/volumes.go defaultVolumeSize */
export const DEFAULT_VOLUME_SIZE = '5Gi';
