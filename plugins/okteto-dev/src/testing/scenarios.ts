import { limitScenarios } from './limitScenarios';
import { sessionScenarios } from './sessionScenarios';
import { setupScenarios } from './setupScenarios';

/** One answer per state the card distinguishes, as the backend derives them. */
export const fixtures = {
  ...setupScenarios,
  ...sessionScenarios,
  ...limitScenarios,
};
