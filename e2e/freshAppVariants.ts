/*
 * The variants of the fresh-app test (scripts/tasks/fresh-app.mjs, e2e/fresh-app.ts), in one
 * place. A variant is one way an adopter configures okteto-dev: the root README's install blocks
 * marked `variant=<name>` apply only to it (blocks without a variant apply to all), and the
 * variant starts what its app reads — clusters, Argo CD — gives the environment variables those
 * blocks read (`${K8S_CLUSTER_URL}`, …) and brings the browser tests that prove it. Everything
 * else the test adds to the app (ports, the GitHub stand-in, the example catalog, a quick search
 * schedule) is the same for all variants (e2e/fresh-app.ts, `testConfig`).
 * The names are also listed in scripts/tasks/fresh-app.mjs (FRESH_APP_VARIANTS): `npm test` runs
 * them all on one app.
 */
import { argocdApiVariant } from './freshAppArgoCdApi';
import { kubernetesVariant } from './freshAppKubernetes';
import type { FreshAppTest } from './freshAppPage';

/** What a variant starts from. */
export interface FreshAppVariantContext {
  /** A folder of the run for the variant's files (the app's folder). */
  dir: string;
  log(line: string): void;
}

/** A started variant. */
export interface FreshAppVariantRun {
  /**
   * The environment of the app's backend: the variables its README blocks read, and what the
   * backend's process needs besides (e.g. `NODE_EXTRA_CA_CERTS` for a private CA).
   */
  env: Record<string, string>;
  /** Its browser tests, run in order on one signed-in page. */
  tests: FreshAppTest[];
  /** Lines worth printing when a test failed (logs of what it started). */
  diagnostics?(): string;
  close(): Promise<void>;
}

/** One way of configuring okteto-dev in the fresh app. */
export interface FreshAppVariant {
  /** What the variant proves, for the log. */
  description: string;
  start(context: FreshAppVariantContext): Promise<FreshAppVariantRun>;
}

export const FRESH_APP_VARIANTS: Record<string, FreshAppVariant> = {
  kubernetes: kubernetesVariant,
  'argocd-api': argocdApiVariant,
};
