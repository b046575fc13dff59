// `npm test -- fresh-app`: our packed packages in a Backstage app made the way an adopter makes
// one, with nothing of this repository's but the tarballs and the README.
//   1. Yarn: corepack from the npm registry (.cache/fresh-app/corepack), its shims on PATH, Yarn
//      itself fetched by corepack from the npm registry as well;
//   2. `npx @backstage/create-app@<backstage.json createApp> --skip-install` into a new folder
//      outside this repository (so Node and webpack cannot find our node_modules from there);
//   3. the install steps of the root README, read from it (scripts/tasks/readmeSteps.mjs): the
//      version alignment, `yarn add` of our packages (their tarballs in place of the registry), the
//      backend's `backend.add(...)`, the templates, app-config;
//   4. checks of what the app resolved: our dependencies inside our ranges and sharing the app's
//      copy of each @backstage/* package, better-sqlite3 built for the Node that runs the app;
//   5. `yarn tsc` and the frontend build;
//   6. per variant (e2e/freshAppVariants.ts): its app-config.yaml (create-app's, with the README's
//      merges for that variant), then e2e/fresh-app.ts: what the variant starts (the kube-sandbox;
//      or the real cluster and the real Argo CD), the GitHub stand-in, the app's backend serving
//      its built frontend, Chromium on the new frontend system.
// The variants share one app: the README's variant blocks may only be merges into
// app-config.yaml, which the backend reads when it starts (readmeSteps.mjs, sharedAppProblem), so
// a second variant costs its own start and browser tests, not another install and build.
// Cached between runs on one machine: corepack, Yarn and Yarn's package cache (.cache/fresh-app);
// everything else is made anew. Each step prints its time.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildAndPack, packDir } from './pack.mjs';
import {
  commandsOf,
  insertBefore,
  mergeConfig,
  readmeSteps,
  sharedAppProblem,
  stepsFor,
  VARIANT_FILE,
  variantConfig,
} from './readmeSteps.mjs';
import { tsArgs } from './common.mjs';
import { startGoBuild } from './realCluster.mjs';

/** corepack from the npm registry: the version whose shims give the app its Yarn. */
const COREPACK = 'corepack@0.36.0';
/** The app's name (create-app asks for it; BACKSTAGE_APP_NAME answers). */
const APP_NAME = 'okteto-dev-fresh-app';
/** The app's folder, in the system's temporary folder: outside this repository. */
const APP_DIR_PREFIX = 'okteto-dev-fresh-app-';
/**
 * The variants of e2e/freshAppVariants.ts, in the order they run: how the README's configuration
 * reaches the clusters and Argo CD.
 */
export const FRESH_APP_VARIANTS = ['kubernetes', 'argocd-api'];
/** The variants on the real cluster and the real Argo CD: they need the Go builds of packages/real-cluster. */
const REAL_CLUSTER_VARIANTS = new Set(['argocd-api']);
/** `--variant` when none is given: every variant, on one app. */
export const DEFAULT_VARIANT = 'all';

/** The variants `--variant=<value>` names: one, or all of them for `all`. */
export function variantsOf(value) {
  if (value === 'all') return [...FRESH_APP_VARIANTS];
  if (!FRESH_APP_VARIANTS.includes(value)) {
    throw new Error(
      `no fresh-app variant '${value}': use all or one of ${FRESH_APP_VARIANTS.join(
        ', ',
      )}`,
    );
  }
  return [value];
}

const seconds = since => `${Math.round((Date.now() - since) / 1000)} s`;

/** In an app's folder: the pid of the run that made it. */
const OWNER_FILE = '.okteto-dev-fresh-app-pid';

/**
 * Whether the run that made the app in `dir` is still running (its pid is alive). A folder
 * without the file (an older run) counts as in use for its first 3 hours.
 */
function inUse(dir) {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if (error.code === 'EPERM') return true;
    if (error.code !== 'ENOENT') return false;
    try {
      return Date.now() - fs.statSync(dir).mtimeMs < 3 * 3600_000;
    } catch {
      return false;
    }
  }
}

function npmRegistry() {
  const out = spawnSync('npm', ['config', 'get', 'registry'], {
    encoding: 'utf8',
  });
  const registry = (out.stdout ?? '').trim();
  return registry && registry !== 'undefined'
    ? registry.replace(/\/?$/, '/')
    : 'https://registry.npmjs.org/';
}

