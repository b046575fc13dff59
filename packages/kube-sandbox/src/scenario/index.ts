export { applyScenario, parseAge } from './apply';
export type { AppliedScenario, ApplyOptions } from './apply';
export { loadScenario, SCENARIOS_DIR } from './load';
export { SCENARIO_API_VERSION } from './types';
export type {
  Scenario,
  ScenarioArgoCdAction,
  ScenarioArgoCdOptions,
  ScenarioInput,
  ScenarioOktetoSession,
  ScenarioOptions,
} from './types';
