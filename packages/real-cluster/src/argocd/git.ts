import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A git repository on disk that Argo CD's repo-server reads through a `file://` URL, as Argo CD's
 * own e2e tests do (test/e2e/fixture/fixture.go: `"file://" + repoDirectory()`).
 */
export interface GitRepo {
  dir: string;
  /** `file://<dir>`: the Application's spec.source.repoURL. */
  url: string;
  branch: string;
  /** Writes the files (path relative to the repo → content; null deletes), commits them, returns the sha. */
  commit(files: Record<string, string | null>, message?: string): string;
  /** The sha of the branch head. */
  head(): string;
}

const gitEnv = {
  GIT_AUTHOR_NAME: 'okteto-dev tests',
  GIT_AUTHOR_EMAIL: 'tests@okteto-dev.invalid',
  GIT_COMMITTER_NAME: 'okteto-dev tests',
  GIT_COMMITTER_EMAIL: 'tests@okteto-dev.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, ...gitEnv, HOME: dir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** `git init` in `dir` (created) on `branch`, with a first commit of `files`. */
export function createGitRepo(
  dir: string,
  files: Record<string, string>,
  { branch = 'main' }: { branch?: string } = {},
): GitRepo {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', branch]);
  const repo: GitRepo = {
    dir,
    url: `file://${dir}`,
    branch,
    commit(changes, message = 'update') {
      for (const [file, content] of Object.entries(changes)) {
        const full = path.join(dir, file);
        if (content === null) {
          fs.rmSync(full, { force: true });
        } else {
          fs.mkdirSync(path.dirname(full), { recursive: true });
          fs.writeFileSync(full, content);
        }
      }
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-q', '--allow-empty', '-m', message]);
      return repo.head();
    },
    head: () => git(dir, ['rev-parse', 'HEAD']),
  };
  repo.commit(files, 'initial');
  return repo;
}