/** The folder holding include/node/node.h of the Node that runs us, for node-gyp. */
function nodeHeaders() {
  const prefix = path.dirname(path.dirname(process.execPath));
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))
    ? prefix
    : undefined;
}

/** Runs a command with its output shown; throws with the command when it fails. */
function sh(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${
        result.status ?? result.error?.message
      }) in ${options?.cwd ?? process.cwd()}`,
    );
  }
}

/**
 * Yarn as create-app wants it: corepack installed from the npm registry into .cache, its shims in
 * a folder of ours first on PATH, downloads from the npm registry only. Returns the environment
 * every later command runs in.
 */
function yarnEnvironment({ root, say }) {
  const cache = path.join(root, '.cache', 'fresh-app');
  const corepackDir = path.join(cache, 'corepack');
  const corepackBin = path.join(
    corepackDir,
    'node_modules',
    'corepack',
    'dist',
    'corepack.js',
  );
  if (!fs.existsSync(corepackBin)) {
    say(`fresh-app: installing ${COREPACK} from the npm registry`);
    sh(
      'npm',
      [
        'install',
        '--prefix',
        corepackDir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        COREPACK,
      ],
      { cwd: root },
    );
  }
  const shims = path.join(cache, 'bin');
  fs.mkdirSync(shims, { recursive: true });
  sh(
    process.execPath,
    [corepackBin, 'enable', '--install-directory', shims, 'yarn'],
    {
      cwd: root,
    },
  );
  const registry = npmRegistry();
  const headers = nodeHeaders();
  if (!headers) {
    say(
      `fresh-app: no Node headers next to ${process.execPath}: native modules build against what node-gyp finds`,
    );
  }
  const env = {
    ...process.env,
    PATH: [shims, path.dirname(process.execPath), process.env.PATH].join(
      path.delimiter,
    ),
    COREPACK_HOME: path.join(cache, 'corepack-home'),
    // corepack's look-up of the newest Yarn fails its signature check here; the app pins its Yarn
    COREPACK_DEFAULT_TO_LATEST: '0',
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    COREPACK_NPM_REGISTRY: registry.replace(/\/$/, ''),
    YARN_NPM_REGISTRY_SERVER: registry.replace(/\/$/, ''),
    // Yarn's package cache, kept between runs (the app's own folder is new each time)
    YARN_GLOBAL_FOLDER: path.join(cache, 'yarn'),
    YARN_ENABLE_GLOBAL_CACHE: 'true',
    // `yarn add` writes the lockfile: CI=true would make installs immutable
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: 'false',
    BACKSTAGE_APP_NAME: APP_NAME,
  };
  // better-sqlite3 and any other native module: built against the headers of the Node that runs
  // the app (without this node-gyp may take the system's older Node headers)
  if (headers) env.npm_config_nodedir = headers;
  delete env.npm_config_prefix;
  return env;
}

/** `@okteto-dev/x` in a `yarn add` command → `@okteto-dev/x@file:<its tarball>`. */
export function withTarballs(command, tarballs) {
  return command.replace(
    /(^|\s)(@okteto-dev\/[a-z0-9-]+)(?=\s|$)/g,
    (m, pre, name) => {
      if (!tarballs[name]) throw new Error(`no tarball of ${name}`);
      return `${pre}${name}@file:${tarballs[name]}`;
    },
  );
}

function readStructured(file) {
  const text = fs.readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : yaml().parse(text) ?? {};
}

/** A README block's content (YAML or JSON). */
const parseBlock = (code, lang) =>
  lang === 'json' ? JSON.parse(code) : yaml().parse(code);

function writeStructured(file, value) {
  fs.writeFileSync(
    file,
    file.endsWith('.json')
      ? `${JSON.stringify(value, null, 2)}\n`
      : yaml().stringify(value, { lineWidth: 0 }),
  );
}

let yamlModule;
function yaml() {
  yamlModule ??= createRequire(import.meta.url)('yaml');
  return yamlModule;
}

/** Applies the README's steps for `variant` to the app in `appDir`, in the README's order. */
export function applyReadme({ root, say }, { appDir, env, variant, tarballs }) {
  const steps = stepsFor(
    readmeSteps(fs.readFileSync(path.join(root, 'README.md'), 'utf8')),
    variant,
  );
  if (!steps.some(s => s.verb === 'run')) {
    throw new Error('the README has no fresh-app install steps');
  }
  for (const step of steps) {
    const started = Date.now();
    const where = `README.md:${step.line}`;
    if (step.verb === 'run') {
      for (const command of commandsOf(step.code)) {
        const actual = withTarballs(command, tarballs);
        say(`fresh-app: ${where}: ${command}`);
        sh('sh', ['-c', actual], { cwd: appDir, env });
      }
    } else if (step.verb === 'merge') {
      const file = path.join(appDir, step.file);
      const addition = parseBlock(step.code, step.lang);
      writeStructured(file, mergeConfig(readStructured(file), addition));
      say(`fresh-app: ${where}: merged into ${step.file}`);
    } else if (step.verb === 'insert') {
      const file = path.join(appDir, step.file);
      fs.writeFileSync(
        file,
        insertBefore(fs.readFileSync(file, 'utf8'), step.before, step.code),
      );
      say(`fresh-app: ${where}: inserted into ${step.file}`);
    }
    if (Date.now() - started > 5000) say(`fresh-app: (${seconds(started)})`);
  }
  return steps;
}

/**
 * What the app resolved, from the folders of our installed packages: each dependency inside our
 * declared range, and the same copy the app's own packages get (one @backstage/plugin-catalog-node
 * for the catalog and for us). Returns `[{ name, ok, detail }]`.
 */
export function checkResolutions({ appDir, ourPackages, semver }) {
  const checks = [];
  const requireFrom = dir => createRequire(path.join(dir, 'noop.js'));
  const appRoots = {
    backend: path.join(appDir, 'packages', 'backend'),
    app: path.join(appDir, 'packages', 'app'),
  };
  const resolveManifest = (from, name) => {
    try {
      const file = requireFrom(from).resolve(`${name}/package.json`);
      return {
        file: fs.realpathSync(file),
        ...JSON.parse(fs.readFileSync(file, 'utf8')),
      };
    } catch {
      return undefined;
    }
  };
  for (const name of ourPackages) {
    const own =
      resolveManifest(appRoots.backend, name) ??
      resolveManifest(appRoots.app, name);
    if (!own) {
      checks.push({
        name: `${name} is installed`,
        ok: false,
        detail: 'not found',
      });
      continue;
    }
    const ownDir = path.dirname(own.file);
    const side = own.backstage?.role?.startsWith('frontend')
      ? 'app'
      : 'backend';
    const outside = [];
    const apart = [];
    for (const [dep, range] of Object.entries(own.dependencies ?? {})) {
      const got = resolveManifest(ownDir, dep);
      if (!got) {
        outside.push(`${dep} missing`);
        continue;
      }
      if (!semver.satisfies(got.version, range)) {
        outside.push(`${dep}@${got.version} (we ask ${range})`);
      }
      if (dep.startsWith('@backstage/')) {
        const appCopy = resolveManifest(appRoots[side], dep);
        if (appCopy && appCopy.file !== got.file) {
          apart.push(
            `${dep}: ours ${got.version}, the ${side}'s ${appCopy.version}`,
          );
        }
      }
    }
    checks.push({
      name: `${name}: every dependency resolves inside its range`,
      ok: outside.length === 0,
      detail:
        outside.join(', ') ||
        `${Object.keys(own.dependencies ?? {}).length} dependencies`,
    });
    checks.push({
      name: `${name}: shares the ${side}'s copy of each @backstage/* package`,
      ok: apart.length === 0,
      detail: apart.join(', ') || 'one copy each',
    });
  }
  return checks;
}

