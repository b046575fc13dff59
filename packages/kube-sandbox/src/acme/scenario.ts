import { devSession, ScenarioApp, ScenarioDefinition } from '../conventions';
import type { ScenarioOptions } from '../scenario';
import { ACME_CONVENTIONS } from './conventions';

/*
 * The acme scenario (scenarios/acme, written by scripts/generate-acme.ts):
 * two apps under conventions other than web-core's, made by the same
 * generator and simulations.
 */

export const ACME_SCENARIO_APPS: ScenarioApp[] = [
  {
    file: '10-billing',
    note: 'dev mode on (okteto up, manifest billing, plain Kubernetes context: no OKTETO_USERNAME); automated {prune, selfHeal: false}: OutOfSync (the Deployment), Healthy',
    spec: { app: 'billing' },
  },
  {
    file: '20-catalog',
    note: 'dev mode off; Synced, Healthy',
    spec: { app: 'catalog' },
  },
];

export const ACME_SCENARIO_OPTIONS: ScenarioOptions = {
  okteto: [devSession(ACME_CONVENTIONS, 'billing')],
  argocd: { clock: '2025-06-02T09:45:00Z' },
};

/** scenarios/acme, as scripts/generate-acme.ts writes it. */
export const ACME_SCENARIO: ScenarioDefinition = {
  name: 'acme',
  conventions: ACME_CONVENTIONS,
  apps: ACME_SCENARIO_APPS,
  options: ACME_SCENARIO_OPTIONS,
  generator: 'scripts/generate-acme.ts',
  source: 'src/acme/scenario.ts',
};
