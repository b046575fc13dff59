// Child process of bench/replicas.ts: one okteto-dev replica (packages/backend/src/replicas) on the
// shared PostgreSQL and Redis, against the sandbox of the parent. It reports its port, then
// stops when told to (or is killed).
import { startReplica } from '../packages/backend/src/replicas/__testUtils__/replicaBackend';
import { installJestShim } from './lib';

export interface ReplicaRequest {
  name: string;
  engines: { postgres: any; redis: string };
  cluster: { url: string; token: string };
  oktetoDev: Record<string, unknown>;
}

process.on('message', async (message: ReplicaRequest | string | object) => {
  if (!message || typeof message !== 'object' || !('engines' in message)) {
    return; // the TypeScript transform talks over IPC too
  }
  installJestShim();
  const replica = await startReplica({
    name: message.name,
    engines: message.engines,
    sandbox: message.cluster,
    oktetoDev: message.oktetoDev,
  });
  process.send!({ port: replica.port });
  process.on('message', m => {
    if (m === 'stop') replica.stop().finally(() => process.exit(0));
  });
});
