import { errorMessage } from './errors';
import { argocd } from './cli/argocd';
import type { Out } from './cli/common';
import { okteto } from './cli/okteto';
import { serve } from './cli/serve';

const USAGE = `Usage:
  kube-sandbox [serve] [--scenario <web-core|acme|file|dir>] [--port <p>]
               [--kubeconfig-out <path>] [--token <t> | --no-token]
               [--latency-ms <n>] [--no-tls | --tls-key <pem> --tls-cert <pem>]
               [--no-argocd]

  Serves HTTPS with a generated self-signed certificate by default (kubectl
  only sends bearer tokens over HTTPS); --no-tls serves plain HTTP.

  kube-sandbox up <devName> --namespace <ns> [--workload <name> | --selector k=v,…]
               [--image <img>] [--user <u>] [--mode sync|hybrid] [--container <c>]
               [--storage-class <class>] [--manifest-name <name>]
               [--stop-after volume|secret|clone] [--kubeconfig <path>]
  kube-sandbox down <devName> --namespace <ns> [--workload <name> | --selector k=v,…]
               [-v|--volumes] [--stop-after original|clone] [--kubeconfig <path>]

  kube-sandbox argocd new-commit <app>… | --all [--revision <sha>] [--kubeconfig <path>]
  kube-sandbox argocd drift <app> <kind> <name> --patch '<json merge patch>'
               [--namespace <ns>] [--kubeconfig <path>]
  kube-sandbox argocd fail-sync <app> --message <text> [--kubeconfig <path>]
  kube-sandbox argocd status [<app>…] [--kubeconfig <path>]
               (argocd, up, down: [--app-namespace <ns>] where the Applications
               are; default: argo, else argocd)

  up/down/argocd act on a RUNNING sandbox through the Kubernetes API, using
  the server and token of the kubeconfig (default: $KUBECONFIG).`;

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
    if (first === 'up' || first === 'down') {
      return await okteto(first, rest, out, USAGE);
    }
    if (first === 'argocd') return await argocd(rest, out, USAGE);
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
