/* Stops the cluster jestGlobalSetup.js started (not one given by the environment). */
module.exports = async function globalTeardown() {
  const cluster = globalThis.__oktetoDevRealCluster;
  if (!cluster) return;
  delete globalThis.__oktetoDevRealCluster;
  delete process.env.OKTETO_DEV_REAL_CLUSTER;
  await cluster.close();
};
