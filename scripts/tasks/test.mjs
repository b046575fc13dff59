// `npm test`: type check, lint, the API reports, every package's tests (Jest), the browser tests
// (`browser` on the kube-sandbox, `real-browser` on the real cluster, Argo CD and okteto),
// the packed packages (`pack`, scripts/tasks/pack.mjs) and those packages installed by the
// README's steps into a new create-app Backstage (`fresh-app`, scripts/tasks/fresh-app.mjs;
// `--variant=<name>` picks a variant of e2e/freshAppVariants.ts). Ends with one summary line
// `okteto-dev: N passed, N failed` across all of them.
// `npm test -- api --update` (`npm run build:api-reports`) rewrites the API reports instead of
// checking them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, ensureDebianBinary, tsArgs } from './common.mjs';
import { ensureEngines, startEnginesChild } from '../engines.mjs';
import { ensureAppBuilt } from './start.mjs';
import { startGoBuild, startSharedCluster } from './realCluster.mjs';
import { packStep } from './pack.mjs';
import { DEFAULT_VARIANT, freshAppStep } from './fresh-app.mjs';

/** The packages with an API report: the published ones. packages/* are private test tooling. */
const API_REPORT_PACKAGES = 'plugins/*';

/**
 * `backstage-repo-tools api-reports` options. A report may hold no warning, so every export and
 * member needs a doc comment and every export a release tag that fits its entry point. Omitted:
 * ae-wrong-input-file-type, because a workspace package's types point at its `src/*.ts` (not a
 * `.d.ts`), which API Extractor flags wherever one package's API names another's types.
 */
const API_REPORT_OPTIONS = [
  '--omit-messages',
  'ae-wrong-input-file-type',
  '--validate-release-tags',
];

/**
 * Builds the declarations the API reports are made from (tsc into dist-types, git-ignored), then
 * checks the reports (`update` false) or rewrites them. Returns the failed steps.
 */
function apiReports({ root, say, run, bin, update }) {
  say('API reports: declarations (tsc into dist-types)');
  fs.rmSync(path.join(root, 'dist-types', 'plugins'), {
    recursive: true,
    force: true,
  });
  if (run(bin('tsc'), ['-p', '.', '--incremental', 'false']) !== 0) {
    return ['api reports (tsc)'];
  }
  say(
    `API reports: backstage-repo-tools api-reports ${
      update ? '(writing the reports)' : '--ci'
    }`,
  );
  const status = run(bin('backstage-repo-tools'), [
    'api-reports',
    ...(update ? [] : ['--ci']),
    ...API_REPORT_OPTIONS,
    API_REPORT_PACKAGES,
  ]);
  if (status === 0) return [];
  say(
    update
      ? 'API reports: a report has warnings (see above): give each export a release tag and a doc comment, each member a doc comment'
      : 'API reports: out of date or with warnings (see above): fix the warnings, run `npm run build:api-reports`, review and commit the report*.api.md changes',
  );
  return ['api reports'];
}

