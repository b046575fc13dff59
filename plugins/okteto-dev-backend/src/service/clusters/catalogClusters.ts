import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY,
} from '@backstage/plugin-kubernetes-common';
import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import { ConfiguredCluster } from './sources';

/**
 * The `catalog` cluster locator's options (`kubernetes.clusterLocatorMethods[]` of type
 * `catalog`), as plugins/kubernetes-backend/src/cluster-locator/CatalogClusterLocatorOptions.ts
 * reads them.
 */
export interface CatalogLocatorOptions {
  /** Hostname patterns (`127.0.0.1`, `*.example.com`) that may use http or non-public addresses. */
  dangerouslyAllowClusterUrls?: string[];
  /** Whether entities may turn TLS verification off by annotation. */
  dangerouslyAllowSkipTLSVerify?: boolean;
}

export function readCatalogLocatorOptions(
  config: Config,
): CatalogLocatorOptions {
  return {
    dangerouslyAllowClusterUrls: config.getOptionalStringArray(
      'dangerouslyAllowClusterUrls',
    ),
    dangerouslyAllowSkipTLSVerify: config.getOptionalBoolean(
      'dangerouslyAllowSkipTLSVerify',
    ),
  };
}

/** `*.example.com` matches `a.example.com` and `example.com`; anything else only itself. */
function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase();
  const p = pattern.toLowerCase();
  if (p.startsWith('*.'))
    return host.endsWith(p.slice(1)) || host === p.slice(2);
  return host === p;
}

function isNonPublic(address: string): boolean {
  try {
    return ipaddr.parse(address).range() !== 'unicast';
  } catch {
    return true;
  }
}

/**
 * Why a catalog entity's API server URL may not be used, following the Kubernetes plugin's rules
 * (plugins/kubernetes-backend/src/cluster-locator/validateClusterApiServerUrl.ts): a valid URL
 * without credentials; https, to a public address, unless the hostname is one of
 * `dangerouslyAllowClusterUrls` (which then also allows http). A catalog entity is anyone's to
 * register, so a credential never goes to an address the configuration did not allow.
 */
export async function catalogUrlProblem(
  url: string | undefined,
  options: CatalogLocatorOptions,
  resolve: (host: string) => Promise<string[]> = async host =>
    (await lookup(host, { all: true })).map(a => a.address),
): Promise<{ problem?: string; allowedHost: boolean }> {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    return {
      problem: 'its API server URL is not a valid URL',
      allowedHost: false,
    };
  }
  if (parsed.username || parsed.password) {
    return {
      problem: 'its API server URL contains credentials',
      allowedHost: false,
    };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return {
      problem: 'its API server URL is neither https nor http',
      allowedHost: false,
    };
  }
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    (options.dangerouslyAllowClusterUrls ?? []).some(p =>
      hostMatches(hostname, p),
    )
  ) {
    return { allowedHost: true };
  }
  if (parsed.protocol !== 'https:') {
    return {
      problem:
        'its API server URL is not https (a host listed in dangerouslyAllowClusterUrls may be)',
      allowedHost: false,
    };
  }
  if (ipaddr.isValid(hostname)) {
    return isNonPublic(hostname)
      ? {
          problem:
            'its API server URL is a non-public address (a host listed in dangerouslyAllowClusterUrls may be)',
          allowedHost: false,
        }
      : { allowedHost: false };
  }
  try {
    const addresses = await resolve(hostname);
    if (addresses.some(isNonPublic)) {
      return {
        problem: `its API server hostname resolves to a non-public address (a host listed in dangerouslyAllowClusterUrls may)`,
        allowedHost: false,
      };
    }
  } catch (error) {
    return {
      problem: `its API server hostname could not be resolved (${
        (error as Error).message
      })`,
      allowedHost: false,
    };
  }
  return { allowedHost: false };
}

/**
 * One `Resource` of `spec.type: kubernetes-cluster` as a cluster, the way the Kubernetes plugin's
 * catalog locator turns it into `ClusterDetails` (CatalogClusterLocator.ts): name from
 * `metadata.name`, url and CA from `kubernetes.io/api-server(-certificate-authority)`, every other
 * `kubernetes.io/*` annotation as `authMetadata` except a `serviceAccountToken`. What that locator
 * ignores with a log line (the `serviceAccount` provider: a token in an annotation is readable by
 * anyone; a URL its rules refuse) is kept here with the reason.
 */
export async function catalogCluster(
  entity: Entity,
  label: string,
  options: CatalogLocatorOptions,
  resolve?: (host: string) => Promise<string[]>,
): Promise<ConfiguredCluster> {
  const annotations = entity.metadata.annotations ?? {};
  const authMetadata = Object.fromEntries(
    Object.entries(annotations).filter(
      ([key]) =>
        key.startsWith('kubernetes.io/') && key !== 'serviceAccountToken',
    ),
  );
  const authProvider = annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ?? '';
  const url = annotations[ANNOTATION_KUBERNETES_API_SERVER];
  const checked = await catalogUrlProblem(url, options, resolve);
  const cluster: ConfiguredCluster['cluster'] = {
    name: entity.metadata.name,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    url,
    authProvider,
    authMetadata,
    caData: annotations[ANNOTATION_KUBERNETES_API_SERVER_CA],
    skipTLSVerify:
      options.dangerouslyAllowSkipTLSVerify === true &&
      annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] === 'true',
    // a host in dangerouslyAllowClusterUrls is the locator's explicit opt-in to http
    ...(checked.allowedHost && url?.startsWith('http:')
      ? { dangerouslyAllowPlainHttp: true }
      : {}),
  };
  const source = `${label} Resource ${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`;
  if (authProvider === 'serviceAccount') {
    return {
      cluster,
      source,
      problem:
        "a catalog cluster cannot use authProvider 'serviceAccount' (the Kubernetes plugin refuses it too: its token would sit in an annotation anyone can read)",
    };
  }
  return checked.problem
    ? { cluster, source, problem: checked.problem }
    : { cluster, source };
}

/** The catalog's kubernetes-cluster Resources, read with okteto-dev's own credentials. */
export function readCatalogClusters(deps: {
  catalog: CatalogService;
  auth: AuthService;
  label: string;
  options: CatalogLocatorOptions;
}): () => Promise<ConfiguredCluster[]> {
  return async () => {
    const { items } = await deps.catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': 'kubernetes-cluster',
          [`metadata.annotations.${ANNOTATION_KUBERNETES_API_SERVER}`]:
            CATALOG_FILTER_EXISTS,
          [`metadata.annotations.${ANNOTATION_KUBERNETES_API_SERVER_CA}`]:
            CATALOG_FILTER_EXISTS,
          [`metadata.annotations.${ANNOTATION_KUBERNETES_AUTH_PROVIDER}`]:
            CATALOG_FILTER_EXISTS,
        },
      },
      { credentials: await deps.auth.getOwnServiceCredentials() },
    );
    return Promise.all(
      items.map(e => catalogCluster(e, deps.label, deps.options)),
    );
  };
}
