import { METADATA_LIST_ACCEPT } from '../kube/ClusterClient';
import { slimApplication, slimDeployment, slimPod, slimSecret } from './slim';

/** The kinds the status reads, and so the kinds that are watched. */
export type LiveKind = 'applications' | 'deployments' | 'pods' | 'secrets';

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
}

const JSON_ACCEPT = 'application/json';

/** Secrets are listed and watched as metadata only: their data never crosses the wire. */
export const METADATA_WATCH_ACCEPT =
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

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
  },
  deployments: {
    kind: 'deployments',
    path: under('/apis/apps/v1', 'deployments'),
    listAccept: JSON_ACCEPT,
    watchAccept: JSON_ACCEPT,
    slim: slimDeployment,
    label: 'deployments',
  },
  pods: {
    kind: 'pods',
    path: under('/api/v1', 'pods'),
    listAccept: JSON_ACCEPT,
    watchAccept: JSON_ACCEPT,
    slim: slimPod,
    label: 'pods',
  },
  secrets: {
    kind: 'secrets',
    path: under('/api/v1', 'secrets'),
    listAccept: METADATA_LIST_ACCEPT,
    watchAccept: METADATA_WATCH_ACCEPT,
    slim: slimSecret,
    label: 'secrets (metadata)',
  },
};

/** The kinds read in each dev namespace. */
export const WORKLOAD_KINDS: LiveKind[] = ['deployments', 'pods', 'secrets'];
