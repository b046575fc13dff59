import { NotFoundError } from '@backstage/errors';
import { OktetoDevCluster, OktetoDevClusterSupplier } from '../../clusters';
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

  async client(name: string): Promise<ClusterClient> {
    const cached = this.clients.get(name);
    if (cached) return cached;
    const cluster = (await this.list()).find(c => c.name === name);
    if (!cluster) {
      throw new NotFoundError(`No cluster named '${name}' is configured`);
    }
    const client = new ClusterClient(
      cluster.name,
      kubeConfigFor(cluster),
      this.timeoutMs,
    );
    this.clients.set(name, client);
    return client;
  }
}
