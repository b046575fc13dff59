// `npm test`: type check, lint, every package's tests (Jest), then the browser tests.
// Ends with one summary line `okteto-dev: N passed, N failed` across all of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, ensureDebianBinary, tsArgs } from './common.mjs';
import { ensureAppBuilt } from './start.mjs';

export default async function test(args, ctx) {
  const { root, say, run } = ctx;
  const bin = name => path.join(root, 'node_modules', '.bin', name);
  const only = new Set(args.filter(a => !a.startsWith('-')));
  const want = step => only.size === 0 || only.has(step);

  ensureDebianBinary(
    {
      binary: 'kubectl',
      pkg: 'kubernetes-client',
      why: 'the kube-sandbox is tested with the real kubectl',
    },
    ctx,
  );
  if (want('browser')) {
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
  if (want('tsc')) {
    say('type check: tsc');
    if (run(bin('tsc'), ['--noEmit', '-p', '.']) !== 0) failures.push('tsc');
  }
  if (want('lint')) {
    say('lint: backstage-cli repo lint');
    if (run(bin('backstage-cli'), ['repo', 'lint']) !== 0)
      failures.push('lint');
  }

  let passed = 0;
  let failed = 0;
  if (want('unit')) {
    say('tests: backstage-cli repo test');
    const report = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-dev-jest-')),
      'report.json',
    );
    const status = run(
      bin('backstage-cli'),
      ['repo', 'test', '--ci', '--json', `--outputFile=${report}`],
      {
        env: { ...process.env, CI: 'true' },
      },
    );
    if (fs.existsSync(report)) {
      const result = JSON.parse(fs.readFileSync(report, 'utf8'));
      passed += result.numPassedTests;
      failed += result.numFailedTests;
      if (result.numFailedTestSuites > 0 && result.numFailedTests === 0)
        failed += result.numFailedTestSuites;
    }
    if (status !== 0) failures.push('unit tests');
  }
  if (want('browser')) {
    ensureAppBuilt(ctx);
    say('browser tests: e2e/browser.ts (the real backend and app in Chromium)');
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
      path.join(root, 'e2e', 'browser.ts'),
      `--report=${report}`,
    ]);
    if (fs.existsSync(report)) {
      const result = JSON.parse(fs.readFileSync(report, 'utf8'));
      passed += result.passed;
      failed += result.failed;
    }
    if (status !== 0) failures.push('browser tests');
  }

  if (failures.length > 0) say(`FAILED: ${failures.join(', ')}`);
  console.log(`okteto-dev: ${passed} passed, ${failed} failed`);
  return failures.length === 0 && failed === 0 ? 0 : 1;
}