/** The Node addons node-gyp built in the app: `build/Release/*.node` below its node_modules. */
function builtAddons(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.bin') continue;
    const full = path.join(dir, entry.name);
    if (entry.name === 'build') {
      const release = path.join(full, 'Release');
      if (fs.existsSync(release)) {
        for (const file of fs.readdirSync(release)) {
          if (file.endsWith('.node')) found.push(path.join(release, file));
        }
      }
      continue;
    }
    builtAddons(full, found);
  }
  return found;
}

/**
 * Each addon built in the app loads in the Node that runs it (a fresh process per addon). Only a
 * mismatch of Node's ABI counts (`NODE_MODULE_VERSION`): some `.node` files are not Node addons
 * (better-sqlite3's SQLite test extension) and refuse to load for that reason alone.
 */
export function checkAddons(appDir, env) {
  const modules = path.join(appDir, 'node_modules');
  const addons = builtAddons(modules);
  const wrong = addons.filter(file => {
    const result = spawnSync(
      process.execPath,
      ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(file)})`],
      { env, encoding: 'utf8' },
    );
    return result.status !== 0 && /NODE_MODULE_VERSION/.test(result.stderr);
  });
  const packages = [
    ...new Set(addons.map(f => path.relative(modules, f).split('/build/')[0])),
  ];
  return {
    name: `the native addons built in the app load in Node ${process.versions.node} (ABI ${process.versions.modules})`,
    ok: addons.length > 0 && wrong.length === 0,
    detail: wrong.length
      ? `built for another Node: ${wrong
          .map(f => path.relative(appDir, f))
          .join(', ')}`
      : `${addons.length} addons of ${packages.join(', ')}`,
  };
}

/** Reports one check and counts it. */
function counter(say) {
  const counts = { passed: 0, failed: 0 };
  const record = c => {
    counts[c.ok ? 'passed' : 'failed']++;
    say(`fresh-app: ${c.ok ? '✓' : '✕'} ${c.name} (${c.detail})`);
  };
  return { counts, record };
}

/**
 * Runs e2e/fresh-app.ts for one variant on the built app; adds its report to `counts`.
 */
async function browserTests(ctx, { appDir, env, variant, counts }) {
  const { root, say } = ctx;
  const t = Date.now();
  say(`fresh-app: e2e/fresh-app.ts --variant=${variant}, in Chromium`);
  const report = path.join(appDir, `e2e-report-${variant}.json`);
  const status = await new Promise(resolve => {
    const child = spawn(
      process.execPath,
      tsArgs(root, 'e2e/fresh-app.ts', [
        `--app=${appDir}`,
        `--variant=${variant}`,
        `--report=${report}`,
      ]),
      { cwd: root, env, stdio: 'inherit' },
    );
    child.on('exit', code => resolve(code ?? 1));
  });
  if (fs.existsSync(report)) {
    const result = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts.passed += result.passed;
    counts.failed += result.failed;
  } else {
    counts.failed++;
  }
  say(
    `fresh-app: variant ${variant}: browser tests done (${seconds(
      t,
    )}, exit ${status})`,
  );
}

/**
 * The whole step. Returns `{ passed, failed }`: the install checks and the browser tests; a step
 * that cannot go on counts as one failure. `options.variant` picks the README's variant blocks and
 * the test's matching environment (e2e/freshAppVariants.ts), `all` (the default) every variant on
 * one app; `options.packed` are tarballs the pack step made in this run.
 */
export async function freshAppStep(ctx, options = {}) {
  const { root, say } = ctx;
  const started = Date.now();
  const { counts, record } = counter(say);
  let appDir;
  try {
    const variants = variantsOf(options.variant ?? DEFAULT_VARIANT);
    // the real cluster's binaries: cached by stamps (a second when warm), built while Yarn works
    const goBuild = variants.some(v => REAL_CLUSTER_VARIANTS.has(v))
      ? ctx.goBuild ?? startGoBuild(ctx)
      : undefined;
    let t = Date.now();
    const env = yarnEnvironment(ctx);
    say(`fresh-app: Yarn through corepack ready (${seconds(t)})`);

    const packed = options.packed ?? buildAndPack(ctx, packDir(root));
    const tarballs = Object.fromEntries(packed.map(p => [p.name, p.tarball]));

    const backstage = JSON.parse(
      fs.readFileSync(path.join(root, 'backstage.json'), 'utf8'),
    );
    // a failed run leaves its app for a look (1–2 GB): the next run removes it, unless the run
    // that made it is still going (several worktrees may test on one machine)
    for (const old of fs.readdirSync(os.tmpdir())) {
      const dir = path.join(os.tmpdir(), old);
      if (old.startsWith(APP_DIR_PREFIX) && !inUse(dir)) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    appDir = fs.mkdtempSync(path.join(os.tmpdir(), APP_DIR_PREFIX));
    fs.writeFileSync(path.join(appDir, OWNER_FILE), String(process.pid));
    const configFile = path.join(appDir, VARIANT_FILE);
    t = Date.now();
    say(
      `fresh-app: npx @backstage/create-app@${backstage.createApp} --path ${appDir} --skip-install`,
    );
    sh(
      'npx',
      [
        '--yes',
        `@backstage/create-app@${backstage.createApp}`,
        '--path',
        appDir,
        '--skip-install',
      ],
      { cwd: os.tmpdir(), env },
    );
    say(`fresh-app: app created (${seconds(t)})`);
    const createAppConfig = readStructured(configFile);

    // The registry would give the app our internal packages (okteto-dev-common, -node) as
    // dependencies of the ones the README adds; they are not published, so the app's own Yarn
    // takes all of ours from the tarballs. Nothing else of ours goes into the app.
    const rootManifest = path.join(appDir, 'package.json');
    writeStructured(
      rootManifest,
      mergeConfig(readStructured(rootManifest), {
        resolutions: Object.fromEntries(
          Object.entries(tarballs).map(([name, file]) => [
            name,
            `file:${file}`,
          ]),
        ),
      }),
    );

    const readme = readmeSteps(
      fs.readFileSync(path.join(root, 'README.md'), 'utf8'),
    );
    if (variants.length > 1) {
      const problem = sharedAppProblem(readme);
      if (problem) throw new Error(problem);
    }
    t = Date.now();
    say(
      `fresh-app: the README's install steps (variant ${variants[0]}); the first install takes minutes`,
    );
    applyReadme(ctx, { appDir, env, variant: variants[0], tarballs });
    say(`fresh-app: README steps applied (${seconds(t)})`);
    // what the other variants' app-config.yaml is built the same way from: check it here
    const replayed = variantConfig(
      createAppConfig,
      readme,
      variants[0],
      parseBlock,
    );
    if (
      JSON.stringify(replayed) !== JSON.stringify(readStructured(configFile))
    ) {
      throw new Error(
        `${VARIANT_FILE} after the README's steps is not create-app's with the README's merges: a step other than a merge changed it`,
      );
    }

    const semver = createRequire(path.join(root, 'package.json'))('semver');
    const ours = packed
      .filter(p =>
        /^(backend-plugin|backend-plugin-module|frontend-plugin)$/.test(
          p.manifest.backstage?.role ?? '',
        ),
      )
      .map(p => p.name);
    for (const c of checkResolutions({ appDir, ourPackages: ours, semver }))
      record(c);

    const sqlite = spawnSync(
      process.execPath,
      [
        '-e',
        "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()",
      ],
      { cwd: path.join(appDir, 'packages', 'backend'), env, encoding: 'utf8' },
    );
    record({
      name: `better-sqlite3 opens a database in Node ${process.versions.node}`,
      ok: sqlite.status === 0,
      detail:
        sqlite.status === 0
          ? "the database of create-app's app-config.yaml works"
          : (sqlite.stderr ?? '')
              .split('\n')
              .find(l => /Error|version/.test(l)) ?? 'failed',
    });
    record(checkAddons(appDir, env));

    t = Date.now();
    say(
      'fresh-app: yarn tsc (the app with our types and the README code in it)',
    );
    const tsc = spawnSync('yarn', ['tsc'], {
      cwd: appDir,
      env,
      stdio: 'inherit',
    });
    record({
      name: 'yarn tsc passes in the app',
      ok: tsc.status === 0,
      detail: seconds(t),
    });

    t = Date.now();
    say(
      'fresh-app: building the frontend (yarn --cwd packages/app build), a few minutes',
    );
    sh('yarn', ['--cwd', 'packages/app', 'build'], { cwd: appDir, env });
    say(`fresh-app: frontend built (${seconds(t)})`);

    for (const variant of variants) {
      t = Date.now();
      writeStructured(
        configFile,
        variantConfig(createAppConfig, readme, variant, parseBlock),
      );
      say(
        `fresh-app: variant ${variant}: ${VARIANT_FILE} is create-app's with the README's merges for it`,
      );
      if (REAL_CLUSTER_VARIANTS.has(variant) && (await goBuild) !== 0) {
        throw new Error(
          'the Go builds of packages/real-cluster failed (see above)',
        );
      }
      await browserTests(ctx, { appDir, env, variant, counts });
      say(`fresh-app: variant ${variant} done (${seconds(t)})`);
    }
  } catch (error) {
    counts.failed++;
    say(`fresh-app: FAILED: ${error.message}`);
  }
  say(
    `fresh-app: ${counts.passed} passed, ${counts.failed} failed in ${seconds(
      started,
    )}${appDir ? ` (the app: ${appDir})` : ''}`,
  );
  if (appDir && counts.failed === 0 && !process.env.OKTETO_DEV_KEEP_FRESH_APP) {
    const removing = Date.now();
    say(`fresh-app: removing the app (${appDir})`);
    fs.rmSync(appDir, { recursive: true, force: true });
    say(`fresh-app: removed (${seconds(removing)})`);
  }
  return counts;
}
