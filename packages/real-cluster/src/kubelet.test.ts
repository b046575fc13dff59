/*
 * The kubelet API of the kwok Nodes: what `kubectl logs`, `kubectl
 * port-forward` and `okteto up`'s port-forward send through the API server
 * reaches kwok's own server on 127.0.0.1, over TLS checked against the
 * cluster CA, and never a name the machine's DNS would have to resolve.
 *
 * Upstream: pkg/kubelet/client/kubelet_client.go (the Node's address by
 * --kubelet-preferred-address-types, the port from
 * status.daemonEndpoints.kubeletEndpoint, https), sigs.k8s.io/kwok
 * pkg/kwok/cmd/root.go (startServer: --server-address, --node-port, TLS) and
 * pkg/kwok/server/debugging_port_forword.go (a port without a forward rule).
 */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { kubectl, RealCluster, startRealCluster } from './index';
import {
  createDeployment,
  deleteNamespaces,
  deployment,
  eventually,
  kubeConfigOf,
  newNamespace,
  podsOf,
} from './testUtils';

jest.setTimeout(120_000);

// kubectl (Debian's kubernetes-client, or KUBECTL) is needed, as for access.test.ts

describe('the kubelet API of the kwok Nodes', () => {
  let cluster: RealCluster;
  let kc: KubeConfig;
  let namespace: string;
  let pod: string;

  beforeAll(async () => {
    cluster = await startRealCluster();
    kc = kubeConfigOf(cluster);
    namespace = await newNamespace(kc, 'kubelet');
    await createDeployment(kc, namespace, deployment('web'));
    pod = await eventually(
      async () => {
        const pods = await podsOf(kc, namespace, 'web');
        return pods.find(p => p.status?.phase === 'Running')?.metadata?.name;
      },
      { what: 'a running pod' },
    );
  });
  afterAll(async () => {
    if (kc) await deleteNamespaces(kc);
    await cluster?.close();
  });

  it('gives every Node the loopback address and kwok port, and no other address to dial', async () => {
    const { ports } = await cluster.state();
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    const ours = nodes.items.filter(n =>
      cluster.nodes.includes(n.metadata!.name!),
    );
    expect(ours).toHaveLength(cluster.nodes.length);
    for (const node of ours) {
      expect(node.status?.addresses).toEqual(
        expect.arrayContaining([{ type: 'InternalIP', address: '127.0.0.1' }]),
      );
      expect(
        node.status?.addresses?.filter(
          a => a.type.endsWith('IP') && a.address !== '127.0.0.1',
        ),
      ).toEqual([]);
      expect(node.status?.daemonEndpoints?.kubeletEndpoint?.Port).toBe(
        ports.kwok,
      );
    }
  });

  it('kubectl logs reaches kwok (its answer, not a DNS error)', async () => {
    let message = '';
    try {
      kubectl(cluster, ['logs', '-n', namespace, pod]);
    } catch (e) {
      message = String((e as { stderr?: string }).stderr ?? e);
    }
    // kwok has no Logs rule for this pod: pkg/kwok/server/debugging_logs.go
    expect(message).toContain(`no logs found for container "app"`);
    expect(message).not.toMatch(/lookup|no such host|dial tcp/);
  });

  it('kubectl port-forward reaches kwok on 127.0.0.1, which answers for the pod', async () => {
    const child = spawn(
      process.env.KUBECTL || 'kubectl',
      [
        '--kubeconfig',
        cluster.kubeconfigPath,
        'port-forward',
        '-n',
        namespace,
        pod,
        ':3000',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', d => {
      out += d;
    });
    child.stderr.on('data', d => {
      out += d;
    });
    try {
      const port = await eventually(
        () => Number(/Forwarding from 127\.0\.0\.1:(\d+)/.exec(out)?.[1]),
        { what: 'kubectl port-forward listening' },
      );
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write('GET / HTTP/1.0\r\n\r\n');
      await eventually(() => /no forward found|error/.test(out), {
        what: 'the answer of the forward',
      });
      socket.destroy();
      // kwok took the stream (the API server dialled it and trusted its certificate) and
      // refused the port: no forward rule in its config
      expect(out).toMatch(
        new RegExp(
          `no forward found for port 3000 in pod \\\\*"${namespace}/${pod}`,
        ),
      );
      expect(out).not.toMatch(/lookup|no such host|x509/);
    } finally {
      child.kill('SIGTERM');
    }
    const apiserverLog = fs.readFileSync(
      path.join(cluster.dir, 'logs', 'apiserver.log'),
      'utf8',
    );
    expect(apiserverLog).not.toMatch(/lookup kwok-node/);
  });
});
