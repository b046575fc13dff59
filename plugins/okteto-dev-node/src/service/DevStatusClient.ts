import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DevStatus,
  DevStatusBatchResponse,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  DEV_STATUS_BATCH_LIMIT,
  DevStatusRequestOptions,
  DevStatusServiceApi,
} from './DevStatusServiceApi';

/** How many batch requests of one `getStatuses` call run at the same time. */
const BATCH_CONCURRENCY = 4;

/**
 * Options of {@link DevStatusClient}: the calling plugin's own auth and discovery services.
 *
 * @public
 */
export interface DevStatusClientOptions {
  /** Issues the token sent to the okteto-dev backend on behalf of the caller's credentials. */
  auth: AuthService;
  /** Finds the okteto-dev backend's URL. */
  discovery: DiscoveryService;
}

/**
 * The default {@link DevStatusServiceApi}: calls the okteto-dev backend over HTTP with a token
 * issued on behalf of the caller's credentials.
 *
 * @public
 */
export class DevStatusClient implements DevStatusServiceApi {
  private readonly auth: AuthService;
  private readonly discovery: DiscoveryService;

  constructor(options: DevStatusClientOptions) {
    this.auth = options.auth;
    this.discovery = options.discovery;
  }

  /** {@inheritDoc DevStatusServiceApi.getStatus} */
  async getStatus(
    request: { entityRef: string },
    options: DevStatusRequestOptions,
  ): Promise<DevStatus> {
    const query = new URLSearchParams({ entityRef: request.entityRef });
    return this.call<DevStatus>(`/v1/status?${query}`, options, {
      method: 'GET',
    });
  }

  /** {@inheritDoc DevStatusServiceApi.getStatuses} */
  async getStatuses(
    request: { entityRefs: string[] },
    options: DevStatusRequestOptions,
  ): Promise<DevStatusBatchResponse> {
    const refs = [...new Set(request.entityRefs)];
    const chunks: string[][] = [];
    for (let i = 0; i < refs.length; i += DEV_STATUS_BATCH_LIMIT) {
      chunks.push(refs.slice(i, i + DEV_STATUS_BATCH_LIMIT));
    }
    const responses: DevStatusBatchResponse[] = new Array(chunks.length);
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const index = next++;
        responses[index] = await this.call<DevStatusBatchResponse>(
          '/v1/status/batch',
          options,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ entityRefs: chunks[index] }),
          },
        );
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(BATCH_CONCURRENCY, chunks.length) },
        worker,
      ),
    );
    return {
      items: responses.flatMap(r => r.items),
      failures: responses.flatMap(r => r.failures ?? []),
    };
  }

  private async call<T>(
    path: string,
    { credentials }: DevStatusRequestOptions,
    init: { method: string; headers?: Record<string, string>; body?: string },
  ): Promise<T> {
    const [baseUrl, { token }] = await Promise.all([
      this.discovery.getBaseUrl('okteto-dev'),
      this.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'okteto-dev',
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        ...init.headers,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
