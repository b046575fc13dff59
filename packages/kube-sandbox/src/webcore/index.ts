export { WEB_CORE, WEB_CORE_CONVENTIONS, webCoreNames } from './names';
export { webCoreAppObjects } from './objects';
export type { WebCoreAppSpec } from './objects';
export { generateWebCoreApps } from './generate';
export type { GenerateOptions } from './generate';
export {
  WEB_CORE_SCENARIO,
  WEB_CORE_SCENARIO_APPS,
  WEB_CORE_SCENARIO_OPTIONS,
} from './scenario';
export type { WebCoreScenarioApp } from './scenario';
