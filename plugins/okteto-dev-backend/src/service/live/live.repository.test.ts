import { eventually, Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import path from 'node:path';
import { LiveBackend, startLiveBackend } from '../../__testUtils__/liveBackend';
import { webCoreUrlReaderWith } from '../../__testUtils__/testBackend';

jest.setTimeout(60_000);

const MANIFEST = '.okteto/okteto.yml';
/** corporate's dev entry, as "Enable Okteto" adds it (the web-core scenario has none yet). */
const CORPORATE_ENTRY = `
  web-corporate-dev:
    selector:
      app.kubernetes.io/name: web-app
      app.kubernetes.io/instance: web-corporate-dev
    container: app
    workdir: /app/apps/corporate-website
    sync:
      - ../:/app
    forward:
      - 3000:3000
`;

const devService = (s: DevStatus) =>
  s.checklist.find(item => item.id === 'dev-service')?.status;

let sandbox: Sandbox;
let backend: LiveBackend;
const overlay = new Map<string, string>();

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'web-core' });
  // the default repositoryTtlSeconds (300): only a new commit may make the files be read again
  backend = await startLiveBackend({
    sandbox,
    urlReader: webCoreUrlReaderWith(overlay),
  });
});

afterAll(async () => {
  await backend?.stop();
  await sandbox?.close();
});

const until = (what: string, done: (s: DevStatus) => boolean) =>
  eventually(
    async () => {
      const s = await backend.status('corporate');
      return done(s) && s;
    },
    { what },
  );

it('a merged dev entry shows as soon as Argo CD compares the new commit, not after the repository cache expires', async () => {
  const before = await until(
    'corporate watched, without a dev entry',
    s => s.live?.mode === 'watch',
  );
  expect(devService(before)).toBe('fail');

  // the pull request merged: the manifest has corporate's entry, but Argo CD has not compared
  // the commit yet — the files read before stay (no watch says the repository changed)
  const manifest = fs.readFileSync(
    path.resolve(__dirname, '../../../../../examples/web-core-repo', MANIFEST),
    'utf8',
  );
  overlay.set(MANIFEST, manifest.replace(/^dev:\n/m, `dev:${CORPORATE_ENTRY}`));
  const unchanged = await backend.status('corporate');
  expect(devService(unchanged)).toBe('fail');

  // Argo CD compares the new commit: a revision never seen for the repository drops its cached
  // files, and the card reads the entry
  sandbox.argocd!.newCommit('web-corporate-dev');
  const after = await until(
    'the dev entry read after the new commit',
    s => devService(s) === 'pass',
  );
  expect(after.argo.state).toBe('ok');
  expect(after.commands?.oktetoUp).toContain('web-corporate-dev');
});
