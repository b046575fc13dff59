/*
 * One real cluster for the whole Jest run of this package: started here
 * unless OKTETO_DEV_REAL_CLUSTER already names one (a CI step started it with
 * `real-cluster up --detach`); the test files attach to it through
 * startRealCluster() and isolate themselves by namespace.
 */
module.exports = async function globalSetup() {
  if (process.env.OKTETO_DEV_REAL_CLUSTER) return;
  const { startRealCluster } = require('./index');
  const started = Date.now();
  const cluster = await startRealCluster({ shared: false });
  process.env.OKTETO_DEV_REAL_CLUSTER = cluster.kubeconfigPath;
  globalThis.__oktetoDevRealCluster = cluster;
  process.stderr.write(
    `\nreal-cluster: started for this run in ${((Date.now() - started) / 1000).toFixed(1)}s (${cluster.url})\n`,
  );
};
