#!/usr/bin/env node
// The project's wrapper: `npm start`, `npm test` and `npm run bench` all come through here.
// Like a Gradle/Maven wrapper it brings what is missing before running anything:
//   1. Node 22 from the npm registry into .cache/node when the running Node is older,
//   2. the npm dependencies when node_modules is absent or older than the manifests.
// It prints each step, and fails with a clear message when something cannot be had.
// Plain ESM JavaScript that runs on Node >= 18, so it can bootstrap Node 22 itself.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MAJOR = 22;
const NODE_CACHE = path.join(ROOT, '.cache', 'node');
const STAMP = path.join(ROOT, 'node_modules', '.okteto-dev-install-stamp');

const say = message => console.log(`[okteto-dev] ${message}`);
const die = message => {
  console.error(`[okteto-dev] ERROR: ${message}`);
  process.exit(1);
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: ROOT,
    ...options,
  });
  if (result.error) die(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

/** Re-runs this script under a local Node 22 when the running Node is older. */
function ensureNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= NODE_MAJOR) return;
  const pkg = `node-${process.platform}-${process.arch}`;
  const home = path.join(NODE_CACHE, 'node_modules', pkg);
  const bin = path.join(home, 'bin', 'node');
  if (!fs.existsSync(bin)) {
    say(
      `Node ${process.versions.node} is older than ${NODE_MAJOR}: installing ${pkg}@${NODE_MAJOR} from the npm registry into .cache/node`,
    );
    fs.mkdirSync(NODE_CACHE, { recursive: true });
    const status = run('npm', [
      'install',
      '--prefix',
      NODE_CACHE,
      '--no-save',
      '--no-package-lock',
      `${pkg}@${NODE_MAJOR}`,
    ]);
    if (status !== 0 || !fs.existsSync(bin)) {
      die(
        `could not install Node ${NODE_MAJOR} (${pkg}) from the npm registry; install Node ${NODE_MAJOR} yourself and run again`,
      );
    }
  }
  say(`using Node from ${path.relative(ROOT, bin)}`);
  const env = {
    ...process.env,
    PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH}`,
    // node-gyp builds native modules (better-sqlite3) against these headers, offline.
    npm_config_nodedir: home,
  };
  const child = spawn(bin, process.argv.slice(1), { stdio: 'inherit', env });
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    process.exit(code ?? 1);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => child.kill(sig));
  }
  return new Promise(() => {});
}

/** A fingerprint of every manifest that decides what `npm install` puts in node_modules. */
function manifestsHash() {
  const hash = createHash('sha256');
  const files = ['package.json', 'package-lock.json', '.npmrc'];
  for (const dir of ['packages', 'plugins']) {
    const base = path.join(ROOT, dir);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base).sort()) {
      files.push(path.join(dir, name, 'package.json'));
    }
  }
  for (const file of files) {
    const full = path.join(ROOT, file);
    if (fs.existsSync(full)) hash.update(file).update(fs.readFileSync(full));
  }
  hash.update(process.versions.node.split('.')[0]);
  return hash.digest('hex');
}

function ensureDependencies() {
  const wanted = manifestsHash();
  const have = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8') : '';
  if (have === wanted) return;
  const fresh = !fs.existsSync(path.join(ROOT, 'node_modules'));
  const useCi = fresh && fs.existsSync(path.join(ROOT, 'package-lock.json'));
  say(
    fresh
      ? `node_modules is missing: running npm ${
          useCi ? 'ci' : 'install'
        } (a few minutes on a fresh machine)`
      : 'dependencies changed since the last install: running npm install',
  );
  const status = run('npm', [
    useCi ? 'ci' : 'install',
    '--no-audit',
    '--no-fund',
  ]);
  if (status !== 0) {
    die('npm could not install the dependencies (see the npm output above)');
  }
  fs.writeFileSync(STAMP, manifestsHash());
}

async function main() {
  const [command = 'test', ...rest] = process.argv.slice(2);
  const tasks = {
    test: './tasks/test.mjs',
    start: './tasks/start.mjs',
    bench: './tasks/bench.mjs',
  };
  if (!tasks[command]) {
    die(
      `unknown command '${command}'; use one of: ${Object.keys(tasks).join(
        ', ',
      )}`,
    );
  }
  await ensureNode();
  // the Go builds of the real cluster need no npm package: they run while npm installs
  const steps = rest.filter(a => !a.startsWith('-'));
  const goBuild =
    command === 'test' && (steps.length === 0 || steps.includes('unit'))
      ? (await import('./tasks/realCluster.mjs')).startGoBuild({
          root: ROOT,
          say,
        })
      : undefined;
  ensureDependencies();
  const task = await import(tasks[command]);
  const code = await task.default(rest, {
    root: ROOT,
    say,
    die,
    run,
    goBuild,
  });
  process.exit(code ?? 0);
}

main().catch(error => die(error?.stack ?? String(error)));
