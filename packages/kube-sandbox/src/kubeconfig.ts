import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

/** Where and how to reach a (sandbox) API server. */
export interface ClusterAccess {
  server: string;
  token?: string;
  /** PEM of the CA / self-signed certificate to trust. */
  ca?: string;
  insecureSkipTlsVerify?: boolean;
}

const KUBECONFIG_NAME = 'sandbox';

function kubeconfigYaml(access: ClusterAccess): string {
  const cluster: Record<string, unknown> = { server: access.server };
  if (access.server.startsWith('https:') && access.ca) {
    cluster['certificate-authority-data'] = Buffer.from(access.ca).toString(
      'base64',
    );
  } else {
    // @kubernetes/client-node refuses plain http unless this is set.
    cluster['insecure-skip-tls-verify'] = true;
  }
  const user: Record<string, unknown> = {};
  if (access.token) user.token = access.token;
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: KUBECONFIG_NAME, cluster }],
    users: [{ name: KUBECONFIG_NAME, user }],
    contexts: [
      {
        name: KUBECONFIG_NAME,
        context: { cluster: KUBECONFIG_NAME, user: KUBECONFIG_NAME },
      },
    ],
    'current-context': KUBECONFIG_NAME,
    preferences: {},
  });
}

/** Writes a kubeconfig (to a fresh temp dir unless a path is given). */
export async function writeKubeconfig(
  access: ClusterAccess,
  target?: string,
): Promise<string> {
  let file = target;
  if (!file) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kube-sandbox-'));
    file = path.join(dir, 'kubeconfig');
  } else {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  }
  await fs.writeFile(file, kubeconfigYaml(access), { mode: 0o600 });
  return file;
}

interface NamedEntry {
  name: string;
  [key: string]: unknown;
}

function pick<T extends NamedEntry>(
  list: unknown,
  name: string | undefined,
): T | undefined {
  if (!Array.isArray(list)) return undefined;
  return (list as T[]).find(e => e.name === name) ?? (list as T[])[0];
}

/** Reads server, token and TLS settings of the current context. */
export async function readKubeconfig(file: string): Promise<ClusterAccess> {
  const doc = YAML.parse(await fs.readFile(file, 'utf8')) as Record<
    string,
    unknown
  >;
  const ctxEntry = pick<NamedEntry>(
    doc.contexts,
    doc['current-context'] as string | undefined,
  );
  const ctx = (ctxEntry?.context ?? {}) as Record<string, string>;
  const clusterEntry = pick<NamedEntry>(doc.clusters, ctx.cluster);
  const userEntry = pick<NamedEntry>(doc.users, ctx.user);
  const cluster = (clusterEntry?.cluster ?? {}) as Record<string, unknown>;
  const user = (userEntry?.user ?? {}) as Record<string, unknown>;
  if (typeof cluster.server !== 'string') {
    throw new Error(`kube-sandbox: no cluster server in ${file}`);
  }
  const caData = cluster['certificate-authority-data'];
  return {
    server: cluster.server,
    token: typeof user.token === 'string' ? user.token : undefined,
    ca:
      typeof caData === 'string'
        ? Buffer.from(caData, 'base64').toString('utf8')
        : undefined,
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
  };
}
