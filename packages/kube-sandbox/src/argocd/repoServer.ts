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
