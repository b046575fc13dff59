import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { urlProblem } from '../clusters/assessCluster';
import { ArgoApplicationObject, Read } from '../derive/types';
import { ArgoApiHttpError, argoSubject, toArgoApiError } from './errors';
import { ArgoApiInstance } from './settings';

/** Largest answer read from Argo CD (a list of every Application the token sees, on an old server). */
const MAX_BODY_BYTES = 128 * 1024 * 1024;
/** Largest line of a stream (one Application). */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** One event of `GET /api/v1/stream/applications` (v1alpha1.ApplicationWatchEvent). */
export interface ArgoWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | string;
  application: ArgoApplicationObject;
}

/** An open stream: `done` settles when it ends (resolves) or fails (rejects). */
export interface ArgoStream {
  done: Promise<void>;
  abort(): void;
}

/** What `resource` a read of `names` in `namespace` is, in messages. */
export function applicationsResource(namespace: string, names: string[]) {
  return names.length === 1
    ? `applications.argoproj.io ${namespace}/${names[0]}`
    : `applications.argoproj.io in ${namespace}`;
}

/** A configured instance okteto-dev cannot use: nothing is sent to it. */
export class ArgoInstanceUnusableError extends Error {
  constructor(readonly instance: string, readonly reason: string) {
    super(`Argo CD instance '${instance}' cannot be used: ${reason}`);
    this.name = 'ArgoInstanceUnusableError';
  }
}

/**
 * The read-only I/O shell for one Argo CD instance's API (server/application/application.proto:
 * `List` GET /api/v1/applications, `Get` GET /api/v1/applications/{name}, `Watch` GET
 * /api/v1/stream/applications), with its token as `Authorization: Bearer` — or, for a local
 * account given by username and password, a session token from `POST /api/v1/session`
 * (server/session/session.go), renewed once when Argo CD answers 401. Plain Node http(s): a CA of
 * the instance's own applies to this instance alone (the global `fetch` takes none without the
 * undici package). Every read answers a `Read`: nothing here throws to the caller or writes to
 * Argo CD.
 */
export class ArgoCdApi {
  /** Why the instance cannot be used (then nothing is sent), else undefined. */
  readonly problem: string | undefined;
  private readonly base: URL | undefined;
  private readonly tls: https.RequestOptions = {};
  private session: Promise<string> | undefined;

  constructor(
    private readonly instance: ArgoApiInstance,
    private readonly options: {
      timeoutMs: number;
      /**
       * The Argo CD project asked about an Application the list did not return
       * (`oktetoDev.conventions.project`): Argo CD then answers 404 when the token may read that
       * project and the Application is not there, and 403 when the token may not.
       */
      project?: string;
    },
  ) {
    let problem: string | undefined;
    try {
      this.base = new URL(`${instance.url}/`);
      problem = urlProblem(
        instance.url,
        instance.dangerouslyAllowPlainHttp,
        `this Argo CD instance (${instance.source})`,
      );
    } catch {
      problem = `its url (${instance.source}) is not a valid URL`;
    }
    if (
      !problem &&
      !instance.token &&
      !(instance.username && instance.password)
    ) {
      problem = `it has no token, nor username and password (${instance.source}): okteto-dev sends no request without a credential`;
    }
    try {
      if (instance.caData) {
        this.tls.ca = Buffer.from(instance.caData, 'base64').toString('utf8');
      } else if (instance.caFile) {
        this.tls.ca = fs.readFileSync(instance.caFile, 'utf8');
      }
    } catch {
      problem ??= `its caFile (${instance.source}) cannot be read`;
    }
    this.tls.rejectUnauthorized = instance.skipTLSVerify !== true;
    this.problem = problem;
  }

  get name(): string {
    return this.instance.name;
  }

  /** The error every read of an unusable instance answers. */
  unusable(resource: string): DevError | undefined {
    return this.problem
      ? {
          type: 'unusable',
          resource,
          message: `${argoSubject(
            resource,
            this.name,
          )}: the instance cannot be used, nothing was sent: ${this.problem}`,
        }
      : undefined;
  }

  /**
   * The Applications of `names` in `namespace` that the token may read, in one request: `name=`
   * for one (every Argo CD version), else `names=<namespace>/<name>` (Argo CD 3.6 and later
   * filter on it; earlier ones ignore it and answer every Application of the namespace the token
   * may read, which is filtered here). Argo CD leaves out what its RBAC denies (List filters by
   * `applications, get`), so a missing name is asked about alone ({@link get}).
   */
  async list(
    namespace: string,
    names: string[],
    signal?: AbortSignal,
  ): Promise<Read<ArgoApplicationObject[]>> {
    const resource = applicationsResource(namespace, names);
    const refused = this.unusable(resource);
    if (refused) return { ok: false, error: refused };
    const query: Array<[string, string]> = [['appNamespace', namespace]];
    if (names.length === 1) query.push(['name', names[0]]);
    else for (const n of names) query.push(['names', `${namespace}/${n}`]);
    try {
      const body = await this.request('/api/v1/applications', query, signal);
      const list = JSON.parse(body) as {
        items?: ArgoApplicationObject[] | null;
      };
      const items = (list.items ?? []).filter(
        a =>
          names.includes(a.metadata?.name) &&
          (a.metadata?.namespace ?? namespace) === namespace,
      );
      return { ok: true, value: items };
    } catch (error) {
      return { ok: false, error: toArgoApiError(error, resource, this.name) };
    }
  }

