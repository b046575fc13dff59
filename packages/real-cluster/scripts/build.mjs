// Builds the realcluster binary (go/cluster) into .cache/real-cluster/bin/,
// once: a stamp of go.mod, go.sum, our Go sources and Stages, the Go version
// and the build flags skips the build when nothing changed. Prints progress
// while `go build -v` compiles, so a CI log shows it is alive. Go's default
// GOCACHE and GOMODCACHE are used unless the environment sets them.
//
//   node packages/real-cluster/scripts/build.mjs [--force] [--check] [--quiet]
//   node packages/real-cluster/bin/real-cluster build [...]
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  binDir,
  binaryPath,
  goModuleDir,
  KUBERNETES_VERSION,
  stampPath,
} from './paths.mjs';

const GO_PACKAGE = '.';

function ldflags() {
  const [major, minor] = KUBERNETES_VERSION.replace(/^v/, '').split('.');
  const vars = {
    gitVersion: KUBERNETES_VERSION,
    gitMajor: major,
    gitMinor: minor,
    gitTreeState: 'clean',
    // A fixed date keeps the binary (and its stamp) reproducible.
    buildDate: '2026-01-01T00:00:00Z',
  };
  // As kubernetes' hack/lib/version.sh: both version packages.
  const x = Object.entries(vars).flatMap(([k, v]) => [
    `-X k8s.io/component-base/version.${k}=${v}`,
    `-X k8s.io/client-go/pkg/version.${k}=${v}`,
  ]);
  return ['-s', '-w', ...x].join(' ');
}

function buildArgs(output) {
  return [
    'build',
    '-v',
    '-trimpath',
    '-buildvcs=false',
    '-ldflags',
    ldflags(),
    '-o',
    output,
    GO_PACKAGE,
  ];
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(go|yaml|mod|sum)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** What the binary is built from; a different stamp means a rebuild. */
export function computeStamp() {
  const hash = crypto.createHash('sha256');
  for (const file of sourceFiles(goModuleDir)) {
    hash.update(path.relative(goModuleDir, file));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  const goVersion = execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
  hash.update(goVersion);
  hash.update(JSON.stringify(buildArgs('OUT')));
  return hash.digest('hex');
}

export function isBuilt() {
  try {
    return (
      fs.existsSync(binaryPath) &&
      fs.readFileSync(stampPath, 'utf8').trim() === computeStamp()
    );
  } catch {
    return false;
  }
}

function fmtDuration(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Builds unless the stamp matches. Resolves to { built, ms }.
 * `log` receives progress lines (default: stderr).
 */
export async function build({
  force = false,
  quiet = false,
  log = line => process.stderr.write(`${line}\n`),
  intervalMs = 10_000,
} = {}) {
  const say = quiet ? () => {} : log;
  if (process.env.REAL_CLUSTER_BIN) {
    if (!fs.existsSync(binaryPath)) {
      throw new Error(`REAL_CLUSTER_BIN=${binaryPath} does not exist`);
    }
    say(`real-cluster build: using REAL_CLUSTER_BIN=${binaryPath}`);
    return { built: false, ms: 0 };
  }
  const stamp = computeStamp();
  if (!force && fs.existsSync(binaryPath)) {
    try {
      if (fs.readFileSync(stampPath, 'utf8').trim() === stamp) {
        say(`real-cluster build: up to date (${binaryPath})`);
        return { built: false, ms: 0 };
      }
    } catch {
      // no stamp: build
    }
  }
  fs.mkdirSync(binDir, { recursive: true });
  const start = Date.now();
  let total = 0;
  try {
    total = execFileSync('go', ['list', '-deps', GO_PACKAGE], {
      cwd: goModuleDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .split('\n')
      .filter(Boolean).length;
  } catch (e) {
    throw new Error(`go list failed in ${goModuleDir}: ${e.message}`);
  }
  say(
    `real-cluster build: go build in ${path.relative(process.cwd(), goModuleDir) || '.'} ` +
      `(${total} packages in the graph; cold: tens of minutes on 2 cores, Go's build cache makes the next one quick)`,
  );
  const tmp = `${binaryPath}.tmp-${process.pid}`;
  const child = spawn('go', buildArgs(tmp), {
    cwd: goModuleDir,
    stdio: ['ignore', 'inherit', 'pipe'],
    env: process.env,
  });
  let compiled = 0;
  let last = '';
  const errors = [];
  let buffer = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', chunk => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      // `go build -v` prints each package it compiles, one per line; any
      // other line (errors start with '#' or a file:line) is kept.
      if (/^[\w.\-/~]+$/.test(line)) {
        compiled += 1;
        last = line;
      } else if (line.trim()) {
        errors.push(line);
        if (!quiet) process.stderr.write(`${line}\n`);
      }
    }
  });
  const timer = setInterval(() => {
    const linking = last === 'okteto-dev/realcluster';
    say(
      `real-cluster build: ${fmtDuration(Date.now() - start)}, ` +
        (linking
          ? 'linking the binary'
          : `${compiled} packages compiled (of ${total}; cached ones are skipped)${last ? `, last ${last}` : ''}`),
    );
  }, intervalMs);
  const code = await new Promise(resolve => child.on('close', resolve));
  clearInterval(timer);
  if (code !== 0) {
    fs.rmSync(tmp, { force: true });
    throw new Error(
      `go build failed (exit ${code}) after ${fmtDuration(Date.now() - start)}:\n${errors.slice(-40).join('\n')}`,
    );
  }
  fs.renameSync(tmp, binaryPath);
  fs.writeFileSync(stampPath, `${stamp}\n`);
  const ms = Date.now() - start;
  say(
    `real-cluster build: done in ${fmtDuration(ms)} (${compiled} packages compiled) -> ${binaryPath}`,
  );
  return { built: true, ms };
}

async function main(argv) {
  if (argv.includes('--check')) {
    const ok = isBuilt();
    process.stdout.write(ok ? `${binaryPath}\n` : '');
    return ok ? 0 : 1;
  }
  await build({ force: argv.includes('--force'), quiet: argv.includes('--quiet') });
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    err => {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    },
  );
}
