import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { stringify } from 'yaml';

/** One request a client sent through the proxy, with the API server's answer. */
export interface ProxiedCall {
  method: string;
  /** The path without the query. */
  path: string;
  /** The request body's `metadata.name`, when it has one (a create names its object there). */
  name?: string;
  status: number;
}

/**
 * A plain-http front of the API server for one client (the okteto CLI), that lets its requests
 * through until `trip` says a call was the last one: from then on every request, the ones in
 * flight included, loses its connection — as a laptop whose network went away between two writes
 * — and `tripped` resolves. The call that tripped it is answered first, so the client saw it
 * succeed.
 */
export interface InterruptingProxy {
  url: string;
  /** A kubeconfig naming the proxy (no credentials: the proxy adds the admin's). */
  kubeconfigPath: string;
  /** Every call answered, in order. */
  calls: ProxiedCall[];
  /** Resolves with the call after which nothing more went through. */
  tripped: Promise<ProxiedCall>;
  isTripped(): boolean;
  close(): Promise<void>;
}

export async function startInterruptingProxy(
  upstream: { url: string; ca: string; token: string },
  trip: (call: ProxiedCall) => boolean,
  dir: string,
  contextName = 'real-cluster',
): Promise<InterruptingProxy> {
  const target = new URL(upstream.url);
  const agent = new https.Agent({ ca: upstream.ca, keepAlive: true });
  const calls: ProxiedCall[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let isTripped = false;
  let resolveTripped!: (c: ProxiedCall) => void;
  const tripped = new Promise<ProxiedCall>(resolve => {
    resolveTripped = resolve;
  });
  const cut = () => {
    for (const s of sockets) s.destroy();
  };

  const server = http.createServer((req, res) => {
    if (isTripped) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let name: string | undefined;
      if (body.length && /json/.test(req.headers['content-type'] ?? '')) {
        try {
          name = JSON.parse(body.toString('utf8'))?.metadata?.name;
        } catch {
          // not JSON after all
        }
      }
      const headers = { ...req.headers, host: target.host };
      delete headers.authorization;
      const up = https.request(
        {
          protocol: 'https:',
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          agent,
          headers: { ...headers, authorization: `Bearer ${upstream.token}` },
        },
        upRes => {
          const call: ProxiedCall = {
            method: req.method ?? 'GET',
            path: (req.url ?? '').split('?')[0],
            ...(name ? { name } : {}),
            status: upRes.statusCode ?? 0,
          };
          calls.push(call);
          if (isTripped) {
            upRes.destroy();
            req.socket.destroy();
            return;
          }
          const last = trip(call);
          if (last) {
            // answer this one in full, then nothing more
            isTripped = true;
            const parts: Buffer[] = [];
            upRes.on('data', c => parts.push(c));
            upRes.on('end', () => {
              res.writeHead(upRes.statusCode ?? 502, upRes.headers);
              res.end(Buffer.concat(parts), () => {
                cut();
                resolveTripped(call);
              });
            });
            return;
          }
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (isTripped) socket.destroy();
  });
  // port-forward and exec upgrade the connection: not relayed
  server.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  fs.mkdirSync(dir, { recursive: true });
  const kubeconfigPath = path.join(dir, 'kubeconfig-interrupting');
  fs.writeFileSync(
    kubeconfigPath,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: contextName, cluster: { server: url } }],
      users: [{ name: contextName, user: {} }],
      contexts: [
        {
          name: contextName,
          context: { cluster: contextName, user: contextName },
        },
      ],
      'current-context': contextName,
    }),
  );
  return {
    url,
    kubeconfigPath,
    calls,
    tripped,
    isTripped: () => isTripped,
    async close() {
      cut();
      await new Promise<void>(resolve => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
