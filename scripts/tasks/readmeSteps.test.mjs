// The README step parser of the fresh-app step, on small READMEs, and on the real one: every
// step it marks parses. Run by the `pack` step (`node --test`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  commandsOf,
  insertBefore,
  mergeConfig,
  readmeSteps,
  sharedAppProblem,
  stepsFor,
  variantConfig,
} from './readmeSteps.mjs';
import { FRESH_APP_VARIANTS, variantsOf, withTarballs } from './fresh-app.mjs';

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

const README = [
  'Intro',
  '<!-- fresh-app: run -->',
  '',
  '```sh',
  '# from the root',
  'yarn --cwd packages/app add @okteto-dev/plugin-okteto-dev',
  'mkdir -p a \\',
  '  b',
  '```',
  'text',
  '<!-- fresh-app: insert packages/backend/src/index.ts before "backend.start();" -->',
  '```ts',
  "backend.add(import('x'));",
  '```',
  '<!-- fresh-app: merge app-config.yaml variant=kubernetes -->',
  '```yaml',
  'kubernetes: {}',
  '```',
  '```sh',
  'not a step',
  '```',
].join('\n');

test('finds the marked blocks in order, with their verb, file and variant', () => {
  const steps = readmeSteps(README);
  assert.deepEqual(
    steps.map(({ verb, file, before, variant, lang, line }) => ({
      verb,
      file,
      before,
      variant,
      lang,
      line,
    })),
    [
      {
        verb: 'run',
        file: undefined,
        before: undefined,
        variant: undefined,
        lang: 'sh',
        line: 2,
      },
      {
        verb: 'insert',
        file: 'packages/backend/src/index.ts',
        before: 'backend.start();',
        variant: undefined,
        lang: 'ts',
        line: 11,
      },
      {
        verb: 'merge',
        file: 'app-config.yaml',
        before: undefined,
        variant: 'kubernetes',
        lang: 'yaml',
        line: 15,
      },
    ],
  );
  assert.deepEqual(
    stepsFor(steps, 'argocd-api').map(s => s.verb),
    ['run', 'insert'],
  );
  assert.deepEqual(commandsOf(steps[0].code), [
    'yarn --cwd packages/app add @okteto-dev/plugin-okteto-dev',
    'mkdir -p a b',
  ]);
});

test('a marker without its block, or an unknown verb, is an error', () => {
  assert.throws(
    () => readmeSteps('<!-- fresh-app: run -->\ntext\n'),
    /not followed by a fenced block/,
  );
  assert.throws(
    () => readmeSteps('<!-- fresh-app: delete x -->\n```\n```\n'),
    /unknown fresh-app step/,
  );
});

test('merge appends to lists once, merges objects, replaces the rest', () => {
  assert.deepEqual(
    mergeConfig(
      {
        catalog: { locations: [{ target: 'a' }], rules: [1] },
        kubernetes: null,
      },
      {
        catalog: { locations: [{ target: 'a' }, { target: 'b' }] },
        kubernetes: { x: 1 },
      },
    ),
    {
      catalog: { locations: [{ target: 'a' }, { target: 'b' }], rules: [1] },
      kubernetes: { x: 1 },
    },
  );
});

test('insert goes before the marked line, at its indentation', () => {
  assert.equal(
    insertBefore('a\n  backend.start();\n', 'backend.start();', 'x();\n'),
    'a\n  x();\n\n  backend.start();\n',
  );
  assert.throws(() => insertBefore('a\n', 'nope', 'x'), /no line holds/);
});

test('our packages in a command become their tarballs, nothing else does', () => {
  assert.equal(
    withTarballs(
      'yarn add @okteto-dev/a @backstage/b && cp node_modules/@okteto-dev/a/t .',
      { '@okteto-dev/a': '/p/a.tgz' },
    ),
    'yarn add @okteto-dev/a@file:/p/a.tgz @backstage/b && cp node_modules/@okteto-dev/a/t .',
  );
  assert.throws(
    () => withTarballs('yarn add @okteto-dev/zz', {}),
    /no tarball/,
  );
});

test('variants share one app only when their steps are merges into app-config.yaml', () => {
  const steps = readmeSteps(README);
  assert.equal(sharedAppProblem(steps), undefined);
  const withRun = readmeSteps(
    `${README}\n<!-- fresh-app: run variant=x -->\n\n\`\`\`sh\nyarn add y\n\`\`\`\n`,
  );
  assert.match(sharedAppProblem(withRun), /variant x that is not a merge/);
  const intoPackageJson = readmeSteps(
    `${README}\n<!-- fresh-app: merge package.json variant=x -->\n\`\`\`json\n{}\n\`\`\`\n`,
  );
  assert.match(
    sharedAppProblem(intoPackageJson),
    /not a merge into app-config.yaml/,
  );
});

test("a variant's app-config.yaml: the base with every merge of that variant, in order", () => {
  const markdown = [
    '<!-- fresh-app: merge app-config.yaml -->',
    '```yaml',
    'a: [1]',
    '```',
    '<!-- fresh-app: merge app-config.yaml variant=one -->',
    '```yaml',
    'one: true',
    'a: [2]',
    '```',
    '<!-- fresh-app: merge app-config.yaml variant=two -->',
    '```yaml',
    'two: true',
    '```',
    '<!-- fresh-app: merge package.json -->',
    '```json',
    '{ "p": 1 }',
    '```',
  ].join('\n');
  const steps = readmeSteps(markdown);
  // a YAML reader for these one-line blocks
  const parse = code =>
    Object.fromEntries(
      code
        .trim()
        .split('\n')
        .map(line => line.split(': '))
        .map(([k, v]) => [k, JSON.parse(v)]),
    );
  const base = { a: [0], base: 1 };
  assert.deepEqual(variantConfig(base, steps, 'one', parse), {
    a: [0, 1, 2],
    base: 1,
    one: true,
  });
  assert.deepEqual(variantConfig(base, steps, 'two', parse), {
    a: [0, 1],
    base: 1,
    two: true,
  });
  assert.deepEqual(base, { a: [0], base: 1 });
});

test('--variant names one variant or all of them', () => {
  assert.deepEqual(variantsOf('all'), FRESH_APP_VARIANTS);
  assert.deepEqual(variantsOf('argocd-api'), ['argocd-api']);
  assert.throws(() => variantsOf('gitlab'), /no fresh-app variant 'gitlab'/);
});

test("the root README's install steps parse, and each variant gets its clusters and its Argo CD", () => {
  const steps = readmeSteps(
    fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'),
  );
  assert.ok(steps.some(s => s.verb === 'run'));
  assert.ok(steps.some(s => s.verb === 'insert'));
  for (const variant of FRESH_APP_VARIANTS) {
    assert.ok(
      stepsFor(steps, variant).some(
        s => s.verb === 'merge' && s.code.includes('clusterLocatorMethods'),
      ),
      `variant ${variant} configures the clusters`,
    );
  }
  const appLocator = variant =>
    stepsFor(steps, variant).some(s => s.code.includes('appLocatorMethods'));
  assert.equal(appLocator('kubernetes'), false);
  assert.equal(appLocator('argocd-api'), true);
  // every variant the README marks is one the test runs; all can share one app
  for (const s of steps.filter(step => step.variant)) {
    assert.ok(FRESH_APP_VARIANTS.includes(s.variant), s.variant);
  }
  assert.equal(sharedAppProblem(steps), undefined);
});
