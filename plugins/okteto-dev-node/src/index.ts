/**
 * Node library of okteto-dev: reading an entity's dev status from its clusters (shared by the
 * okteto-dev backend and the search module), and the extension points.
 *
 * @packageDocumentation
 */
export * from './clusters';
export { DevStatusService } from './status/DevStatusService';
export type {
  DevStatusOutcome,
  DevStatusServiceOptions,
} from './status/DevStatusService';
export { readClusterConfig } from './status/clusters/readClusterConfig';
export { deriveDevStatus } from './status/derive/deriveStatus';
export type { FetchedDevObjects } from './status/derive/types';
