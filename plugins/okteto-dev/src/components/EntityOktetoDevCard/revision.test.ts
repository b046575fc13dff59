import { commitUrl, shortSha } from './revision';

const sha = '0123456789abcdef0123456789abcdef01234567';

describe('shortSha', () => {
  it('shortens a full SHA to 7 characters and leaves other revisions alone', () => {
    expect(shortSha(sha)).toBe('0123456');
    expect(shortSha('main')).toBe('main');
  });
});

describe('commitUrl', () => {
  it('prefers the backend revisionUrl', () => {
    expect(
      commitUrl({
        revision: sha,
        revisionUrl: 'https://git.example.com/c/1',
        repoURL: 'https://github.com/o/r.git',
      }),
    ).toBe('https://git.example.com/c/1');
  });

  it.each([
    ['https://github.com/o/r.git', `https://github.com/o/r/commit/${sha}`],
    ['https://github.com/o/r', `https://github.com/o/r/commit/${sha}`],
    ['git@github.com:o/r.git', `https://github.com/o/r/commit/${sha}`],
    [
      'https://gitlab.com/g/sub/r.git',
      `https://gitlab.com/g/sub/r/-/commit/${sha}`,
    ],
  ])('derives the commit link from %s', (repoURL, expected) => {
    expect(commitUrl({ revision: sha, repoURL })).toBe(expected);
  });

  it('gives no link for unknown hosts or non-SHA revisions', () => {
    expect(
      commitUrl({ revision: sha, repoURL: 'https://git.example.com/o/r.git' }),
    ).toBeUndefined();
    expect(
      commitUrl({ revision: 'main', repoURL: 'https://github.com/o/r.git' }),
    ).toBeUndefined();
  });
});
