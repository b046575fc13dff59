import http from 'node:http';
import { AddressInfo } from 'node:net';

/** One request to a stand-in, parsed. */
export interface StandInRequest {
  method: string;
  url: URL;
  /** The path's segments, each decoded on its own (so `g%2Fr` stays one segment `g/r`). */
  segments: string[];
  body: any;
  headers: http.IncomingHttpHeaders;
}

/** A stand-in's answer; undefined means "not an endpoint of this stand-in". */
export type StandInAnswer =
  | {
      status: number;
      json?: unknown;
      raw?: Buffer;
      contentType?: string;
      headers?: Record<string, string>;
    }
  | undefined;

/** The running server of a stand-in. */
export interface StandInServer {
  /** Server root, e.g. `http://127.0.0.1:1234`. */
  url: string;
  /** Every request, as `METHOD /path`, in order. */
  requests: string[];
  /** Requests the stand-in did not know how to answer. */
  unhandled: string[];
  close(): Promise<void>;
}

async function readBody(req: http.IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if (String(req.headers['content-type']).includes('x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return JSON.parse(text);
}

/**
 * A local HTTP server on a free loopback port that hands every request to `handle` — the plumbing
 * the Git host stand-ins share. A real socket rather than an in-process interceptor, because the
 * demo backend (`npm start`) is another process and because the clients under test (the
 * UrlReaders' node-fetch, Octokit, gitbeaker's fetch) then run exactly as against the host.
 */
export async function startStandInServer(
  handle: (request: StandInRequest, base: string) => StandInAnswer,
): Promise<StandInServer> {
  const requests: string[] = [];
  const unhandled: string[] = [];
  let base = '';
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const line = `${req.method} ${url.pathname}`;
    requests.push(line);
    try {
      const body = await readBody(req);
      const rawPath = (req.url ?? '/').split('?')[0];
      const answer = handle(
        {
          method: req.method ?? 'GET',
          url,
          segments: rawPath.split('/').filter(Boolean).map(decodeURIComponent),
          body,
          headers: req.headers,
        },
        base,
      );
      if (!answer) {
        unhandled.push(line);
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"message":"404 Not Found"}');
      } else if (answer.raw) {
        res
          .writeHead(answer.status, {
            'content-type': answer.contentType ?? 'text/plain',
            ...answer.headers,
          })
          .end(answer.raw);
      } else {
        res
          .writeHead(answer.status, {
            'content-type': 'application/json',
            ...answer.headers,
          })
          .end(JSON.stringify(answer.json ?? {}));
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    unhandled,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}

/** The token of a request: `Authorization: Bearer|token <t>` or GitLab's `PRIVATE-TOKEN`. */
export function requestToken(
  headers: http.IncomingHttpHeaders,
): string | undefined {
  const auth = headers.authorization;
  const match = auth?.match(/^(?:bearer|token)\s+(.+)$/i);
  if (match) return match[1].trim();
  const privateToken = headers['private-token'];
  return typeof privateToken === 'string' ? privateToken : undefined;
}
