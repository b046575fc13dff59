/* `npm start`: the local demo until Ctrl-C. */
import path from 'node:path';
import { KUBECONFIG, ROOT, startDemo } from './demo';

async function main() {
  const say = (line: string) => process.stdout.write(`[okteto-dev] ${line}\n`);
  const demo = await startDemo({ log: say });
  const kubeconfig = path.relative(ROOT, KUBECONFIG);
  say('');
  say(`Backstage is up: ${demo.url}  (sign in as guest)`);
  say(`  the web-core apps: ${demo.url}/catalog?filters[kind]=component`);
  say('');
  say('Toggle Okteto dev mode on corporate and watch its card change:');
  say(
    `  npx kube-sandbox up web-corporate-dev --namespace web-corporate-dev --workload web-corporate-dev-web-app --user you --kubeconfig ${kubeconfig}`,
  );
  say(
    `  npx kube-sandbox down web-corporate-dev --namespace web-corporate-dev --workload web-corporate-dev-web-app --kubeconfig ${kubeconfig}`,
  );
  say(
    `The sandbox answers kubectl too: kubectl --kubeconfig ${kubeconfig} get deploy -A`,
  );
  say('Ctrl-C stops everything.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    await demo.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`[okteto-dev] ERROR: ${error?.message ?? error}\n`);
  process.exit(1);
});
