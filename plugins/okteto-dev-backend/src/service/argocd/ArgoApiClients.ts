import { ArgoCdApi } from './ArgoCdApi';
import { ApplicationSource, failingApplications } from './readApplications';
import { ArgoApiInstance } from './settings';

/**
 * The clients of the Argo CD instances read through their API, by instance name: the only holder
 * of their credentials.
 */
export class ArgoApiClients {
  private readonly clients = new Map<string, ArgoCdApi>();

  constructor(
    instances: ArgoApiInstance[],
    options: { timeoutMs: number; project?: string },
  ) {
    for (const instance of instances) {
      if (!this.clients.has(instance.name)) {
        this.clients.set(instance.name, new ArgoCdApi(instance, options));
      }
    }
  }

  client(name: string): ArgoCdApi | undefined {
    return this.clients.get(name);
  }

  /** The instance's Applications, read on each call (one list, and a GET per name it left out). */
  source(name: string): ApplicationSource {
    const client = this.clients.get(name);
    if (!client) {
      return failingApplications({
        type: 'unusable',
        message: `Argo CD instance '${name}' is not configured for reads through its API`,
      });
    }
    return { read: (namespace, names) => client.read(namespace, names) };
  }

  /** The instance names (what callers without `okteto-dev.clusters.read` must not learn). */
  names(): string[] {
    return [...this.clients.keys()];
  }
}
