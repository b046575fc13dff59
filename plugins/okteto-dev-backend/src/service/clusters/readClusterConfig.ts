import { Config } from '@backstage/config';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
  ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER,
} from '@backstage/plugin-kubernetes-common';
import { OktetoDevCluster } from '@okteto-dev/plugin-okteto-dev-node';
import { ConfiguredCluster } from './sources';

/** Keys of a cluster entry that may only hold strings, in `authMetadata`. */
function stringRecord(
  value: unknown,
  where: string,
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${where}.authMetadata must be an object of strings`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries) {
    if (typeof v !== 'string') {
      throw new Error(`${where}.authMetadata.${key} must be a string`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * One cluster entry, read the way the Kubernetes plugin's `config` cluster locator reads
 * `kubernetes.clusterLocatorMethods[].clusters[]` (plugins/kubernetes-backend/src/cluster-locator/
 * ConfigClusterLocator.ts): `authProvider` (or `authMetadata['kubernetes.io/auth-provider']`),
 * `serviceAccountToken`, `assumeRole`, `externalId`, `oidcTokenProvider` and `authMetadata` make
 * the strategy's `authMetadata`; plus okteto-dev's own keys (`dangerouslyAllowPlainHttp`,
 * `kubeconfigPath`, `context`, `argocdBaseUrl`). A malformed entry (no name, a wrong type) is a
 * startup error; an entry okteto-dev cannot use is kept, with the reason, for the cluster's status.
 */
export function readClusterEntry(
  c: Config,
  where: string,
  defaultAuthProvider?: (url: string | undefined) => string | undefined,
): ConfiguredCluster {
  const name = c.getString('name');
  const url = c.getOptionalString('url');
  const block = stringRecord(c.getOptional('authMetadata'), where);
  const authProvider =
    block?.[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
    c.getOptionalString('authProvider') ??
    defaultAuthProvider?.(url);
  const serviceAccountToken = c.getOptionalString('serviceAccountToken');
  const assumeRole = c.getOptionalString('assumeRole');
  const externalId = c.getOptionalString('externalId');
  const oidcTokenProvider = c.getOptionalString('oidcTokenProvider');
  const authMetadata: Record<string, string> = {
    ...(authProvider
      ? { [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: authProvider }
      : {}),
    ...(serviceAccountToken ? { serviceAccountToken } : {}),
    ...(assumeRole
      ? { [ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE]: assumeRole }
      : {}),
    ...(externalId
      ? { [ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID]: externalId }
      : {}),
    ...(oidcTokenProvider
      ? { [ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER]: oidcTokenProvider }
      : {}),
    ...block,
  };
  const cluster: OktetoDevCluster = {
    name,
    title: c.getOptionalString('title'),
    url,
    authProvider: authProvider ?? '',
    authMetadata,
    serviceAccountToken:
      serviceAccountToken ?? block?.serviceAccountToken ?? undefined,
    caData: c.getOptionalString('caData'),
    caFile: c.getOptionalString('caFile'),
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify'),
    dangerouslyAllowPlainHttp: c.getOptionalBoolean(
      'dangerouslyAllowPlainHttp',
    ),
    kubeconfigPath: c.getOptionalString('kubeconfigPath'),
    context: c.getOptionalString('context'),
    argocdBaseUrl: c.getOptionalString('argocdBaseUrl'),
  };
  return {
    cluster: withoutUndefined(cluster),
    source: where,
    ...(authProvider
      ? {}
      : {
          problem:
            'it names no authProvider (serviceAccount, aws, azure, googleServiceAccount, kubeconfig, inCluster, …); okteto-dev uses no identity it was not given',
        }),
  };
}

/**
 * `oktetoDev.clusters`, or undefined when there is none. As before, an entry with a url and no
 * authProvider is `serviceAccount`; one without a url must name its authProvider (`kubeconfig`
 * or `inCluster` are never assumed).
 */
export function readOwnClusters(
  config: Config,
): ConfiguredCluster[] | undefined {
  const own = config.getOptionalConfigArray('oktetoDev.clusters');
  if (!own || own.length === 0) return undefined;
  return own.map((c, i) =>
    readClusterEntry(c, `oktetoDev.clusters[${i}]`, url =>
      url ? 'serviceAccount' : undefined,
    ),
  );
}

/** Drops keys whose value is undefined, so that entries compare and print cleanly. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
