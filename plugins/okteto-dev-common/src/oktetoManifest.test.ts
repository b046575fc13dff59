import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  getDevEntries,
  devEntryPreparesDependencies,
  devEntrySyncFolders,
  findDevEntriesForWorkload,
  isLegacyOktetoManifest,
  joinRepoPath,
  stignorePathsForDevEntry,
  devEntryAppDir,
  devEntryCommand,
  isValidDevName,
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
    expect(stignorePathsForDevEntry(entry, '.okteto/okteto.yml')).toEqual([
      '.stignore',
    ]);
  });

  it('reads one .stignore per sync folder (okteto cmd/up/stignore.go)', () => {
    expect(
      stignorePathsForDevEntry(
        { sync: ['..:/app', '../packages/ui:/ui', '..:/again'] },
        '.okteto/okteto.yml',
      ),
    ).toEqual(['.stignore', 'packages/ui/.stignore']);
  });

  it('resolves a nested manifest', () => {
    expect(
      stignorePathsForDevEntry({ sync: ['.:/app'] }, 'apps/shop/okteto.yml'),
    ).toEqual(['apps/shop/.stignore']);
    expect(
      stignorePathsForDevEntry(
        { sync: { folders: [{ localPath: '..', remotePath: '/app' }] } },
        'apps/shop/okteto.yml',
      ),
    ).toEqual(['apps/.stignore']);
  });

  it('refuses to leave the repository', () => {
    expect(joinRepoPath('.okteto', '../../etc')).toBeUndefined();
    expect(
      devEntrySyncFolders({ sync: ['../..:/app'] }, '.okteto/okteto.yml'),
    ).toEqual([]);
  });
});

describe('devEntryAppDir: the workdir mapped back through the sync folders', () => {
  // NeoGrAIph/web-core .okteto/okteto.yml at 085b35942fcd2dedb8aa9d9efed3bdb7023845cb, verbatim
  const webCore = getDevEntries(
    parse(
      fs.readFileSync(
        path.join(__dirname, '__fixtures__', 'web-core-okteto.yml'),
        'utf8',
      ),
    ),
  );

  it("gives web-core's app folders, which do not follow the entry names", () => {
    expect(
      devEntryAppDir(webCore['web-synestra-io-dev'], '.okteto/okteto.yml'),
    ).toBe('apps/synestra-io');
    expect(
      devEntryAppDir(webCore['web-payload-dev'], '.okteto/okteto.yml'),
    ).toBe('apps/payload-core');
    expect(devEntryCommand(webCore['web-payload-dev'])).toMatch(
      /pnpm exec next dev/,
    );
  });

  it('picks the sync folder whose remote path holds the workdir, the longest first', () => {
    expect(
      devEntryAppDir(
        {
          workdir: '/src/web/apps/blog/',
          sync: ['..:/src', '../web:/src/web'],
        },
        '.okteto/okteto.yml',
      ),
    ).toBe('web/apps/blog');
    expect(
      devEntryAppDir(
        { workdir: '/app', sync: [{ localPath: '.', remotePath: '/app' }] },
        'apps/shop/okteto.yml',
      ),
    ).toBe('apps/shop');
  });

  it('is undefined without a workdir inside a synced folder', () => {
    expect(
      devEntryAppDir({ sync: ['..:/app'] }, '.okteto/okteto.yml'),
    ).toBeUndefined();
    expect(
      devEntryAppDir(
        { workdir: '/opt/x', sync: ['..:/app'] },
        '.okteto/okteto.yml',
      ),
    ).toBeUndefined();
    expect(
      devEntryAppDir(
        { workdir: '/app/../../etc', sync: ['..:/app'] },
        '.okteto/okteto.yml',
      ),
    ).toBeUndefined();
  });
});

describe('devEntryCommand and isValidDevName', () => {
  it('gives the command as one line', () => {
    expect(devEntryCommand({ command: ['pnpm', 'dev'] })).toBe('pnpm dev');
    expect(devEntryCommand({ command: '  bash ' })).toBe('bash');
    expect(devEntryCommand({})).toBeUndefined();
  });

  it('accepts the names okteto pkg/model/dev.go Validate accepts', () => {
    expect(isValidDevName('web-synestra-io-dev')).toBe(true);
    expect(isValidDevName('-web')).toBe(false);
    expect(isValidDevName('web-')).toBe(false);
    expect(isValidDevName('Web_Dev')).toBe(false);
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

  it('fails an image that is not a string (okteto schema.json Dev.Image)', () => {
    expect(
      devEntryPreparesDependencies({ image: { name: 'node:22' } }),
    ).toEqual({
      ok: false,
      problem: 'image-not-string',
    });
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
