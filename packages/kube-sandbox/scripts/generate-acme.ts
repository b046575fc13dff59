/* Regenerates scenarios/acme/*.yaml from src/acme (conventions and the scenario's apps):
 *   node -r sucrase/register/ts scripts/generate-acme.ts
 */
import path from 'node:path';
import { ACME_SCENARIO } from '../src/acme';
import { writeScenarioFiles } from '../src/conventions';

writeScenarioFiles(
  path.resolve(__dirname, '..', 'scenarios', 'acme'),
  ACME_SCENARIO,
);
