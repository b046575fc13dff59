/* `npm start`: the local demo until Ctrl-C; `npm start -- --real`: on the real stack. */
import path from 'node:path';
import { KUBECONFIG, ROOT, startDemo } from './demo';
import { realDemoHelp, startRealDemo } from './realDemo';

const say = (line: string) => process.stdout.write(`[okteto-dev] ${line}\n`);

async function mainReal() {
  const started = Date.now();
  say(
    'the real stack: real cluster, real Argo CD, the okteto CLI (about 1-2 minutes)',
  );
  const demo = await startRealDemo({ log: say });
  say('');
  say(
    `Backstage is up on the real stack in ${Math.round(
      (Date.now() - started) / 1000,
    )} s: ${demo.url}  (sign in as guest)`,
  );
  say(`  the web-core apps: ${demo.url}/catalog?filters[kind]=component`);
  for (const line of realDemoHelp(demo)) say(line);
  stopOnSignals(demo);
}

/** Ctrl-C (or SIGTERM) stops the demo and everything it started. */
function stopOnSignals(demo: { stop(): Promise<void> }) {
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

async function main() {
  if (process.argv.includes('--real')) {
    await mainReal();
    return;
  }
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
  say('');
  say(
    'synestra-io is in dev mode under Argo CD auto-sync (selfHeal: false). Make "a new commit arrives" on web-core main:',
  );
  say(
    `  npx kube-sandbox argocd new-commit web-synestra-io-dev --kubeconfig ${kubeconfig}`,
  );
  say(
    '  Argo CD syncs the new revision: the original is back at 1 replica next to the dev clone, and its card shows the conflict.',
  );
  say(
    `  (more: npx kube-sandbox argocd status --kubeconfig ${kubeconfig}; npx kube-sandbox --help)`,
  );
  say(
    `The sandbox answers kubectl too: kubectl --kubeconfig ${kubeconfig} get deploy -A`,
  );
  stopOnSignals(demo);
}

main().catch(error => {
  process.stderr.write(`[okteto-dev] ERROR: ${error?.message ?? error}\n`);
  process.exit(1);
});
