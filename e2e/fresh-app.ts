/*
 * The fresh-app browser tests: a Backstage app made by @backstage/create-app, with our packed
 * packages installed by the steps of the root README (scripts/tasks/fresh-app.mjs prepares it and
 * writes the variant's app-config.yaml), started against what the variant starts
 * (e2e/freshAppVariants.ts: the kube-sandbox, or the real cluster with the real Argo CD) and the
 * GitHub stand-in — its backend serving its built frontend, the new frontend system — and driven
 * in Debian's Chromium through the variant's tests.
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs e2e/fresh-app.ts \
 *     --app=<the app's folder> [--variant=kubernetes|argocd-api] [--report=<file>]
 * Screenshots go to e2e/screenshots/fresh-app-*.png (git-ignored).
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Browser } from 'playwright-core';
import YAML from 'yaml';
import { ROOT, startWebCoreGithub, waitForBackend } from '../scripts/demo/demo';
import type { GithubStandIn } from '../plugins/scaffolder-backend-module-okteto-dev/src/testing/githubStandIn';
import { openBrowserPage, SHOTS, signIn } from './freshAppPage';
import { FRESH_APP_VARIANTS, FreshAppVariantRun } from './freshAppVariants';

const arg = (name: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const say = (line: string) => process.stdout.write(`[fresh-app] ${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The test's own layer over the app's configuration, the same for every variant: where the app
 * listens, the GitHub stand-in in place of github.com, the web-core example entities added to the
 * catalog the README configured, and a search collation soon after start. Lists are replaced
 * when configuration files are layered, so the app's own catalog lists are repeated here.
 */
function testConfig(options: {
  appDir: string;
  url: string;
  port: number;
  github: GithubStandIn;
}) {
  const appConfig = YAML.parse(
    fs.readFileSync(path.join(options.appDir, 'app-config.yaml'), 'utf8'),
  );
  return {
    app: { baseUrl: options.url },
    backend: {
      baseUrl: options.url,
      listen: { port: options.port },
      cors: { origin: options.url },
    },
    integrations: {
      github: [
        {
          host: 'github.com',
          apiBaseUrl: options.github.apiBaseUrl,
          token: 'local-demo-token',
        },
      ],
    },
    catalog: {
      rules: [
        ...(appConfig.catalog?.rules ?? []),
        { allow: ['Group', 'User'] },
      ],
      locations: [
        ...(appConfig.catalog?.locations ?? []),
        { type: 'file', target: path.join(ROOT, 'examples', 'entities.yaml') },
      ],
    },
    search: {
      collators: {
        oktetoDev: {
          schedule: {
            frequency: { seconds: 20 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 5 },
          },
        },
      },
    },
  };
}

function startBackend(options: {
  appDir: string;
  configs: string[];
  env: Record<string, string>;
  logFile: string;
}): ChildProcess {
  const out = fs.openSync(options.logFile, 'w');
  return spawn(
    'yarn',
    ['start', ...options.configs.flatMap(config => ['--config', config])],
    {
      cwd: path.join(options.appDir, 'packages', 'backend'),
      stdio: ['ignore', out, out],
      detached: true,
      env: { ...process.env, ...options.env },
    },
  );
}

async function stopBackend(backend: ChildProcess) {
  if (backend.exitCode !== null || !backend.pid) return;
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-backend.pid!, signal);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  await new Promise(resolve => {
    const timer = setTimeout(() => {
      kill('SIGKILL');
      resolve(undefined);
    }, 5000);
    backend.once('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

async function main() {
  const appDir = arg('app');
  const variantName = arg('variant') ?? 'kubernetes';
  const reportFile = arg('report');
  const variant = FRESH_APP_VARIANTS[variantName];
  if (!appDir || !variant) {
    throw new Error(
      `usage: fresh-app.ts --app=<dir> [--variant=${Object.keys(
        FRESH_APP_VARIANTS,
      ).join('|')}] [--report=<file>]`,
    );
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  let passed = 0;
  let failed = 0;
  let planned = 0;
  let browser: Browser | undefined;
  let backend: ChildProcess | undefined;
  let github: GithubStandIn | undefined;
  let run: FreshAppVariantRun | undefined;
  const logFile = path.join(appDir, `backend-${variantName}.log`);
  const printLogs = () => {
    if (fs.existsSync(logFile)) {
      say(
        `the backend's log ends:\n${fs
          .readFileSync(logFile, 'utf8')
          .slice(-4000)}`,
      );
    }
    const more = run?.diagnostics?.();
    if (more) say(more);
  };
  try {
    say(`variant ${variantName}: ${variant.description}`);
    let started = Date.now();
    github = await startWebCoreGithub();
    say(`GitHub stand-in serving NeoGrAIph/web-core at ${github.url}`);
    run = await variant.start({ dir: appDir, log: say });
    planned = run.tests.length;
    say(
      `variant ${variantName} started (${Math.round(
        (Date.now() - started) / 1000,
      )} s)`,
    );
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const layer = path.join(appDir, 'app-config.fresh-app-test.yaml');
    fs.writeFileSync(
      layer,
      YAML.stringify(testConfig({ appDir, url: baseUrl, port, github })),
    );
    started = Date.now();
    backend = startBackend({
      appDir,
      configs: [path.join(appDir, 'app-config.yaml'), layer],
      env: { ...run.env, GITHUB_TOKEN: 'local-demo-token' },
      logFile,
    });
    say(`the app's backend is starting at ${baseUrl} (log: ${logFile})`);
    await waitForBackend(baseUrl, backend, 300_000);
    say(
      `the backend is ready (${Math.round((Date.now() - started) / 1000)} s)`,
    );

    const opened = await openBrowserPage();
    browser = opened.browser;
    const { page } = opened;
    await signIn(page, baseUrl);
    for (const [index, t] of run.tests.entries()) {
      const begun = Date.now();
      try {
        await t.run(page, { baseUrl });
        passed++;
        say(`✓ ${t.name} (${Date.now() - begun} ms)`);
      } catch (error) {
        failed++;
        say(`✕ ${t.name}\n${(error as Error).message}`);
        await page
          .screenshot({
            path: path.join(
              SHOTS,
              `fresh-app-${variantName}-FAILED-${index}.png`,
            ),
            fullPage: true,
          })
          .catch(() => undefined);
      }
    }
    if (failed > 0) printLogs();
  } catch (error) {
    failed += Math.max(planned - passed - failed, 1);
    say(`setup failed: ${(error as Error).stack ?? error}`);
    printLogs();
  } finally {
    await browser?.close();
    if (backend) await stopBackend(backend);
    await github?.close();
    await run?.close();
  }
  say(`${passed} passed, ${failed} failed`);
  if (reportFile)
    fs.writeFileSync(reportFile, JSON.stringify({ passed, failed }));
  process.exit(failed === 0 ? 0 : 1);
}

main();
