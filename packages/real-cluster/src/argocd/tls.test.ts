import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { makeServerTls, request } from './tls';

/**
 * The certificates `startArgoCd({ tls: true })` gives argocd-server: a client that trusts the CA
 * reaches a server with them at 127.0.0.1 and localhost; one that does not is refused, and so is
 * any other host name.
 */
describe('makeServerTls', () => {
  let dir: string;
  let server: https.Server;
  let port: number;
  let tls: ReturnType<typeof makeServerTls>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-cluster-tls-'));
    tls = makeServerTls(dir);
    server = https.createServer({ cert: tls.cert, key: tls.key }, (_, res) =>
      res.end('ok'),
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs a server certificate for 127.0.0.1 and localhost with a CA of its own', () => {
    const ca = new X509Certificate(tls.ca);
    const cert = new X509Certificate(tls.cert);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkHost('argocd.example.com')).toBeUndefined();
    expect(fs.readFileSync(tls.caFile, 'utf8')).toBe(tls.ca);
  });

  it('a client trusting the CA reaches the server by address and by name', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      await expect(
        request(`https://${host}:${port}/`, { ca: tls.ca }),
      ).resolves.toEqual({ status: 200, body: 'ok' });
    }
  });

  it('a client without the CA is refused', async () => {
    await expect(request(`https://127.0.0.1:${port}/`)).rejects.toThrow(
      /certificate/,
    );
  });
});
