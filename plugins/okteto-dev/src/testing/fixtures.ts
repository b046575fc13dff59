import {
  DevClustersResponse,
  DevStatus,
  DevStatusBatchResponse,
} from '@okteto-dev/plugin-okteto-dev-common';
import { OktetoDevApi } from '../api';
import { makeStatus } from './builders';

export * from './builders';
export { fixtures } from './scenarios';

/**
 * A typed fake of the API: `getStatus` answers with `answer.status` or fails with `answer.error`;
 * change `answer` between calls to simulate a refresh.
 */
export class FakeOktetoDevApi implements OktetoDevApi {
  readonly calls: string[] = [];

  constructor(public answer: { status?: DevStatus; error?: Error }) {}

  async getStatus(entityRef: string): Promise<DevStatus> {
    this.calls.push(entityRef);
    if (this.answer.error) {
      throw this.answer.error;
    }
    return this.answer.status ?? makeStatus();
  }

  async getStatuses(entityRefs: string[]): Promise<DevStatusBatchResponse> {
    return {
      items: await Promise.all(entityRefs.map(ref => this.getStatus(ref))),
    };
  }

  async getClusters(): Promise<DevClustersResponse> {
    return {
      items: [
        { name: 'default', authProvider: 'serviceAccount', reachable: true },
      ],
    };
  }
}
