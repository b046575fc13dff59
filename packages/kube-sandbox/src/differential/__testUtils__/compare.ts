import type { ApiAnswer, ApiRequest, Differential } from './harness';
import { byName, normalize, NormalizeOptions } from './normalize';

/** How two answers are compared: normalization, and list order when it is not the point. */
export interface CompareOptions extends NormalizeOptions {
  /** Sort list items by namespace/name on both sides first. */
  sort?: boolean;
  /** Applied to each side's normalized body (e.g. to drop what a controller writes). */
  shape?: (body: any) => any;
}

/** The parts of an answer that must agree: status, media type and the normalized body. */
export function comparable(answer: ApiAnswer, options: CompareOptions = {}) {
  const body = normalize(
    options.sort ? byName(answer.body) : answer.body,
    options,
  );
  return {
    status: answer.status,
    type: answer.contentType.split(';')[0].trim(),
    body: options.shape ? options.shape(body) : body,
  };
}

/**
 * Sends the request to both servers and expects the sandbox's answer to equal the real API
 * server's (Jest prints the real one as "Expected", the sandbox's as "Received").
 */
export async function expectSame(
  d: Differential,
  request: ApiRequest,
  options: CompareOptions = {},
): Promise<[ApiAnswer, ApiAnswer]> {
  const [sandbox, real] = await d.both(request);
  expect(comparable(sandbox, options)).toEqual(comparable(real, options));
  return [sandbox, real];
}

/** Removes keys at a path (`metadata.annotations.x`) from a normalized body, in place. */
export function without(body: any, ...paths: string[]): any {
  for (const path of paths) {
    const parts = path.split('.');
    const last = parts.pop()!;
    let cur = body;
    for (const p of parts) cur = cur?.[p];
    if (cur && typeof cur === 'object') delete cur[last];
  }
  return body;
}

/**
 * What the deployment controller writes is not the API server's: the status, and the revision
 * annotation (the sandbox's controller keeps no revisions). On an object, a list, or a Table.
 */
export function controllerless(body: any): any {
  const strip = (o: any) => {
    if (!o || typeof o !== 'object') return;
    delete o.status;
    const annotations = o.metadata?.annotations;
    if (annotations) {
      delete annotations['deployment.kubernetes.io/revision'];
      if (!Object.keys(annotations).length) delete o.metadata.annotations;
    }
  };
  strip(body);
  (body?.items ?? []).forEach(strip);
  for (const row of body?.rows ?? []) strip(row.object);
  return body;
}