export default async function test(args, ctx) {
  const { root, say, run } = ctx;
  const bin = name => path.join(root, 'node_modules', '.bin', name);
  const only = new Set(args.filter(a => !a.startsWith('-')));
  const want = step => only.size === 0 || only.has(step);

  if (want('unit') || want('browser')) {
    ensureDebianBinary(
      {
        binary: 'kubectl',
        pkg: 'kubernetes-client',
        why: 'the kube-sandbox is tested with the real kubectl',
      },
      ctx,
    );
  }
  if (want('real-browser')) {
    ensureDebianBinary(
      {
        binary: 'syncthing',
        pkg: 'syncthing',
        why: "the real okteto CLI runs Debian's syncthing",
      },
      ctx,
    );
  }
  if (want('unit')) {
    // the replica tests run two backends on real PostgreSQL and Redis (packages/backend/src/replicas)
    ensureEngines(ctx);
  }
  if (want('browser') || want('real-browser') || want('fresh-app')) {
    ensureDebianBinary(
      {
        binary: CHROMIUM,
        pkg: 'chromium',
        why: 'the browser tests drive Chromium',
      },
      ctx,
    );
  }

  const failures = [];
  // the real cluster, Argo CD, helm and okteto under the tests (started by scripts/run.mjs while npm
  // installed; awaited here)
  const goBuild =
    want('unit') || want('real-browser')
      ? ctx.goBuild ?? startGoBuild(ctx)
      : Promise.resolve(0);
  if (want('tsc')) {
    say('type check: tsc');
    if (run(bin('tsc'), ['--noEmit', '-p', '.']) !== 0) failures.push('tsc');
  }
  if (want('lint')) {
    say('lint: backstage-cli repo lint');
    if (run(bin('backstage-cli'), ['repo', 'lint']) !== 0)
      failures.push('lint');
  }
  if (want('api')) {
    failures.push(
      ...apiReports({
        root,
        say,
        run,
        bin,
        update: args.includes('--update'),
      }),
    );
  }

  let passed = 0;
  let failed = 0;
  if (want('unit')) {
    say('tests: backstage-cli repo test');
    const report = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-dev-jest-')),
      'report.json',
    );
    // One PostgreSQL for the database tests written for several engines (TestDatabases: the
    // fetch leases, the notified states), stopped when the tests end; the replica tests start
    // their own engines per file.
    if ((await goBuild) !== 0) {
      die('the Go builds of packages/real-cluster failed (see above)');
    }
    const cluster = startSharedCluster(ctx);
    say('tests: starting PostgreSQL and Redis (scripts/engines.mjs)');
    const engines = await startEnginesChild();
    const { host, port, user, password } = engines.postgres;
    let status;
    try {
      status = run(
        bin('backstage-cli'),
        ['repo', 'test', '--ci', '--json', `--outputFile=${report}`],
        {
          env: {
            ...process.env,
            CI: 'true',
            OKTETO_DEV_ENGINES: 'required',
            OKTETO_DEV_REAL_CLUSTER: cluster.kubeconfig,
            [`BACKSTAGE_TEST_DATABASE_POSTGRES${engines.postgresVersion}_CONNECTION_STRING`]: `postgresql://${user}:${password}@${host}:${port}`,
          },
        },
      );
    } finally {
      await engines.stop();
      cluster.stop();
    }
    if (fs.existsSync(report)) {
      const result = JSON.parse(fs.readFileSync(report, 'utf8'));
      passed += result.numPassedTests;
      failed += result.numFailedTests;
      if (result.numFailedTestSuites > 0 && result.numFailedTests === 0)
        failed += result.numFailedTestSuites;
    }
    if (status !== 0) failures.push('unit tests');
  }
  // one browser script (no Jest): writes {passed, failed} to --report and exits 0 or 1
  const browserScript = (script, name) => {
    const report = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-dev-e2e-')),
      'report.json',
    );
    const status = run(process.execPath, [
      '--require',
      path.join(
        root,
        'node_modules',
        '@backstage',
        'cli',
        'config',
        'nodeTransform.cjs',
      ),
      path.join(root, 'e2e', script),
      `--report=${report}`,
    ]);
    if (fs.existsSync(report)) {
      const result = JSON.parse(fs.readFileSync(report, 'utf8'));
      passed += result.passed;
      failed += result.failed;
    }
    if (status !== 0) failures.push(name);
  };
  if (want('browser')) {
    ensureAppBuilt(ctx);
    say('browser tests: e2e/browser.ts (the real backend and app in Chromium)');
    browserScript('browser.ts', 'browser tests');
  }
  if (want('real-browser')) {
    if ((await goBuild) !== 0) {
      die('the Go builds of packages/real-cluster failed (see above)');
    }
    ensureAppBuilt(ctx);
    say(
      'real-browser: e2e/realBrowser.ts (the card on the real cluster, real Argo CD and the real okteto CLI, in Chromium; about 4 min)',
    );
    browserScript('realBrowser.ts', 'real-browser');
  }

  let packed;
  if (want('pack')) {
    const started = Date.now();
    say('pack: build and npm pack every published package, check each tarball');
    const result = packStep(ctx);
    passed += result.passed;
    failed += result.failed;
    packed = result.packed;
    if (result.failed > 0) failures.push('pack');
    say(`pack: done in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  if (want('fresh-app')) {
    const variant =
      args.find(a => a.startsWith('--variant='))?.slice('--variant='.length) ??
      DEFAULT_VARIANT;
    say(
      `fresh-app: our packages in a new create-app Backstage, installed by the README (variant ${variant})`,
    );
    const result = await freshAppStep(ctx, { variant, packed });
    passed += result.passed;
    failed += result.failed;
    if (result.failed > 0) failures.push('fresh-app');
  }

  if (failures.length > 0) say(`FAILED: ${failures.join(', ')}`);
  console.log(`okteto-dev: ${passed} passed, ${failed} failed`);
  return failures.length === 0 && failed === 0 ? 0 : 1;
}
