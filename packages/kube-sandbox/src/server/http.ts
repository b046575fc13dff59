import type http from 'node:http';
import { stringify } from 'yaml';
import { ApiError, badRequest, errorMessage, makeStatus } from '../errors';

/* Request/response plumbing shared by the server's parts. */

/**
 * Sends a body as JSON (`contentType` 'json' or a JSON media type) or as YAML ('yaml': keys
 * sorted, as sigs.k8s.io/yaml writes them, `application/yaml`).
 */
export function send(
  res: http.ServerResponse,
  code: number,
  body: unknown,
  contentType: string = 'application/json',
): void {
  let text: string;
  let type = contentType;
  if (contentType === 'yaml') {
    type = 'application/yaml';
    text = stringify(body, { sortMapEntries: true, lineWidth: 0 });
  } else {
    if (contentType === 'json') type = 'application/json';
    text = JSON.stringify(body);
  }
  res.writeHead(code, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function toStatus(e: unknown) {
  return e instanceof ApiError
    ? e.toStatus()
    : makeStatus(
        500,
        'InternalError',
        `Internal error occurred: ${errorMessage(e)}`,
      );
}

export function sendError(
  res: http.ServerResponse,
  e: unknown,
  format: 'json' | 'yaml' = 'json',
): void {
  const status = toStatus(e);
  send(res, status.code, status, format);
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(
      `the body of the request was malformed: ${errorMessage(e)}`,
    );
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
