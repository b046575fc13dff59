/*
 * A Jest globalSetup for packages whose real-cluster suites are a part of
 * their tests (files named *.real.test.*): one cluster for the run, started
 * only when the run includes such a file and OKTETO_DEV_REAL_CLUSTER does not
 * already name one (`backstage-cli repo test` shares the first one started
 * with every package). A targeted run of other files starts nothing.
 * Stopped by jestGlobalTeardown.js.
 */
const fs = require('node:fs');
const path = require('node:path');

function realTests(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...realTests(full));
    else if (/\.real\.test\.[cm]?[jt]sx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

module.exports = async function globalSetup(globalConfig, projectConfig) {
  if (process.env.OKTETO_DEV_REAL_CLUSTER) return;
  const ignored = (projectConfig.testPathIgnorePatterns || []).map(
    p => new RegExp(p),
  );
  const files = realTests(projectConfig.rootDir).filter(
    f => !ignored.some(re => re.test(f)),
  );
  if (!files.length) return;
  const patterns = globalConfig.testPathPatterns;
  if (patterns && typeof patterns.isSet === 'function' && patterns.isSet()) {
    const executor = patterns.toExecutor({ rootDir: globalConfig.rootDir });
    if (!files.some(f => executor.isMatch(f))) return;
  }
  await require('./jestGlobalSetup')(globalConfig, projectConfig);
};
