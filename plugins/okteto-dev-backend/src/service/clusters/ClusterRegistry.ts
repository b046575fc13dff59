import { InputError } from '@backstage/errors';
import {
  OktetoDevCluster,
  OktetoDevClusterSupplier,
} from '@okteto-dev/plugin-okteto-dev-node';
import { ClusterClient, kubeConfigFor } from '../kube/ClusterClient';

/** Clients by cluster name, built once per cluster from the supplier's details. */
export class ClusterRegistry {
  private readonly clients = new Map<string, ClusterClient>();

  constructor(
    private readonly supplier: OktetoDevClusterSupplier,
    private readonly timeoutMs: number,
  ) {}

  async list(): Promise<OktetoDevCluster[]> {
    return this.supplier.getClusters();
  }

  /**
   * The cluster to read: the one named (by the entity or the conventions), else the only one
   * configured. An unknown name, or none with several configured, is an error naming the choices.
   */
  async resolve(requested: string | undefined): Promise<string> {
    const names = (await this.list()).map(c => c.name);
    const choices = names.length > 0 ? names.join(', ') : 'none';
    if (requested) {
      if (names.includes(requested)) return requested;
      throw new InputError(
        `No cluster named '${requested}' is configured (configured: ${choices})`,
      );
    }
    if (names.length === 1) return names[0];
    throw new InputError(
      names.length === 0
        ? 'No cluster is configured (oktetoDev.clusters)'
        : `Several clusters are configured (${choices}): name one with the okteto-dev/cluster annotation or oktetoDev.conventions.cluster`,
    );
  }

  async client(name: string): Promise<ClusterClient> {
    const cached = this.clients.get(name);
    if (cached) return cached;
    const cluster = (await this.list()).find(c => c.name === name);
    if (!cluster) {
      await this.resolve(name);
    }
    const client = new ClusterClient(
      cluster!.name,
      kubeConfigFor(cluster!),
      this.timeoutMs,
    );
    this.clients.set(name, client);
    return client;
  }
}
