import { WorkloadKind } from '../derive/types';
import { slimApplication, slimPod, slimWorkload } from './slim';

/**
 * The kinds the status reads, and so the kinds that are watched. Never Secrets: `list`/`watch` on
 * Secrets in RBAC would grant reading their data.
 */
export type LiveKind = 'applications' | 'deployments' | 'statefulsets' | 'pods';

/** How one kind is listed, watched and kept. */
export interface KindSpec {
  kind: LiveKind;
  /** The collection path, namespaced or across all namespaces. */
  path(namespace?: string): string;
  listAccept: string;
  watchAccept: string;
  /** What is kept of each object (see `slim.ts`). */
  slim(raw: Record<string, any>): unknown;
  /** How it is named in messages, like the polling reads name it. */
  label: string;
  /** The RBAC resource and API group its requests need (`list`, `watch`). */
  rbac: { resource: string; group: string };
}

const JSON_ACCEPT = 'application/json';

const under = (prefix: string, plural: string) => (namespace?: string) =>
  namespace
    ? `${prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}`
    : `${prefix}/${plural}`;

export const KINDS: Record<LiveKind, KindSpec> = {
  applications: {
    kind: 'applications',
    path: under('/apis/argoproj.io/v1alpha1', 'applications'),
    listAccept: JSON_ACCEPT,
    watchAccept: JSON_ACCEPT,
    slim: slimApplication,
    label: 'applications.argoproj.io',
    rbac: { resource: 'applications', group: 'argoproj.io' },
  },
  deployments: {
    kind: 'deployments',
    path: under('/apis/apps/v1', 'deployments'),
    listAccept: JSON_ACCEPT,
    watchAccept: JSON_ACCEPT,
    slim: raw => slimWorkload(raw, 'Deployment'),
    label: 'deployments',
    rbac: { resource: 'deployments', group: 'apps' },
  },
  statefulsets: {
    kind: 'statefulsets',
    path: under('/apis/apps/v1', 'statefulsets'),
    listAccept: JSON_ACCEPT,
    watchAccept: JSON_ACCEPT,
    slim: raw => slimWorkload(raw, 'StatefulSet'),
    label: 'statefulsets',
    rbac: { resource: 'statefulsets', group: 'apps' },
  },
  pods: {
    kind: 'pods',
    path: under('/api/v1', 'pods'),
    listAccept: JSON_ACCEPT,
    watchAccept: JSON_ACCEPT,
    slim: slimPod,
    label: 'pods',
    rbac: { resource: 'pods', group: '' },
  },
};

/** The watched kind of a dev workload's kind. */
export function liveKindOf(kind: WorkloadKind | undefined): LiveKind {
  return kind === 'StatefulSet' ? 'statefulsets' : 'deployments';
}

/** The kinds read in a dev namespace whose entities target these workload kinds. */
export function workloadLiveKinds(
  kinds: Iterable<WorkloadKind | undefined>,
): LiveKind[] {
  return [...new Set([...kinds].map(liveKindOf)), 'pods'];
}
