import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { startSandbox } from './index';
import { errorMessage } from './errors';
import { readKubeconfig } from './kubeconfig';
import { oktetoDown, oktetoUp } from './okteto';

const USAGE = `Usage:
  kube-sandbox [serve] [--scenario <name|file|dir>] [--port <p>]
               [--kubeconfig-out <path>] [--token <t> | --no-token]
               [--latency-ms <n>] [--no-tls | --tls-key <pem> --tls-cert <pem>]

  Serves HTTPS with a generated self-signed certificate by default (kubectl
  only sends bearer tokens over HTTPS); --no-tls serves plain HTTP.
  kube-sandbox up <devName> --namespace <ns> [--workload <name>]
               [--image <img>] [--user <u>] [--mode sync|hybrid]
               [--container <c>] [--no-argo] [--kubeconfig <path>]
  kube-sandbox down <devName> --namespace <ns> [--workload <name>]
               [--no-argo] [--kubeconfig <path>]

  up/down act on a RUNNING sandbox through the Kubernetes API, using the
  server and token of the kubeconfig (default: $KUBECONFIG).`;

type Out = (line: string) => void;

async function serve(argv: string[], out: Out): Promise<number> {
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

async function okteto(
  command: 'up' | 'down',
  argv: string[],
  out: Out,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      namespace: { type: 'string', short: 'n' },
      workload: { type: 'string' },
      image: { type: 'string' },
      user: { type: 'string' },
      mode: { type: 'string', default: 'sync' },
      container: { type: 'string' },
      'no-argo': { type: 'boolean', default: false },
      kubeconfig: { type: 'string', default: process.env.KUBECONFIG },
    },
  });
  const devName = positionals[0];
  if (!devName || !values.namespace || !values.kubeconfig) {
    out(USAGE);
    return 2;
  }
  const mode = values.mode === 'hybrid' ? 'hybrid' : 'sync';
  const access = await readKubeconfig(values.kubeconfig);
  const base = {
    devName,
    namespace: values.namespace,
    workload: values.workload,
    argo: !values['no-argo'],
  };
  if (command === 'up') {
    const r = await oktetoUp(access, {
      ...base,
      image: values.image,
      user: values.user,
      mode,
      container: values.container,
    });
    const parts = [
      `okteto up ${devName}: ${r.original.metadata.name} in dev mode`,
      `clone ${r.clone.metadata.name}`,
    ];
    if (r.application) {
      parts.push(`Application ${r.application.metadata.name} OutOfSync`);
    }
    out(parts.join(', '));
  } else {
    const r = await oktetoDown(access, base);
    const parts = [
      `okteto down ${devName}: ${r.original.metadata.name} restored`,
    ];
    if (r.deletedClone) parts.push('clone deleted');
    if (r.application) {
      parts.push(`Application ${r.application.metadata.name} Synced`);
    }
    out(parts.join(', '));
  }
  return 0;
}

/** Runs the CLI; resolves with the exit code. */
export async function main(
  argv: string[],
  out: Out = line => process.stdout.write(`${line}\n`),
): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '--help' || first === '-h' || first === 'help') {
      out(USAGE);
      return 0;
    }
    if (first === 'up' || first === 'down')
      return await okteto(first, rest, out);
    if (first === 'serve') return await serve(rest, out);
    return await serve(argv, out);
  } catch (e) {
    process.stderr.write(`kube-sandbox: ${errorMessage(e)}\n`);
    return 1;
  }
}

export function run(argv: string[]): void {
  main(argv).then(
    code => {
      process.exitCode = code;
    },
    e => {
      process.stderr.write(`kube-sandbox: ${errorMessage(e)}\n`);
      process.exitCode = 1;
    },
  );
}
