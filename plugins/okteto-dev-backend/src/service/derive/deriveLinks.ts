import {
  ArgoStatus,
  DevLinks,
  WorkloadStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import { DevEntryLookup, FetchedDevObjects } from './types';

/** The line of `dev.<name>:` in the manifest, for a link straight to the entry. */
function entryLine(
  content: string | undefined,
  name: string,
): number | undefined {
  if (!content) return undefined;
  const lines = content.split('\n');
  const dev = lines.findIndex(l => /^dev:\s*(#.*)?$/.test(l));
  if (dev < 0) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const key = new RegExp(`^\\s+["']?${escaped}["']?:\\s*(#.*)?$`);
  const at = lines.findIndex((l, i) => i > dev && key.test(l));
  return at < 0 ? undefined : at + 1;
}

function httpUrl(value: string | undefined): string | undefined {
  return value && /^https?:\/\/[^\s]+$/.test(value) ? value : undefined;
}

/**
 * The links the card offers; none that cannot be built. All from what was already read: the
 * Application (its `summary.externalURLs` are Argo CD's Ingress hosts), the workload, the manifest.
 */
export function deriveLinks(
  objects: FetchedDevObjects,
  argo: ArgoStatus,
  workload: WorkloadStatus,
  lookup: DevEntryLookup,
): DevLinks {
  const { target, repo, argocdBaseUrl } = objects;
  const application = objects.application.ok
    ? objects.application.value
    : undefined;
  const external = application?.status?.summary?.externalURLs
    ?.map(httpUrl)
    .find(Boolean);
  const app =
    (workload.state === 'ok' ? workload.serverUrl : undefined) ?? external;
  const line =
    lookup.state === 'found'
      ? entryLine(repo.manifest?.content, lookup.name)
      : undefined;
  const manifest = repo.links.manifest;
  return {
    ...(argocdBaseUrl && argo.state === 'ok'
      ? {
          argocd: `${argocdBaseUrl}/applications/${encodeURIComponent(
            target.application.namespace,
          )}/${encodeURIComponent(target.application.name)}`,
        }
      : {}),
    ...(app ? { app } : {}),
    ...(manifest && lookup.state === 'found'
      ? { devEntry: line ? `${manifest}#L${line}` : manifest }
      : {}),
    ...(repo.links.applicationFile && argo.state !== 'error'
      ? { applicationFile: repo.links.applicationFile }
      : {}),
    ...(repo.links.valuesFile ? { valuesFile: repo.links.valuesFile } : {}),
  };
}
