export * from './apps';
export {
  createWebCoreRepo,
  pointAtRepository,
  readTree,
  WEB_CORE_EXAMPLE_DIR,
  webCoreRepoFiles,
} from './repo';
export type { WebCoreRepo } from './repo';
export { PROVISIONED_LABEL, startPlatform } from './platform';
export type { Platform, PlatformOptions } from './platform';
export { startInterruptingProxy } from './proxy';
export type { InterruptingProxy, ProxiedCall } from './proxy';
export {
  startWebCoreStack,
  webCoreEnvSecret,
  webCoreNamespace,
  webCoreRootApplication,
} from './stack';
export type {
  ApplicationObject,
  InterruptedRun,
  OktetoRunOptions,
  WebCoreStack,
  WebCoreStackOptions,
} from './stack';
