// `npm test -- pack`: builds and packs every published package (plugins/*) the way a release
// does — `backstage-cli package build`, then `npm pack`, whose `prepack` (`backstage-cli package
// prepack`) applies `publishConfig` and points the entry points into `dist`, and whose `postpack`
// restores package.json — and checks each tarball: every entry point resolves to a file inside
// it, none is TypeScript source, the dependencies are ranges an app can install. The fresh-app
// step (scripts/tasks/fresh-app.mjs) installs these same tarballs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The published packages: every folder of plugins/ (packages/* are private test tooling). */
export function publishedPackages(root) {
  const base = path.join(root, 'plugins');
  return fs
    .readdirSync(base)
    .filter(name => fs.existsSync(path.join(base, name, 'package.json')))
    .sort()
    .map(name => {
      const dir = path.join(base, name);
      const manifest = JSON.parse(
        fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
      );
      return { name: manifest.name, dir, manifest };
    });
}

/**
 * Every file an `exports` value points to, with the condition path that leads to it. The
 * `backstage` condition is not a file: it names the default export's feature type
 * (`@backstage/FrontendPlugin`), written by `backstage-cli package prepack`.
 */
function exportTargets(value, where) {
  if (typeof value === 'string') return [{ where, target: value }];
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([key]) => key !== 'backstage')
      .flatMap(([key, inner]) =>
        exportTargets(inner, `${where}[${JSON.stringify(key)}]`),
      );
  }
  return [];
}

/**
 * Where the packed package.json sends a consumer: main, module, types, browser, every `exports`
 * target, every `typesVersions` target, `configSchema` and `bin`. Pure.
 */
export function entryPoints(manifest) {
  const points = [];
  for (const field of ['main', 'module', 'types', 'typings', 'browser']) {
    if (typeof manifest[field] === 'string') {
      points.push({ where: field, target: manifest[field] });
    }
  }
  if (manifest.exports !== undefined) {
    points.push(...exportTargets(manifest.exports, 'exports'));
  }
  for (const [range, map] of Object.entries(manifest.typesVersions ?? {})) {
    for (const [mount, targets] of Object.entries(map ?? {})) {
      for (const target of [].concat(targets)) {
        points.push({ where: `typesVersions[${range}][${mount}]`, target });
      }
    }
  }
  if (typeof manifest.configSchema === 'string') {
    points.push({ where: 'configSchema', target: manifest.configSchema });
  }
  if (typeof manifest.bin === 'string') {
    points.push({ where: 'bin', target: manifest.bin });
  } else {
    for (const [name, target] of Object.entries(manifest.bin ?? {})) {
      points.push({ where: `bin[${name}]`, target });
    }
  }
  return points;
}

