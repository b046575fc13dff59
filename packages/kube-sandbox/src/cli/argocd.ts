import { parseArgs } from 'node:util';
import { requestFailSync, requestNewCommit } from '../argocd';
import type { JsonObject } from '../types';
import { appNamespace, describeApplication, opsFor, Out } from './common';

/*
 * `argocd …`: talk to a running sandbox's Argo CD simulation through the
 * Kubernetes API (annotations it consumes, and plain patches).
 */
export async function argocd(
  argv: string[],
  out: Out,
  usage: string,
): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      revision: { type: 'string' },
      patch: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      message: { type: 'string' },
      'app-namespace': { type: 'string' },
      kubeconfig: { type: 'string', default: process.env.KUBECONFIG },
    },
  });
  const given = values['app-namespace'];
  if (sub === 'new-commit') {
    if (!values.all && !positionals.length) {
      out(usage);
      return 2;
    }
    const ops = await opsFor(values.kubeconfig);
    const appNs = await appNamespace(ops, given, positionals[0]);
    const names = values.all
      ? (await ops.list('applications', appNs)).map(a => a.metadata.name)
      : positionals;
    if (!names.length) {
      out(usage);
      return 2;
    }
    const apps = await requestNewCommit(ops, names, {
      namespace: appNs,
      revision: values.revision,
    });
    for (const app of apps) out(describeApplication(app));
    return 0;
  }
  if (sub === 'drift') {
    const [app, kind, name] = positionals;
    if (!app || !kind || !name || !values.patch) {
      out(usage);
      return 2;
    }
    const ops = await opsFor(values.kubeconfig);
    const appNs = await appNamespace(ops, given, app);
    const application = await ops.get('applications', appNs, app);
    if (!application)
      throw new Error(`Application "${app}" not found in ${appNs}`);
    const ns =
      values.namespace ??
      (((application.spec as JsonObject).destination as JsonObject | undefined)
        ?.namespace as string | undefined);
    await ops.patch(kind, ns, name, JSON.parse(values.patch) as JsonObject);
    out(`${kind}/${name} in ${ns} patched`);
    const after = await ops.get('applications', appNs, app);
    if (after) out(describeApplication(after));
    return 0;
  }
  if (sub === 'fail-sync') {
    const [app] = positionals;
    if (!app || !values.message) {
      out(usage);
      return 2;
    }
    const ops = await opsFor(values.kubeconfig);
    const appNs = await appNamespace(ops, given, app);
    out(
      describeApplication(
        await requestFailSync(ops, app, values.message, { namespace: appNs }),
      ),
    );
    return 0;
  }
  if (sub === 'status') {
    const ops = await opsFor(values.kubeconfig);
    const appNs = await appNamespace(ops, given, positionals[0]);
    const apps = await ops.list('applications', appNs);
    for (const app of apps) {
      if (!positionals.length || positionals.includes(app.metadata.name)) {
        out(describeApplication(app));
      }
    }
    return 0;
  }
  out(usage);
  return 2;
}
