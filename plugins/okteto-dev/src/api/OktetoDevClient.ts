import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DevClustersResponse,
  DevEventsResponse,
  DevStatus,
  DevStatusBatchResponse,
} from '@okteto-dev/plugin-okteto-dev-common';
import { OktetoDevApi } from './OktetoDevApi';

/**
 * Default {@link OktetoDevApi}: talks to the `okteto-dev` backend plugin over HTTP.
 *
 * @public
 */
export class OktetoDevClient implements OktetoDevApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  /** Status requests under way, by entity ref: concurrent callers share one. */
  private readonly pending = new Map<string, Promise<DevStatus>>();

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /**
   * Status of one entity, by entity ref (`kind:namespace/name`). Calls for the same entity while
   * one is under way (the card and the entity page's icon links mounting together) share its
   * request.
   */
  getStatus(entityRef: string): Promise<DevStatus> {
    const under = this.pending.get(entityRef);
    if (under) return under;
    const request = this.request<DevStatus>(
      `/v1/status?entityRef=${encodeURIComponent(entityRef)}`,
    ).finally(() => this.pending.delete(entityRef));
    this.pending.set(entityRef, request);
    return request;
  }

  /** {@inheritDoc OktetoDevApi.getEvents} */
  getEvents(entityRef: string): Promise<DevEventsResponse> {
    return this.request<DevEventsResponse>(
      `/v1/events?entityRef=${encodeURIComponent(entityRef)}`,
    );
  }

  /** {@inheritDoc OktetoDevApi.getStatuses} */
  getStatuses(entityRefs: string[]): Promise<DevStatusBatchResponse> {
    return this.request<DevStatusBatchResponse>('/v1/status/batch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRefs }),
    });
  }

  /** {@inheritDoc OktetoDevApi.getClusters} */
  getClusters(): Promise<DevClustersResponse> {
    return this.request<DevClustersResponse>('/v1/clusters');
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('okteto-dev');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
