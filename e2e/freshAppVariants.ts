/*
 * The variants of the fresh-app test (scripts/tasks/fresh-app.mjs, e2e/fresh-app.ts), in one
 * place. A variant is one way an adopter configures okteto-dev: the root README's install blocks
 * marked `variant=<name>` apply only to it, and the variant gives the environment variables those
 * blocks read (`${K8S_CLUSTER_URL}`, …) from the test's clusters. Everything else the test adds to
 * the app (ports, the GitHub stand-in, the example catalog, a quick search schedule) is the same
 * for all variants (e2e/fresh-app.ts, `testConfig`).
 */
import type { Sandbox } from '@okteto-dev/kube-sandbox';
import type { GithubStandIn } from '../plugins/scaffolder-backend-module-okteto-dev/src/testing/githubStandIn';

/** What a variant gets to configure from. */
export interface FreshAppServices {
  sandbox: Sandbox;
  github: GithubStandIn;
}

/** One way of configuring okteto-dev in the fresh app. */
export interface FreshAppVariant {
  /** What the variant proves, for the log. */
  description: string;
  /** The environment variables its README blocks read. */
  env(services: FreshAppServices): Record<string, string>;
}

export const FRESH_APP_VARIANTS: Record<string, FreshAppVariant> = {
  /**
   * The clusters of Backstage's Kubernetes plugin (`kubernetes.clusterLocatorMethods`, a service
   * account token), which okteto-dev reads when `oktetoDev.clusters` is absent.
   */
  kubernetes: {
    description:
      'clusters from kubernetes.clusterLocatorMethods, a service account token',
    env: ({ sandbox }) => ({
      K8S_CLUSTER_URL: sandbox.url,
      K8S_SA_TOKEN: sandbox.token ?? '',
      K8S_CA_DATA: Buffer.from(sandbox.ca ?? '').toString('base64'),
    }),
  },
};