  /**
   * One Application, asked in the configured project (server/application/application.go Get →
   * getAppEnforceRBAC): 404 → undefined (the token may read that project and there is no such
   * Application it may read); 403 → the token may not get Applications of that project (or Argo
   * CD does not serve Applications in that namespace), an error naming both.
   */
  async get(
    namespace: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<Read<ArgoApplicationObject | undefined>> {
    const resource = applicationsResource(namespace, [name]);
    const refused = this.unusable(resource);
    if (refused) return { ok: false, error: refused };
    const { project } = this.options;
    const query: Array<[string, string]> = [['appNamespace', namespace]];
    if (project) query.push(['project', project]);
    try {
      const body = await this.request(
        `/api/v1/applications/${encodeURIComponent(name)}`,
        query,
        signal,
      );
      return { ok: true, value: JSON.parse(body) as ArgoApplicationObject };
    } catch (error) {
      if (error instanceof ArgoApiHttpError && error.status === 404) {
        return { ok: true, value: undefined };
      }
      const forbidden = project
        ? `Argo CD's RBAC does not let the token get Applications of project ${project} (policy 'applications, get, ${project}/…'), or Argo CD does not serve Applications in namespace ${namespace}`
        : undefined;
      return {
        ok: false,
        error: toArgoApiError(error, resource, this.name, forbidden),
      };
    }
  }

  /**
   * `names` in `namespace`: one list, then one GET per name the list left out, to tell an
   * Application that does not exist from one the token may not read.
   */
  async read(
    namespace: string,
    names: string[],
  ): Promise<(name: string) => Read<ArgoApplicationObject | undefined>> {
    const listed = await this.list(namespace, names);
    if (!listed.ok) return () => listed;
    const found = new Map(listed.value.map(a => [a.metadata.name, a]));
    const missing = names.filter(n => !found.has(n));
    const asked = new Map(
      await Promise.all(
        missing.map(async n => [n, await this.get(namespace, n)] as const),
      ),
    );
    return name => {
      const app = found.get(name);
      if (app) return { ok: true, value: app };
      return asked.get(name) ?? { ok: true, value: undefined };
    };
  }

  /**
   * Opens `GET /api/v1/stream/applications` as server-sent events (Argo CD writes `:` every 15 s
   * to keep it open: github.com/argoproj/pkg grpc/http withKeepalive), so a silent connection is
   * cut after `idleMs`. Without a resourceVersion, Argo CD first sends every matching Application
   * as ADDED, then each change (server/application/application.go Watch): Applications its RBAC
   * denies are never sent. `names` as {@link list} (Argo CD 3.6 and later filter on them).
   */
  stream(
    targets: Array<{ namespace: string; name: string }>,
    onEvent: (event: ArgoWatchEvent) => void,
    idleMs: number,
  ): ArgoStream {
    let aborted = false;
    let stop = () => {
      aborted = true;
    };
    const done = new Promise<void>((resolve, reject) => {
      const query: Array<[string, string]> =
        targets.length === 1
          ? [
              ['name', targets[0].name],
              ['appNamespace', targets[0].namespace],
            ]
          : targets.map(t => ['names', `${t.namespace}/${t.name}`]);
      this.open('/api/v1/stream/applications', query, 'text/event-stream')
        .then(({ req, res }) => {
          let settled = false;
          const fail = (error: Error) => {
            if (!settled) reject(error);
            settled = true;
            req.destroy();
          };
          const finish = () => {
            if (!settled) resolve();
            settled = true;
          };
          if (aborted) {
            req.destroy();
            finish();
            return;
          }
          req.setTimeout(idleMs, () => {
            const error = new Error('no data from Argo CD in time');
            error.name = 'TimeoutError';
            fail(error);
          });
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            if (buffer.length > MAX_LINE_BYTES) {
              fail(new Error('a stream event is too large'));
              return;
            }
            let newline = buffer.indexOf('\n');
            while (newline >= 0 && !settled) {
              const line = buffer.slice(0, newline).trim();
              buffer = buffer.slice(newline + 1);
              newline = buffer.indexOf('\n');
              if (!line.startsWith('data:')) continue;
              let parsed: {
                result?: ArgoWatchEvent;
                error?: { message?: string; http_code?: number };
              };
              try {
                parsed = JSON.parse(line.slice(5));
              } catch (error) {
                fail(error as Error);
                return;
              }
              if (parsed.error) {
                // grpc-gateway's error in a stream: {"error":{"http_code","message",…}}
                fail(
                  new ArgoApiHttpError(
                    parsed.error.http_code ?? 500,
                    JSON.stringify(parsed.error),
                  ),
                );
                return;
              }
              if (parsed.result?.application) onEvent(parsed.result);
            }
          });
          res.on('end', finish);
          res.on('error', error => (aborted ? finish() : fail(error)));
          req.on('error', error => (aborted ? finish() : fail(error)));
          stop = () => {
            aborted = true;
            req.destroy();
            finish();
          };
        })
        .catch(reject);
    });
    return {
      done,
      abort() {
        stop();
      },
    };
  }

  private async authorization(renew: boolean): Promise<string> {
    if (this.instance.token) return `Bearer ${this.instance.token}`;
    if (renew || !this.session) {
      const session = this.login();
      this.session = session;
      session.catch(() => {
        if (this.session === session) this.session = undefined;
      });
    }
    return `Bearer ${await this.session}`;
  }

  private async login(): Promise<string> {
    const { username, password } = this.instance;
    const { res, body } = await this.send('POST', '/api/v1/session', [], {
      body: JSON.stringify({ username, password }),
    });
    if (res.statusCode !== 200)
      throw new ArgoApiHttpError(res.statusCode ?? 0, body);
    const token = (JSON.parse(body) as { token?: unknown }).token;
    if (typeof token !== 'string' || !token) {
      throw new ArgoApiHttpError(401, '{"message":"no session token"}');
    }
    return token;
  }

  private async request(
    path: string,
    query: Array<[string, string]>,
    signal?: AbortSignal,
  ): Promise<string> {
    let { res, body } = await this.send('GET', path, query, {
      authorization: await this.authorization(false),
      signal,
    });
    if (res.statusCode === 401 && !this.instance.token) {
      // a session Argo CD no longer takes (expired, or the server's key changed): log in again once
      ({ res, body } = await this.send('GET', path, query, {
        authorization: await this.authorization(true),
        signal,
      }));
    }
    if (res.statusCode !== 200)
      throw new ArgoApiHttpError(res.statusCode ?? 0, body);
    return body;
  }

  private async open(
    path: string,
    query: Array<[string, string]>,
    accept: string,
  ): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
    const problem = this.problem;
    if (problem) throw new ArgoInstanceUnusableError(this.name, problem);
    const attempt = async (renew: boolean) => {
      const authorization = await this.authorization(renew);
      return new Promise<{
        req: http.ClientRequest;
        res: http.IncomingMessage;
      }>((resolve, reject) => {
        const req = this.transport(path, query, 'GET', {
          authorization,
          accept,
        });
        req.setTimeout(this.options.timeoutMs, () => {
          const error = new Error('no answer from Argo CD in time');
          error.name = 'TimeoutError';
          req.destroy(error);
        });
        req.on('error', reject);
        req.on('response', res => {
          if (res.statusCode === 200) {
            resolve({ req, res });
            return;
          }
          readBody(res)
            .then(body =>
              reject(new ArgoApiHttpError(res.statusCode ?? 0, body)),
            )
            .catch(reject);
        });
        req.end();
      });
    };
    try {
      return await attempt(false);
    } catch (error) {
      if (
        error instanceof ArgoApiHttpError &&
        error.status === 401 &&
        !this.instance.token
      ) {
        return attempt(true);
      }
      throw error;
    }
  }

  private transport(
    path: string,
    query: Array<[string, string]>,
    method: string,
    headers: Record<string, string>,
  ): http.ClientRequest {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [key, value] of query) url.searchParams.append(key, value);
    const options: https.RequestOptions = {
      method,
      headers: { ...headers, 'user-agent': 'okteto-dev-backend' },
      ...(url.protocol === 'https:' ? this.tls : {}),
    };
    return (url.protocol === 'https:' ? https : http).request(url, options);
  }

  private send(
    method: string,
    path: string,
    query: Array<[string, string]>,
    options: { authorization?: string; body?: string; signal?: AbortSignal },
  ): Promise<{ res: http.IncomingMessage; body: string }> {
    return new Promise((resolve, reject) => {
      const req = this.transport(path, query, method, {
        accept: 'application/json',
        ...(options.authorization
          ? { authorization: options.authorization }
          : {}),
        ...(options.body ? { 'content-type': 'application/json' } : {}),
      });
      const timer = setTimeout(() => {
        const error = new Error('no answer from Argo CD in time');
        error.name = 'TimeoutError';
        req.destroy(error);
      }, this.options.timeoutMs);
      timer.unref?.();
      const abort = () => {
        const error = new Error('aborted');
        error.name = 'AbortError';
        req.destroy(error);
      };
      options.signal?.addEventListener('abort', abort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', abort);
      };
      req.on('error', error => {
        settle();
        reject(error);
      });
      req.on('response', res => {
        readBody(res).then(
          body => {
            settle();
            resolve({ res, body });
          },
          error => {
            settle();
            reject(error);
          },
        );
      });
      req.end(options.body);
    });
  }
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.destroy(new Error('the answer is too large'));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}
