#!/usr/bin/env node
// Builds Argo CD, helm and the okteto CLI from their Go modules (the Go module proxy only), each
// from a wrapper module of ours under packages/real-cluster/go/<name>/ (go.mod + go.sum pin the
// versions; see each go.mod for why), into <repo>/.cache/real-cluster/bin/.
//
//   node packages/real-cluster/scripts/build-argocd-okteto.mjs [argocd|helm|okteto ...] [--force]
//
// A binary is rebuilt only when its stamp changes: sha256 of the wrapper's go.mod and go.sum, the
// package, the ldflags and the Go toolchain. While `go build -v` runs, one progress line every 15 s
// says how many packages it has compiled of how many the binary needs. Go's caches are the
// defaults (GOCACHE, GOMODCACHE) unless the environment sets them.
//
// Also checked (installed with apt-get when we are root, as scripts/engines.mjs does): the Debian
// packages the programs need at run time: redis-server (Argo CD's cache), git (repo-server),
// syncthing (okteto up checks it before it touches the cluster, pkg/syncthing/install.go).
//
// From another script: `import { buildArgoCdOkteto } from '.../build-argocd-okteto.mjs'`.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');
const repoRoot = path.resolve(packageDir, '..', '..');

/** Where the binaries go: the same bin dir as realcluster's (scripts/paths.mjs); REAL_CLUSTER_BIN_DIR overrides. */
export const binDir =
  process.env.REAL_CLUSTER_BIN_DIR ??
  path.join(repoRoot, '.cache', 'real-cluster', 'bin');

/**
 * What is built. `toolchain` is the Go release the wrapper needs: argo-cd v3.6.2 says `go 1.27.0`
 * in its go.mod, and this machine's go 1.26.8 has GOTOOLCHAIN=local; go1.27.3 is the approved
 * toolchain the Go proxy serves (taken once into the module cache, about 76 MB).
 */
export const COMPONENTS = [
  {
    name: 'argocd',
    module: 'go/argocd',
    pkg: 'github.com/argoproj/argo-cd/v3/cmd',
    version: 'v3.6.2',
    toolchain: 'go1.27.3',
    // argo-cd's Makefile (LDFLAGS, PACKAGE=github.com/argoproj/argo-cd/v3/common)
    ldflags: [
      '-X github.com/argoproj/argo-cd/v3/common.version=3.6.2',
      '-X github.com/argoproj/argo-cd/v3/common.gitTag=v3.6.2',
      '-X github.com/argoproj/argo-cd/v3/common.gitTreeState=clean',
    ],
  },
  {
    name: 'helm',
    module: 'go/helm',
    pkg: 'helm.sh/helm/v4/cmd/helm',
    version: 'v4.3.2',
    // helm's Makefile (LDFLAGS += -X helm.sh/helm/v4/internal/version.version=...)
    ldflags: [
      '-X helm.sh/helm/v4/internal/version.version=v4.3.2',
      '-X helm.sh/helm/v4/internal/version.gitTreeState=clean',
    ],
  },
  {
    name: 'okteto',
    module: 'go/okteto',
    pkg: 'github.com/okteto/okteto',
    version: 'v0.0.0-20231222160652-094ca6b3fca8',
    // okteto's Makefile (BUILDCOMMAND: -X github.com/okteto/okteto/pkg/config.VersionString=...),
    // with its default VERSION_STRING, the short commit. Not semver on purpose: `okteto up` asks
    // GitHub for the latest release only when VersionString parses as semver
    // (cmd/utils/upgrade.go, UpgradeAvailable), and this machine must not call out.
    ldflags: ['-X github.com/okteto/okteto/pkg/config.VersionString=094ca6b3f'],
  },
];

/** Debian packages the programs run with: binary → package. */
export const RUNTIME_PACKAGES = {
  'redis-server': 'redis-server',
  git: 'git',
  syncthing: 'syncthing',
};

const has = bin =>
  spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status ===
  0;

export function missingRuntimePackages() {
  return Object.entries(RUNTIME_PACKAGES)
    .filter(([bin]) => !has(bin))
    .map(([, pkg]) => pkg);
}

/** apt-get install of the missing runtime packages when root; otherwise an error naming them. */
export function ensureRuntimePackages(log = defaultLog) {
  const missing = missingRuntimePackages();
  if (missing.length === 0) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !has('apt-get')) {
    throw new Error(
      `install the Debian packages: apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`apt-get install -y ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
    { stdio: 'inherit', env },
  );
  const still = missingRuntimePackages();
  if (still.length) throw new Error(`could not install ${still.join(' ')}`);
}

function defaultLog(line) {
  process.stderr.write(`[build-argocd-okteto] ${line}\n`);
}

function goEnv(component) {
  const env = { ...process.env };
  if (component.toolchain) env.GOTOOLCHAIN = component.toolchain;
  return env;
}

function goVersion(component, cwd) {
  const result = spawnSync('go', ['env', 'GOVERSION'], {
    cwd,
    env: goEnv(component),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `go env GOVERSION failed in ${cwd}: ${result.stderr || result.error}`,
    );
  }
  return result.stdout.trim();
}