const normalise = file => path.posix.normalize(file.replace(/^\.\//, ''));

/**
 * The checks of one packed package: its packed package.json (`manifest`), the files in its tarball
 * (`files`, relative to the package root) and the package.json in the repository before packing
 * (`source`) and after (`restored`). Each check is `{ name, ok, detail }`. Pure.
 */
export function checkPacked({ manifest, files, source, restored }) {
  const inTarball = new Set(files.map(normalise));
  const checks = [];
  const check = (name, ok, detail) => checks.push({ name, ok, detail });
  const points = entryPoints(manifest);

  check(
    'has a main entry point and types',
    typeof manifest.main === 'string' && typeof manifest.types === 'string',
    `main ${manifest.main}, types ${manifest.types}`,
  );
  const missing = points.filter(p => !inTarball.has(normalise(p.target)));
  check(
    'every entry point resolves to a file in the tarball',
    points.length > 0 && missing.length === 0,
    missing.length
      ? `missing: ${missing.map(p => `${p.where} → ${p.target}`).join(', ')}`
      : `${points.length} entry points`,
  );
  const source_ = points.filter(
    p =>
      /(^|\/)src\//.test(normalise(p.target)) ||
      (/\.tsx?$/.test(p.target) && !p.target.endsWith('.d.ts')),
  );
  check(
    'no entry point is TypeScript source',
    source_.length === 0,
    source_.map(p => `${p.where} → ${p.target}`).join(', ') || 'none',
  );
  const sourceFiles = [...inTarball].filter(
    f => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'),
  );
  check(
    'the tarball holds no TypeScript source',
    sourceFiles.length === 0,
    sourceFiles.slice(0, 5).join(', ') || 'none',
  );
  if (source.configSchema) {
    check(
      'the configuration schema is compiled into the tarball',
      manifest.configSchema === 'config.schema.json' &&
        inTarball.has('config.schema.json'),
      `configSchema ${manifest.configSchema}`,
    );
  }
  const role = manifest.backstage?.role;
  if (role === 'frontend-plugin' && manifest.exports?.['./alpha']) {
    // what `app.packages: all` discovers: the `./alpha` export, whose default is the plugin
    check(
      'the new frontend system finds the plugin (exports ./alpha, backstage.features)',
      manifest.backstage?.features?.['./alpha'] === '@backstage/FrontendPlugin',
      JSON.stringify(manifest.backstage?.features ?? {}),
    );
  }
  if (role === 'backend-plugin' || role === 'backend-plugin-module') {
    check(
      'the default export is a backend feature (backstage.features)',
      manifest.backstage?.features?.['.'] === '@backstage/BackendFeature',
      JSON.stringify(manifest.backstage?.features ?? {}),
    );
  }
  const local = Object.entries({
    ...manifest.dependencies,
    ...manifest.peerDependencies,
  }).filter(([, spec]) => /^(workspace:|file:|link:|\.|\/)/.test(spec));
  check(
    'no dependency points into this repository',
    local.length === 0,
    local.map(([n, s]) => `${n}@${s}`).join(', ') || 'none',
  );
  const pinned = Object.entries(manifest.dependencies ?? {}).filter(
    ([name, spec]) =>
      /^@(backstage|okteto-dev)\//.test(name) && !/^\^/.test(spec),
  );
  check(
    'every @backstage/* and @okteto-dev/* dependency is a ^ range',
    pinned.length === 0,
    pinned.map(([n, s]) => `${n}@${s}`).join(', ') || 'all ranges',
  );
  for (const field of ['repository', 'homepage', 'bugs', 'keywords']) {
    check(
      `has ${field}`,
      Boolean(manifest[field]) &&
        (field !== 'repository' || Boolean(manifest.repository?.directory)),
      JSON.stringify(manifest[field]),
    );
  }
  check(
    'postpack restored package.json',
    restored === source.text,
    restored === source.text
      ? 'unchanged'
      : 'package.json differs after npm pack',
  );
  return checks;
}

function runOrThrow(command, args, options) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${
        result.status ?? result.error
      })\n${result.stdout ?? ''}${result.stderr ?? ''}`.slice(0, 6000),
    );
  }
  return result.stdout;
}

/**
 * Builds every published package (declarations with tsc into dist-types first, which
 * `backstage-cli package build` bundles) and packs it into `outDir` with `npm pack`. Returns
 * `[{ name, dir, tarball, manifest, files, source, restored }]`. Prints progress.
 */
export function buildAndPack({ root, say }, outDir) {
  const bin = name => path.join(root, 'node_modules', '.bin', name);
  const started = Date.now();
  say('pack: declarations (tsc into dist-types)');
  runOrThrow(bin('tsc'), ['-p', '.', '--incremental', 'false'], { cwd: root });
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const packed = [];
  for (const pkg of publishedPackages(root)) {
    say(`pack: ${pkg.name}: backstage-cli package build`);
    runOrThrow(bin('backstage-cli'), ['package', 'build'], { cwd: pkg.dir });
    const sourceText = fs.readFileSync(
      path.join(pkg.dir, 'package.json'),
      'utf8',
    );
    say(`pack: ${pkg.name}: npm pack (prepack, postpack)`);
    const out = runOrThrow(
      'npm',
      ['pack', '--json', '--pack-destination', outDir],
      { cwd: pkg.dir, env: { ...process.env, npm_config_fund: 'false' } },
    );
    // npm prints the lifecycle scripts' output before the JSON
    const [info] = JSON.parse(out.slice(out.indexOf('[')));
    const tarball = path.join(outDir, info.filename);
    const manifest = JSON.parse(
      runOrThrow('tar', ['-xzOf', tarball, 'package/package.json']),
    );
    packed.push({
      name: pkg.name,
      dir: pkg.dir,
      tarball,
      manifest,
      files: info.files.map(f => f.path),
      source: { text: sourceText, configSchema: pkg.manifest.configSchema },
      restored: fs.readFileSync(path.join(pkg.dir, 'package.json'), 'utf8'),
    });
  }
  say(
    `pack: ${packed.length} tarballs in ${path.relative(
      root,
      outDir,
    )} (${Math.round((Date.now() - started) / 1000)} s)`,
  );
  return packed;
}

/** The tarballs' folder, shared by the pack and fresh-app steps of one run. */
export function packDir(root) {
  return path.join(root, '.cache', 'packs');
}

/**
 * The `pack` step: returns `{ passed, failed, packed }`, one test per check and package. A build
 * or pack that fails counts as one failed test for the package.
 */
export function packStep(ctx) {
  const { say } = ctx;
  // the checks' own tests, and the README parser's (scripts/tasks/*.test.mjs), first
  const self = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-reporter=tap',
      ...fs
        .readdirSync(path.join(ctx.root, 'scripts', 'tasks'))
        .filter(f => f.endsWith('.test.mjs'))
        .map(f => path.join('scripts', 'tasks', f)),
    ],
    { cwd: ctx.root, encoding: 'utf8' },
  );
  const count = name =>
    Number(
      new RegExp(`^# ${name} (\\d+)$`, 'm').exec(self.stdout ?? '')?.[1] ?? 0,
    );
  const selfPassed = count('pass');
  const selfFailed = count('fail') || (self.status === 0 ? 0 : 1);
  say(
    `pack: scripts/tasks/*.test.mjs: ${selfPassed} passed, ${selfFailed} failed`,
  );
  if (selfFailed > 0) process.stdout.write(self.stdout ?? '');
  let packed;
  try {
    packed = buildAndPack(ctx, packDir(ctx.root));
  } catch (error) {
    say(`pack: FAILED: ${error.message}`);
    return { passed: selfPassed, failed: selfFailed + 1, packed: undefined };
  }
  let passed = selfPassed;
  let failed = selfFailed;
  for (const pkg of packed) {
    for (const c of checkPacked(pkg)) {
      if (c.ok) passed++;
      else failed++;
      say(`pack: ${c.ok ? '✓' : '✕'} ${pkg.name}: ${c.name} (${c.detail})`);
    }
  }
  return { passed, failed, packed };
}
