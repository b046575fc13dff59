/*
 * What the application controller writes when the repo-server cannot render a Helm source, in
 * Argo CD's words: controller/state.go ("failed to generate manifest for source %d of %d"), the
 * gRPC error of the repo-server, util/helm/helm.go ("failed to execute helm template command"),
 * util/helm/cmd.go ("failed running helm", the command with `<api versions removed>`) and
 * reposerver/repository/repository.go (the checkout's path redacted as
 * `<path to cached source>`). The sandbox runs no Helm: `helmError` is what `helm template` said,
 * with the checkout's root already redacted.
 */
export interface HelmTemplateFailure {
  /** The release name (the Application's name, as Argo CD passes it). */
  releaseName: string;
  namespace: string;
  /** `major.minor.patch` of the destination cluster. */
  kubeVersion: string;
  /** The value files, relative to the repository root. */
  valueFiles: string[];
  /** helm's stderr, e.g. `Error: open <path to cached source>/deploy/env/…: no such file or directory`. */
  helmError: string;
  sourceIndex?: number;
  sources?: number;
}

export const CACHED_SOURCE = '<path to cached source>';

export function helmTemplateError(f: HelmTemplateFailure): string {
  const values = f.valueFiles
    .map(v => `--values ${CACHED_SOURCE}/${v}`)
    .join(' ');
  const command = `helm template . --name-template ${f.releaseName} --namespace ${f.namespace} --kube-version ${f.kubeVersion} ${values} <api versions removed> --include-crds`;
  return `failed to generate manifest for source ${f.sourceIndex ?? 1} of ${
    f.sources ?? 1
  }: rpc error: code = Unknown desc = failed to execute helm template command: failed running helm: \`${command}\` failed exit status 1: ${
    f.helmError
  }`;
}

/**
 * How many generations of one source at one revision may fail in a row before the repo-server
 * stops running them and answers from its cache (argo-cd cmd/argocd-repo-server:
 * `ARGOCD_REPO_SERVER_PAUSE_GEN_AFTER_FAILED_ATTEMPTS`, default 3, for
 * `ARGOCD_REPO_SERVER_PAUSE_GEN_MINUTES`, default 60).
 */
const PAUSE_GENERATION_AFTER_FAILED_ATTEMPTS = 3;

const RPC_UNKNOWN = 'rpc error: code = Unknown desc = ';

/**
 * The repo-server's answer to the `attempt`-th request in a row (from 1) for a source whose
 * generation fails with `message`: from the attempt after the
 * {@link PAUSE_GENERATION_AFTER_FAILED_ATTEMPTS}-th on, the cached error, prefixed
 * "Manifest generation error (cached): " (reposerver/repository/repository.go
 * getManifestCacheEntry, cachedManifestGenerationPrefix). Messages that are no repo-server
 * error are returned as they are.
 */
export function repoServerAnswer(message: string, attempt: number): string {
  const at = message.indexOf(RPC_UNKNOWN);
  if (at < 0 || attempt <= PAUSE_GENERATION_AFTER_FAILED_ATTEMPTS) {
    return message;
  }
  const start = at + RPC_UNKNOWN.length;
  return `${message.slice(0, start)}Manifest generation error (cached): ${message.slice(start)}`;
}
