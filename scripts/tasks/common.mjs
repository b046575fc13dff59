// Helpers shared by the wrapper's tasks.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function hasCommand(name) {
  return (
    spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
      .status === 0
  );
}

/**
 * Makes sure a Debian package's binary is there: installs it with apt-get when we are root,
 * otherwise explains what to install.
 */
export function ensureDebianBinary({ binary, pkg, why }, { say, die, run }) {
  if (fs.existsSync(binary) || hasCommand(binary)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasCommand('apt-get')) {
    die(
      `${binary} is missing (${why}); install the Debian package '${pkg}' and run again`,
    );
  }
  say(`${binary} is missing (${why}): apt-get install -y ${pkg}`);
  run('apt-get', ['update', '-qq']);
  const status = run(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', pkg],
    {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    },
  );
  if (status !== 0 || !(fs.existsSync(binary) || hasCommand(binary))) {
    die(`could not install '${pkg}' with apt-get (${why})`);
  }
}

/** Node arguments that run a TypeScript file of the repository with Backstage's transform. */
export function tsArgs(root, file, args = []) {
  const transform = path.join(
    root,
    'node_modules',
    '@backstage',
    'cli',
    'config',
    'nodeTransform.cjs',
  );
  if (!fs.existsSync(transform)) {
    throw new Error(
      `${path.relative(root, transform)} is missing; run npm install`,
    );
  }
  return ['--require', transform, path.join(root, file), ...args];
}
