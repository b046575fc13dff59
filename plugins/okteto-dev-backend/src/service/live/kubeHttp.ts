import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';

/**
 * An HTTP error from the API server; `code` and `body` are what `toDevError` reads, `verb` which
 * request it answered (`list` or `watch`: what a 403 refused).
 */
export class KubeHttpError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
    readonly verb?: 'list' | 'watch',
  ) {
    super(`HTTP ${code}`);
    this.name = 'KubeHttpError';
  }
}

/** One event of a watch stream. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Record<string, any>;
}

/** A GET of the API server: a path, its query, what to accept. */
export interface KubeGet {
  path: string;
  query?: Record<string, string>;
  accept: string;
}

/** An open watch: `done` settles when the stream ends (resolves) or fails (rejects). */
export interface OpenWatch {
  done: Promise<void>;
  abort(): void;
}

const MAX_LIST_BYTES = 256 * 1024 * 1024;
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The two requests the live store makes, with the cluster's own credentials and TLS settings
 * (through client-node's `applyToHTTPSOptions`, so tokens, exec plugins, CAs and proxies apply
 * as for every other read): a LIST, and a WATCH streamed line by line. Plain Node http(s), so the
 * Accept header (metadata-only for Secrets) is ours to set.
 */
export class KubeHttp {
  constructor(
    private readonly kc: KubeConfig,
    private readonly timeoutMs: number,
  ) {}

  private async open(
    get: KubeGet,
    onResponse: (res: http.IncomingMessage) => void,
    onError: (error: Error) => void,
    idleMs: number,
  ): Promise<http.ClientRequest> {
    const server = this.kc.getCurrentCluster()?.server;
    if (!server) throw new Error('No current cluster in the kubeconfig');
    const url = new URL(server.replace(/\/+$/, '') + get.path);
    for (const [key, value] of Object.entries(get.query ?? {})) {
      url.searchParams.set(key, value);
    }
    const options: https.RequestOptions = { headers: {} };
    await this.kc.applyToHTTPSOptions(options);
    options.headers = { ...options.headers, Accept: get.accept };
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(
      url,
      { ...options, method: 'GET' },
      onResponse,
    );
    req.setTimeout(idleMs, () => {
      const error = new Error('no data from the cluster in time');
      error.name = 'TimeoutError';
      req.destroy(error);
    });
    req.on('error', onError);
    req.end();
    return req;
  }

  /**
   * A LIST: the parsed body, or a {@link KubeHttpError} for a non-200 answer; `signal` cancels it.
   */
  list(get: KubeGet, signal?: AbortSignal): Promise<Record<string, any>> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const cancelled = () => {
        const error = new Error('the list was cancelled');
        error.name = 'AbortError';
        return error;
      };
      if (signal?.aborted) {
        reject(cancelled());
        return;
      }
      this.open(
        get,
        res => {
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_LIST_BYTES) {
              res.destroy(new Error('list answer too large'));
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', reject);
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) {
              reject(new KubeHttpError(res.statusCode ?? 0, body, 'list'));
              return;
            }
            try {
              resolve(JSON.parse(body));
            } catch (error) {
              reject(error);
            }
          });
        },
        reject,
        this.timeoutMs,
      ).then(req => {
        const cancel = () => req.destroy(cancelled());
        signal?.addEventListener('abort', cancel, { once: true });
        req.on('close', () => signal?.removeEventListener('abort', cancel));
      }, reject);
    });
  }

  /**
   * A WATCH: `onOpen` once the server accepted it (HTTP 200), `onEvent` for each line. The stream
   * must show life (an event or a bookmark) within `idleMs`, else it is cut as timed out.
   */
  watch(
    get: KubeGet,
    onEvent: (event: WatchEvent) => void,
    idleMs: number,
    onOpen?: () => void,
  ): OpenWatch {
    let req: http.ClientRequest | undefined;
    let aborted = false;
    const done = new Promise<void>((resolve, reject) => {
      this.open(
        get,
        res => {
          if (res.statusCode !== 200) {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              reject(
                new KubeHttpError(
                  res.statusCode ?? 0,
                  Buffer.concat(chunks).toString('utf8').slice(0, 4096),
                  'watch',
                ),
              ),
            );
            res.on('error', reject);
            return;
          }
          onOpen?.();
          let buffered = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffered += chunk;
            if (buffered.length > MAX_LINE_BYTES) {
              res.destroy(new Error('watch event too large'));
              return;
            }
            let newline = buffered.indexOf('\n');
            while (newline >= 0) {
              const line = buffered.slice(0, newline).trim();
              buffered = buffered.slice(newline + 1);
              if (line) {
                try {
                  onEvent(JSON.parse(line) as WatchEvent);
                } catch (error) {
                  res.destroy(error as Error);
                  return;
                }
              }
              newline = buffered.indexOf('\n');
            }
          });
          res.on('error', reject);
          res.on('aborted', () => reject(abortError()));
          res.on('end', () => resolve());
          res.on('close', () =>
            res.complete ? resolve() : reject(abortError()),
          );
        },
        error => (aborted ? resolve() : reject(error)),
        idleMs,
      ).then(r => {
        req = r;
        if (aborted) r.destroy();
      }, reject);
    });
    return {
      done: done.catch(error => {
        if (aborted) return;
        throw error;
      }),
      abort() {
        aborted = true;
        req?.destroy();
      },
    };
  }
}

function abortError(): Error {
  const error = new Error('socket hang up: the watch connection was closed');
  (error as Error & { code: string }).code = 'ECONNRESET';
  return error;
}
