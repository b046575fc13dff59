import { mockServices } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeHttp } from './kubeHttp';
import { Reflector } from './Reflector';
import { KINDS } from './resources';

/**
 * An API server that lists one Pod and accepts every watch with a 200 that ends at once, as a
 * proxy cutting long requests would (the kube-sandbox keeps watches open, so it cannot show this).
 */
async function cuttingServer() {
  const watches: number[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    res.setHeader('Content-Type', 'application/json');
    if (url.searchParams.get('watch') === 'true') {
      watches.push(Date.now());
      res.end();
      return;
    }
    res.end(
      JSON.stringify({
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '7' },
        items: [
          {
            metadata: { name: 'p', namespace: 'ns', resourceVersion: '7' },
            status: { phase: 'Running' },
          },
        ],
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    // plain HTTP on loopback: client-node asks for skipTLSVerify to allow it
    clusters: [
      { name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true },
    ],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return {
    watches,
    http: new KubeHttp(kc, 5000),
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('Reflector', () => {
  it('a watch the server ends at once is reopened after a growing wait, not in a tight loop', async () => {
    const server = await cuttingServer();
    const reflector = new Reflector({
      cluster: 'c',
      spec: KINDS.pods,
      namespace: 'ns',
      http: server.http,
      keep: () => true,
      onChange: () => {},
      onState: () => {},
      logger: mockServices.logger.mock(),
      watchTimeoutSeconds: 300,
      backoff: { initialMs: 100, maxMs: 400 },
    });
    reflector.start();
    try {
      await new Promise(resolve => setTimeout(resolve, 1500));
      // listed once and kept serving what it listed
      expect(reflector.error).toBeUndefined();
      expect(reflector.state).toBe('ready');
      expect(reflector.list()).toHaveLength(1);
      expect(reflector.stats.lists).toBe(1);
      // each reopening waited at least half its backoff step: 50, 100, 200, 200… ms
      const { watches } = server;
      expect(watches.length).toBeGreaterThan(1);
      expect(watches.length).toBeLessThan(20);
      for (let i = 1; i < watches.length; i++) {
        expect(watches[i] - watches[i - 1]).toBeGreaterThanOrEqual(45);
      }
    } finally {
      reflector.stop();
      await server.close();
    }
  });
});
