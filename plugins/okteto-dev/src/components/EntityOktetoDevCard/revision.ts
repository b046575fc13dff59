/** The first 7 characters of a commit SHA, the way Git shows it. */
export function shortSha(revision: string): string {
  return /^[0-9a-f]{40}$/i.test(revision) ? revision.slice(0, 7) : revision;
}

const HOSTS: Record<string, (base: string, sha: string) => string> = {
  'github.com': (base, sha) => `${base}/commit/${sha}`,
  'gitlab.com': (base, sha) => `${base}/-/commit/${sha}`,
};

/**
 * Link to the commit Argo CD synced: the backend's `revisionUrl` when set, else one derived from
 * a github.com or gitlab.com repo URL (https or scp-like `git@host:owner/repo.git`).
 */
export function commitUrl(options: {
  revision?: string;
  revisionUrl?: string;
  repoURL?: string;
}): string | undefined {
  const { revision, revisionUrl, repoURL } = options;
  if (revisionUrl) {
    return revisionUrl;
  }
  if (!revision || !repoURL || !/^[0-9a-f]{7,40}$/i.test(revision)) {
    return undefined;
  }
  const match =
    /^(?:https:\/\/|git@)(github\.com|gitlab\.com)[/:]([^?#]+?)(?:\.git)?\/?$/.exec(
      repoURL.trim(),
    );
  if (!match) {
    return undefined;
  }
  const [, host, path] = match;
  return HOSTS[host](`https://${host}/${path}`, revision);
}
