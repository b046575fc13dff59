import { Config } from '@backstage/config';

/**
 * How okteto-dev reaches one Argo CD instance's API: its URL, the credentials (kept in the backend:
 * only the registry's client ever reads them) and TLS settings.
 */
export interface ArgoApiInstance {
  name: string;
  /** Argo CD's server, e.g. `https://argocd.example.com` (no trailing slash). */
  url: string;
  /** An API token (`argocd account generate-token`), sent as `Authorization: Bearer`. */
  token?: string;
  /** With no token: a local account's session from `POST /api/v1/session`. */
  username?: string;
  password?: string;
  /** Allow a plain `http://` url: the token and every answer travel unencrypted. */
  dangerouslyAllowPlainHttp?: boolean;
  /** Base64 PEM of the server's CA. */
  caData?: string;
  /** Path to the server's CA. */
  caFile?: string;
  /** Do not verify the server's certificate. */
  skipTLSVerify?: boolean;
  /** Where it is configured, e.g. `argocd.appLocatorMethods[0].instances[1]`. */
  source: string;
}

/**
 * An Argo CD instance (`oktetoDev.argocd.instances`, or `argocd.appLocatorMethods`): where its
 * Applications are read and its UI. `api` set: read through Argo CD's API; else from the
 * Kubernetes API of `cluster`.
 */
export interface ArgoInstance {
  name: string;
  /**
   * Read through Kubernetes: the cluster whose API holds its Applications. Read through the API:
   * the cluster Argo CD runs in (what its Applications' `https://kubernetes.default.svc` is), when
   * given; a name that is not a configured cluster stands for one Backstage does not read.
   */
  cluster?: string;
  namespace?: string;
  baseUrl?: string;
  /** Where it is configured. */
  source: string;
  /** Read through Argo CD's API (the credentials stay in {@link ArgoApiInstance}). */
  api?: { url: string };
}

/** Argo CD's UI and instances from `oktetoDev.argocd` and `argocd.appLocatorMethods`. */
export interface ArgoSettings {
  baseUrl?: string;
  instances: ArgoInstance[];
  /**
   * The instance of entities that name none (`oktetoDev.argocd.defaultInstance`; or the only
   * instance read through the API when nothing else says where Applications live).
   */
  defaultInstance?: string;
}

const trim = (url: string | undefined) => url?.replace(/\/+$/, '');

/** The transport keys of an instance entry (only those set). */
function tlsKeys(entry: Config) {
  const keys = {
    dangerouslyAllowPlainHttp: entry.getOptionalBoolean(
      'dangerouslyAllowPlainHttp',
    ),
    caData: entry.getOptionalString('caData'),
    caFile: entry.getOptionalString('caFile'),
    skipTLSVerify: entry.getOptionalBoolean('skipTLSVerify'),
  };
  return Object.fromEntries(
    Object.entries(keys).filter(([, v]) => v !== undefined),
  ) as Partial<typeof keys>;
}

/** The `argocd.appLocatorMethods` instances of type `config`, as Roadie's and the community plugins read them. */
function appLocatorInstances(config: Config) {
  const section = config.getOptionalConfig('argocd');
  if (!section) return [];
  const username = section.getOptionalString('username');
  const password = section.getOptionalString('password');
  return (section.getOptionalConfigArray('appLocatorMethods') ?? []).flatMap(
    (method, m) =>
      method.getOptionalString('type') !== 'config'
        ? []
        : (method.getOptionalConfigArray('instances') ?? []).map((i, n) => ({
            name: i.getString('name'),
            url: trim(i.getString('url'))!,
            token: i.getOptionalString('token'),
            // a per-instance user, else the plugin-wide one (Roadie's `argocd.username/password`)
            username: i.getOptionalString('username') ?? username,
            password: i.getOptionalString('password') ?? password,
            // okteto-dev's keys, read on the entry as on a cluster entry of the Kubernetes plugin
            ...tlsKeys(i),
            source: `argocd.appLocatorMethods[${m}].instances[${n}]`,
          })),
  );
}

