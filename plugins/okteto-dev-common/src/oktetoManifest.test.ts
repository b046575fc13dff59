import {
  devEntryPreparesDependencies,
  devEntrySyncFolders,
  findDevEntriesForWorkload,
  isLegacyOktetoManifest,
  joinRepoPath,
  stignorePathForDevEntry,
} from './oktetoManifest';

const manifest = {
  name: 'web-core',
  dev: {
    'web-synestra-io-dev': {
      selector: {
        'app.kubernetes.io/name': 'web-app',
        'app.kubernetes.io/instance': 'web-synestra-io-dev',
      },
      container: 'app',
      command:
        "sh -lc 'if [ ! -x node_modules/.bin/next ]; then pnpm install --frozen-lockfile; fi; pnpm exec next dev'",
      sync: ['..:/app'],
    },
    'web-synestra-io-dev-web-app': {
      selector: { 'app.kubernetes.io/instance': 'web-synestra-io-dev' },
      sync: ['..:/app'],
    },
    'web-shop-dev-web-app': { image: 'node:22', sync: ['.:/app'] },
  },
};

const synestraWorkload = {
  name: 'web-synestra-io-dev-web-app',
  labels: {
    'app.kubernetes.io/name': 'web-app',
    'app.kubernetes.io/instance': 'web-synestra-io-dev',
  },
};

describe('findDevEntriesForWorkload', () => {
  it('matches by selector, preferred name first', () => {
    const found = findDevEntriesForWorkload(
      manifest,
      synestraWorkload,
      'web-synestra-io-dev-web-app',
    );
    expect(found.map(f => f.name)).toEqual([
      'web-synestra-io-dev-web-app',
      'web-synestra-io-dev',
    ]);
  });

  it('matches by name when there is no selector', () => {
    const found = findDevEntriesForWorkload(manifest, {
      name: 'web-shop-dev-web-app',
      labels: {},
    });
    expect(found.map(f => f.name)).toEqual(['web-shop-dev-web-app']);
  });

  it('finds nothing for another workload', () => {
    expect(
      findDevEntriesForWorkload(manifest, {
        name: 'web-corporate-dev-web-app',
      }),
    ).toEqual([]);
  });
});

describe('sync folders and .stignore', () => {
  it('resolves ..:/app from .okteto/okteto.yml to the repository root', () => {
    const entry = manifest.dev['web-synestra-io-dev'];
    expect(devEntrySyncFolders(entry, '.okteto/okteto.yml')).toEqual(['']);
    expect(stignorePathForDevEntry(entry, '.okteto/okteto.yml')).toBe(
      '.stignore',
    );
  });

  it('resolves a nested manifest', () => {
    expect(
      stignorePathForDevEntry({ sync: ['.:/app'] }, 'apps/shop/okteto.yml'),
    ).toBe('apps/shop/.stignore');
    expect(
      stignorePathForDevEntry(
        { sync: { folders: [{ localPath: '..', remotePath: '/app' }] } },
        'apps/shop/okteto.yml',
      ),
    ).toBe('apps/.stignore');
  });

  it('refuses to leave the repository', () => {
    expect(joinRepoPath('.okteto', '../../etc')).toBeUndefined();
    expect(
      devEntrySyncFolders({ sync: ['../..:/app'] }, '.okteto/okteto.yml'),
    ).toEqual([]);
  });
});

describe('devEntryPreparesDependencies', () => {
  it('passes with an image or an install command', () => {
    expect(devEntryPreparesDependencies({ image: 'node:22' })).toEqual({
      ok: true,
      how: 'image',
    });
    expect(
      devEntryPreparesDependencies(manifest.dev['web-synestra-io-dev']),
    ).toEqual({ ok: true, how: 'command' });
    expect(devEntryPreparesDependencies({ command: ['npm', 'ci'] }).ok).toBe(
      true,
    );
  });

  it('fails without either', () => {
    expect(devEntryPreparesDependencies({ command: 'pnpm dev' })).toEqual({
      ok: false,
    });
  });
});

describe('isLegacyOktetoManifest', () => {
  it('tells v1 from v2', () => {
    expect(
      isLegacyOktetoManifest({ name: 'x', image: 'node', command: 'bash' }),
    ).toBe(true);
    expect(isLegacyOktetoManifest(manifest)).toBe(false);
    expect(isLegacyOktetoManifest({ name: 'x' })).toBe(false);
  });
});
