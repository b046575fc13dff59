import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

/** A certificate authority of a test's own and a server certificate it signed (PEM). */
export interface ServerTls {
  /** The CA's certificate: what a client trusts (`NODE_EXTRA_CA_CERTS`, `caData`). */
  ca: string;
  /** Its path, for `NODE_EXTRA_CA_CERTS` or a `caFile`. */
  caFile: string;
  /** The server's certificate (for 127.0.0.1 and localhost) and its key. */
  cert: string;
  key: string;
}

function openssl(dir: string, args: string[]) {
  try {
    execFileSync('openssl', args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'the openssl CLI is not installed (Debian: apt-get install openssl); it makes the TLS certificates of startArgoCd({ tls: true })',
      );
    }
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim()}`);
  }
}

/**
 * Makes a CA and a server certificate for `127.0.0.1` and `localhost` in `dir` with the openssl
 * CLI (OpenSSL 3: `-addext`, `-copy_extensions`), as an operator with a private CA would: the CA
 * with `CA:TRUE` and `keyCertSign`, the server's with `serverAuth` and the addresses as
 * subjectAltName (Go's crypto/tls and Node both ignore the CN). EC P-256 keys, valid for a day.
 */
export function makeServerTls(
  dir: string,
  hosts = { ips: ['127.0.0.1'], dns: ['localhost'] },
): ServerTls {
  fs.mkdirSync(dir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    '-subj',
    '/CN=okteto-dev test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const san = [
    ...hosts.ips.map(ip => `IP:${ip}`),
    ...hosts.dns.map(name => `DNS:${name}`),
  ].join(',');
  openssl(dir, [
    'req',
    ...ec,
    '-nodes',
    '-keyout',
    'tls.key',
    '-out',
    'tls.csr',
    '-subj',
    '/CN=argocd-server',
    '-addext',
    `subjectAltName=${san}`,
    '-addext',
    'extendedKeyUsage=serverAuth',
    '-addext',
    'keyUsage=critical,digitalSignature',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'tls.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-copy_extensions',
    'copyall',
    '-days',
    '1',
    '-out',
    'tls.crt',
  ]);
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  return {
    ca: read('ca.crt'),
    caFile: path.join(dir, 'ca.crt'),
    cert: read('tls.crt'),
    key: read('tls.key'),
  };
}

/**
 * One request to `url` (http or https; `ca` is the only CA trusted for https) and its status and
 * body. No library: Node's fetch takes no CA of its own.
 */
export function request(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    ca?: string;
    timeoutMs?: number;
  } = {},
): Promise<{ status: number; body: string }> {
  const {
    method = 'GET',
    headers = {},
    body,
    ca,
    timeoutMs = 10_000,
  } = options;
  const secure = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      url,
      { method, headers, ...(secure && ca ? { ca } : {}) },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text }),
        );
        res.on('error', reject);
      },
    );
    req.once('error', reject);
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`${method} ${url}: no answer in ${timeoutMs} ms`)),
    );
    req.end(body);
  });
}
