// The tarball checks of pack.mjs on hand-made manifests: each check must fail on the mistake it
// exists for. Run by the `pack` step (`node --test`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPacked, entryPoints } from './pack.mjs';

/** A packed backend plugin as `backstage-cli package prepack` leaves it. */
function backend(overrides = {}) {
  const manifest = {
    name: '@okteto-dev/plugin-x-backend',
    main: 'dist/index.cjs.js',
    types: 'dist/index.d.ts',
    configSchema: 'config.schema.json',
    backstage: {
      role: 'backend-plugin',
      features: { '.': '@backstage/BackendFeature' },
    },
    repository: {
      type: 'git',
      url: 'https://example.com/x.git',
      directory: 'plugins/x-backend',
    },
    homepage: 'https://example.com',
    bugs: { url: 'https://example.com/issues' },
    keywords: ['backstage'],
    dependencies: { '@backstage/backend-plugin-api': '^1.12.0' },
    ...overrides,
  };
  const text = '{"name":"@okteto-dev/plugin-x-backend"}\n';
  return {
    manifest,
    files: [
      'package.json',
      'dist/index.cjs.js',
      'dist/index.d.ts',
      'config.schema.json',
    ],
    source: { text, configSchema: 'config.d.ts' },
    restored: text,
  };
}

const failed = packed =>
  checkPacked(packed)
    .filter(c => !c.ok)
    .map(c => c.name);

test('a package as prepack leaves it passes every check', () => {
  assert.deepEqual(failed(backend()), []);
});

test('an entry point into src or a missing file fails', () => {
  assert.deepEqual(
    failed(backend({ main: 'src/index.ts', types: 'src/index.ts' })),
    [
      'every entry point resolves to a file in the tarball',
      'no entry point is TypeScript source',
    ],
  );
});

test('every exports and typesVersions target counts; the backstage condition is no file', () => {
  const manifest = {
    exports: {
      '.': { import: './dist/index.esm.js', types: './dist/index.d.ts' },
      './alpha': {
        backstage: '@backstage/FrontendPlugin',
        import: './dist/alpha.esm.js',
      },
      './package.json': './package.json',
    },
    typesVersions: { '*': { alpha: ['dist/alpha.d.ts'] } },
    bin: { x: 'bin/x' },
  };
  assert.deepEqual(
    entryPoints(manifest).map(p => p.target),
    [
      './dist/index.esm.js',
      './dist/index.d.ts',
      './dist/alpha.esm.js',
      './package.json',
      'dist/alpha.d.ts',
      'bin/x',
    ],
  );
});

test('a pinned or local dependency, a lost config schema, a missing feature fail', () => {
  assert.deepEqual(
    failed(
      backend({
        configSchema: 'config.d.ts',
        backstage: { role: 'backend-plugin' },
        dependencies: {
          '@backstage/backend-plugin-api': '1.12.0',
          '@okteto-dev/plugin-x-common': 'workspace:^',
        },
      }),
    ),
    [
      'every entry point resolves to a file in the tarball',
      'the configuration schema is compiled into the tarball',
      'the default export is a backend feature (backstage.features)',
      'no dependency points into this repository',
      'every @backstage/* and @okteto-dev/* dependency is a ^ range',
    ],
  );
});

test('TypeScript source in the tarball and a package.json postpack did not restore fail', () => {
  const packed = backend();
  packed.files.push('src/index.ts');
  packed.restored = '{"main":"dist/index.cjs.js"}\n';
  assert.deepEqual(failed(packed), [
    'the tarball holds no TypeScript source',
    'postpack restored package.json',
  ]);
});

test('a frontend plugin must be discoverable through ./alpha', () => {
  const packed = backend({
    backstage: { role: 'frontend-plugin' },
    exports: { './alpha': { import: './dist/index.cjs.js' } },
  });
  assert.deepEqual(failed(packed), [
    'the new frontend system finds the plugin (exports ./alpha, backstage.features)',
  ]);
});
