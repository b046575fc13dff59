import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { startSandbox } from '../index';
import type { Out } from './common';

export async function serve(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'web-core' },
      port: { type: 'string', default: '0' },
      'kubeconfig-out': { type: 'string' },
      token: { type: 'string' },
      'no-token': { type: 'boolean', default: false },
      'latency-ms': { type: 'string', default: '0' },
      'no-tls': { type: 'boolean', default: false },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      'no-argocd': { type: 'boolean', default: false },
    },
  });
  const tls =
    values['tls-key'] && values['tls-cert']
      ? {
          key: fs.readFileSync(values['tls-key']),
          cert: fs.readFileSync(values['tls-cert']),
        }
      : !values['no-tls'];
  const sandbox = await startSandbox({
    scenario: values.scenario,
    port: Number(values.port),
    kubeconfigPath: values['kubeconfig-out'],
    token: values['no-token'] ? false : values.token,
    latencyMs: Number(values['latency-ms']),
    tls,
    argocd: !values['no-argocd'],
  });
  out(
    `kube-sandbox: scenario ${sandbox.scenario.name} serving on ${sandbox.url}`,
  );
  out(`kube-sandbox: kubeconfig ${sandbox.kubeconfigPath}`);
  out(`  export KUBECONFIG=${sandbox.kubeconfigPath}`);
  await new Promise<void>(resolve => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sandbox.close();
  out('kube-sandbox: stopped');
  return 0;
}