/** The stamp of one component: what its binary was built from. */
export function stampOf(component) {
  const cwd = path.join(packageDir, component.module);
  const hash = crypto.createHash('sha256');
  for (const file of ['go.mod', 'go.sum']) {
    hash.update(fs.readFileSync(path.join(cwd, file)));
  }
  hash.update(
    JSON.stringify([
      component.pkg,
      component.version,
      component.ldflags,
      goVersion(component, cwd),
    ]),
  );
  return hash.digest('hex');
}

export const binaryPath = name => path.join(binDir, name);
const stampPath = name => path.join(binDir, `${name}.stamp`);

/** True when the binary exists and was built from the current stamp. */
export function isBuilt(component) {
  try {
    return (
      fs.existsSync(binaryPath(component.name)) &&
      fs.readFileSync(stampPath(component.name), 'utf8').trim() ===
        stampOf(component)
    );
  } catch {
    return false;
  }
}

function formatDuration(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60
    ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
    : `${s}s`;
}

/**
 * How many packages the binary needs, the standard library included (for the progress line: with
 * an empty GOCACHE `go build -v` compiles those too; with a warm one it compiles fewer).
 */
function countDeps(component, cwd) {
  const result = spawnSync('go', ['list', '-deps', component.pkg], {
    cwd,
    env: goEnv(component),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) return undefined;
  return result.stdout.split('\n').filter(Boolean).length;
}

/** Builds one component with `go build -v`, printing progress; resolves with the seconds taken. */
function buildOne(component, log) {
  const cwd = path.join(packageDir, component.module);
  const out = binaryPath(component.name);
  const stamp = stampOf(component);
  const started = Date.now();
  log(
    `${component.name} ${component.version}: resolving modules (${path.relative(
      repoRoot,
      cwd,
    )})`,
  );
  // `go mod download` first so a download failure is told apart from a compile error
  const download = spawnSync('go', ['mod', 'download'], {
    cwd,
    env: goEnv(component),
    encoding: 'utf8',
  });
  if (download.status !== 0) {
    throw new Error(
      `${component.name}: go mod download failed:\n${download.stderr}`,
    );
  }
  const total = countDeps(component, cwd);
  log(
    `${component.name}: go build ${component.pkg} (${total ?? '?'} packages, ${
      component.toolchain ?? 'local Go'
    })`,
  );
  const tmp = `${out}.tmp-${process.pid}`;
  return new Promise((resolve, reject) => {
    const child = spawn(
      'go',
      [
        'build',
        '-v',
        '-trimpath',
        '-ldflags',
        ['-s', '-w', ...component.ldflags].join(' '),
        '-o',
        tmp,
        component.pkg,
      ],
      { cwd, env: goEnv(component), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let compiled = 0;
    let errors = '';
    let partial = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', chunk => {
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop();
      for (const line of lines) {
        // -v prints one import path per compiled package; anything else is a diagnostic
        if (/^[\w.\-]+(\/[\w.\-~+]+)*$/.test(line)) compiled += 1;
        else errors += `${line}\n`;
      }
    });
    const timer = setInterval(() => {
      log(
        `${component.name}: ${compiled}${
          total ? `/${total}` : ''
        } packages compiled, ${formatDuration(Date.now() - started)}`,
      );
    }, 15_000);
    child.on('error', error => {
      clearInterval(timer);
      reject(error);
    });
    child.on('exit', code => {
      clearInterval(timer);
      if (code !== 0) {
        fs.rmSync(tmp, { force: true });
        reject(
          new Error(
            `${component.name}: go build failed (${code}):\n${errors}${partial}`,
          ),
        );
        return;
      }
      fs.renameSync(tmp, out);
      fs.writeFileSync(stampPath(component.name), `${stamp}\n`);
      const seconds = (Date.now() - started) / 1000;
      log(
        `${component.name}: built ${path.relative(
          repoRoot,
          out,
        )} in ${formatDuration(seconds * 1000)}`,
      );
      resolve(seconds);
    });
  });
}

/**
 * Builds what is missing or stale, one at a time (the machine has 2 cores; go build already uses
 * both). Resolves with `{ [name]: { path, built, seconds } }`.
 */
export async function buildArgoCdOkteto({
  names = COMPONENTS.map(c => c.name),
  force = false,
  log = defaultLog,
  runtimePackages = true,
} = {}) {
  if (runtimePackages) ensureRuntimePackages(log);
  fs.mkdirSync(binDir, { recursive: true });
  const result = {};
  for (const name of names) {
    const component = COMPONENTS.find(c => c.name === name);
    if (!component) throw new Error(`unknown component ${name}`);
    if (!force && isBuilt(component)) {
      log(`${name} ${component.version}: up to date`);
      result[name] = { path: binaryPath(name), built: false, seconds: 0 };
      continue;
    }
    const seconds = await buildOne(component, log);
    result[name] = { path: binaryPath(name), built: true, seconds };
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const names = args.filter(a => !a.startsWith('--'));
  buildArgoCdOkteto({
    names: names.length ? names : undefined,
    force: args.includes('--force'),
  }).then(
    result => {
      for (const [name, { path: p, built, seconds }] of Object.entries(
        result,
      )) {
        console.log(
          `${name}\t${p}\t${
            built ? `built in ${seconds.toFixed(0)} s` : 'cached'
          }`,
        );
      }
    },
    error => {
      console.error(`[build-argocd-okteto] ${error.message}`);
      process.exit(1);
    },
  );
}
