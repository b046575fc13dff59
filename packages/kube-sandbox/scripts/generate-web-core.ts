/* Regenerates scenarios/web-core/*.yaml from src/webcore (conventions and the scenario's apps):
 *   node -r sucrase/register/ts scripts/generate-web-core.ts
 */
import path from 'node:path';
import { writeScenarioFiles } from '../src/conventions';
import { WEB_CORE_SCENARIO } from '../src/webcore';

writeScenarioFiles(
  path.resolve(__dirname, '..', 'scenarios', 'web-core'),
  WEB_CORE_SCENARIO,
);