/**
 * Every Argo CD instance and how it is read, with the credentials of those read through the API
 * apart (`api`: for the client registry only). An `oktetoDev.argocd.instances` entry is read
 * through the API when it has a `url`, or when it has no `cluster` and `argocd.appLocatorMethods`
 * configures an instance of its name (whose url and credentials it then takes); else through the
 * Kubernetes API of `cluster`. Instances of `argocd.appLocatorMethods` that okteto-dev's own list
 * does not name are read through the API (unless `oktetoDev.argocd.reuseAppLocatorMethods` is
 * false). A configuration error throws at startup.
 */
export function readArgoConfig(config: Config): {
  settings: ArgoSettings;
  api: ArgoApiInstance[];
} {
  const section = config.getOptionalConfig('oktetoDev.argocd');
  const reuse = section?.getOptionalBoolean('reuseAppLocatorMethods') ?? true;
  const located = reuse ? appLocatorInstances(config) : [];
  const instances: ArgoInstance[] = [];
  const api: ArgoApiInstance[] = [];
  const own = section?.getOptionalConfigArray('instances') ?? [];
  own.forEach((i, n) => {
    const name = i.getString('name');
    const source = `oktetoDev.argocd.instances[${n}]`;
    const cluster = i.getOptionalString('cluster');
    const url = trim(i.getOptionalString('url'));
    const borrowed = located.find(l => l.name === name);
    const instance: ArgoInstance = {
      name,
      source,
      ...(cluster ? { cluster } : {}),
      ...(i.getOptionalString('namespace')
        ? { namespace: i.getString('namespace') }
        : {}),
    };
    const apiUrl = url ?? (cluster ? undefined : borrowed?.url);
    if (!apiUrl && !cluster) {
      throw new Error(
        `${source} ('${name}') needs a cluster (its Applications are read from that cluster's Kubernetes API) or a url (read through Argo CD's API)`,
      );
    }
    if (apiUrl) {
      const token = i.getOptionalString('token');
      const username = i.getOptionalString('username');
      const hasCredential = token || username;
      api.push({
        name,
        url: apiUrl,
        ...(hasCredential
          ? {
              token,
              username,
              password: i.getOptionalString('password'),
            }
          : {
              token: borrowed?.token,
              username: borrowed?.username,
              password: borrowed?.password,
            }),
        // the entry's own transport keys win over the borrowed instance's
        ...(borrowed && apiUrl === borrowed.url
          ? {
              dangerouslyAllowPlainHttp: borrowed.dangerouslyAllowPlainHttp,
              caData: borrowed.caData,
              caFile: borrowed.caFile,
              skipTLSVerify: borrowed.skipTLSVerify,
            }
          : {}),
        ...tlsKeys(i),
        source:
          hasCredential || !borrowed ? source : `${source}, ${borrowed.source}`,
      });
      instance.api = { url: apiUrl };
    }
    instance.baseUrl = trim(i.getOptionalString('baseUrl')) ?? apiUrl;
    if (!instance.baseUrl) delete instance.baseUrl;
    instances.push(instance);
  });
  for (const l of located) {
    if (instances.some(i => i.name === l.name)) continue;
    api.push(l);
    instances.push({
      name: l.name,
      source: l.source,
      baseUrl: l.url,
      api: { url: l.url },
    });
  }
  const explicit = section?.getOptionalString('defaultInstance');
  if (explicit && !instances.some(i => i.name === explicit)) {
    throw new Error(
      `oktetoDev.argocd.defaultInstance '${explicit}' is not a configured Argo CD instance (configured: ${
        instances.map(i => i.name).join(', ') || 'none'
      })`,
    );
  }
  // one Argo CD reached through its API and nothing else saying where Applications live: that one
  const throughApi = instances.filter(i => i.api);
  const implicit =
    throughApi.length === 1 &&
    instances.length === 1 &&
    !config.getOptionalString('oktetoDev.conventions.applicationCluster')
      ? throughApi[0].name
      : undefined;
  const defaultInstance = explicit ?? implicit;
  return {
    settings: {
      baseUrl: trim(section?.getOptionalString('baseUrl')),
      instances,
      ...(defaultInstance ? { defaultInstance } : {}),
    },
    api,
  };
}
