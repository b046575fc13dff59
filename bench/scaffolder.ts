// Bench 3: the scaffolder edits on big files. `okteto:dev-service:add` on a generated
// 500-service Okteto manifest and `okteto:stignore:ensure` on a 5,000-line `.stignore`, run through
// the real action handlers (createMockActionContext + a temp workspace), plus the pure edit
// functions they use, and `argocd:dev-application:patch` on web-core's Application. Median over N
// runs (30, 10 with --quick); each run starts from the original file. Checks the scaffolder goals.
import { createMockDirectory } from '@backstage/backend-test-utils';
import { mergeStignore } from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import {
  BenchContext,
  fmt,
  installJestShim,
  percentiles,
  printTable,
  say,
} from './lib';

const MANIFEST = '.okteto/okteto.yml';
const STIGNORE = '.okteto/.stignore';

function webCoreCommand(pkg: string) {
  return `sh -lc 'export CI=1 NODE_ENV=development PORT=3000; corepack enable >/dev/null 2>&1 || true; pnpm --filter ${pkg} dev'`;
}

/** An Okteto manifest in web-core's style with `services` dev entries (comments included). */
export function generateManifest(services: number): string {
  const lines = [
    'name: web-core',
    '',
    '# Generated for the benchmark: one dev entry per app.',
    '',
    'dev:',
  ];
  for (let i = 1; i <= services; i++) {
    const ns = `web-app-${String(i).padStart(4, '0')}-dev`;
    lines.push(
      `  ${ns}:`,
      `    # Target the ArgoCD-managed Deployment in namespace \`${ns}\`.`,
      '    selector:',
      '      app.kubernetes.io/name: web-app',
      `      app.kubernetes.io/instance: ${ns}`,
      '    container: app',
      `    workdir: /app/apps/app-${i}`,
      `    command: ${webCoreCommand(`@synestra/app-${i}`)}`,
      '    sync:',
      '      - ..:/app',
      '    forward:',
      '      - 3000:3000',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A `.stignore` of `count` lines: patterns and comments, none of the recommended ones. */
export function generateStignore(count: number): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < count; i++) {
    if (i % 10 === 0) lines.push(`// section ${i / 10}`);
    else
      lines.push(
        `apps/app-${String(i).padStart(4, '0')}/generated-${i % 7}/**`,
      );
  }
  return `${lines.slice(0, count).join('\n')}\n`;
}

const addInput = {
  manifestPath: MANIFEST,
  name: 'web-newcomer-dev',
  selector: {
    'app.kubernetes.io/name': 'web-app',
    'app.kubernetes.io/instance': 'web-newcomer-dev',
  },
  container: 'app',
  workdir: '/app/apps/newcomer',
  command: webCoreCommand('@synestra/newcomer'),
};

export async function scaffolder(ctx: BenchContext): Promise<void> {
  const runs = ctx.args.quick ? 10 : 30;
  installJestShim();
  /* eslint-disable @typescript-eslint/no-require-imports */
  // Loaded after the shim: createMockActionContext calls jest.fn().
  const {
    createMockActionContext,
  } = require('@backstage/plugin-scaffolder-node-test-utils');
  const {
    createOktetoDevServiceAddAction,
    createOktetoStignoreEnsureAction,
    createArgocdDevApplicationPatchAction,
  } = require('@okteto-dev/plugin-scaffolder-backend-module-okteto-dev');
  const {
    readWebCoreFixture,
  } = require('@okteto-dev/plugin-scaffolder-backend-module-okteto-dev/src/testing/fixtures');
  const {
    upsertDevEntries,
    renderNewManifest,
  } = require('@okteto-dev/plugin-scaffolder-backend-module-okteto-dev/src/actions/devServiceManifest');
  const {
    buildDevEntry,
  } = require('@okteto-dev/plugin-scaffolder-backend-module-okteto-dev/src/actions/devServiceEntry');
  const {
    defaultSync,
  } = require('@okteto-dev/plugin-scaffolder-backend-module-okteto-dev/src/actions/oktetoSync');
  const {
    readOktetoDevScaffolderOptions,
  } = require('@okteto-dev/plugin-scaffolder-backend-module-okteto-dev');
  const defaults = readOktetoDevScaffolderOptions();
  // the yaml package the actions parse with, for the baseline
  const { parseDocument } = require(require.resolve('yaml', {
    paths: [
      require.resolve(
        '@okteto-dev/plugin-scaffolder-backend-module-okteto-dev/package.json',
      ),
    ],
  }));
  /* eslint-enable @typescript-eslint/no-require-imports */
  void renderNewManifest;

  const manifest = generateManifest(500);
  const stignore = generateStignore(5000);
  say(
    `scaffolder: manifest ${manifest.split('\n').length} lines (${fmt(
      manifest.length / 1024,
    )} KiB), .stignore 5000 lines (${fmt(
      stignore.length / 1024,
    )} KiB), ${runs} runs each`,
  );

  const dir = createMockDirectory();
  const addAction = createOktetoDevServiceAddAction();
  const ensureAction = createOktetoStignoreEnsureAction();
  const patchAction = createArgocdDevApplicationPatchAction();
  const APPLICATION = 'deploy/argocd/apps/dev/synestra-io.yaml';
  const application = readWebCoreFixture(APPLICATION);
  const time = async (
    setup: () => void,
    fn: () => Promise<unknown> | unknown,
  ) => {
    const samples: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      setup();
      const t = performance.now();
      await fn();
      if (i >= 2) samples.push(performance.now() - t); // two warm-up runs
    }
    return percentiles(samples);
  };
  const runAction = async (action: any, input: Record<string, unknown>) => {
    const c = createMockActionContext({ input, workspacePath: dir.path });
    await action.handler(c);
    return c.output;
  };

  try {
    const fresh = () =>
      dir.setContent({
        '.okteto': { 'okteto.yml': manifest, '.stignore': stignore },
      });
    const rows: Array<[string, ReturnType<typeof percentiles>]> = [];

    // sanity: the action really edits
    fresh();
    await runAction(addAction, addInput);
    const edited = fs.readFileSync(dir.resolve(MANIFEST), 'utf8');
    if (!edited.startsWith(manifest) || !edited.includes('web-newcomer-dev:')) {
      throw new Error(
        'okteto:dev-service:add did not append the entry as expected',
      );
    }
    await runAction(ensureAction, { path: STIGNORE });
    const ensured = fs.readFileSync(dir.resolve(STIGNORE), 'utf8');
    if (!ensured.startsWith(stignore) || ensured.length === stignore.length) {
      throw new Error(
        'okteto:stignore:ensure did not append the patterns as expected',
      );
    }

    rows.push([
      'okteto:dev-service:add — append to a 500-service manifest (action)',
      await time(fresh, () => runAction(addAction, addInput)),
    ]);
    const afterAdd = () =>
      dir.setContent({
        '.okteto': { 'okteto.yml': edited, '.stignore': stignore },
      });
    rows.push([
      'okteto:dev-service:add — re-run, entry present, no write (action)',
      await time(afterAdd, () => runAction(addAction, addInput)),
    ]);
    rows.push([
      'okteto:stignore:ensure — 5,000-line .stignore, append missing (action)',
      await time(fresh, () => runAction(ensureAction, { path: STIGNORE })),
    ]);
    rows.push([
      'okteto:stignore:ensure — resolve path from the manifest (devService) (action)',
      await time(fresh, () =>
        runAction(ensureAction, {
          manifestPath: MANIFEST,
          devService: 'web-app-0250-dev',
        }),
      ),
    ]);
    const afterEnsure = () =>
      dir.setContent({
        '.okteto': { 'okteto.yml': manifest, '.stignore': ensured },
      });
    rows.push([
      'okteto:stignore:ensure — re-run, all present, no write (action)',
      await time(afterEnsure, () =>
        runAction(ensureAction, { path: STIGNORE }),
      ),
    ]);

    rows.push([
      "argocd:dev-application:patch — web-core's synestra-io Application, both fixes (action)",
      await time(
        () =>
          dir.setContent({
            deploy: {
              argocd: { apps: { dev: { 'synestra-io.yaml': application } } },
            },
          }),
        () =>
          runAction(patchAction, {
            app: 'synestra-io',
            fixes: ['self-heal-off', 'replicas-ignored'],
          }),
      ),
    ]);

    // the pure functions, without file I/O
    const { keys, body } = buildDevEntry({
      ...addInput,
      image: defaults.devImage,
      sync: defaultSync(MANIFEST),
      forward: defaults.forward,
    });
    rows.push([
      'upsertDevEntries (pure, 500-service manifest)',
      await time(
        () => {},
        () => upsertDevEntries(manifest, MANIFEST, keys, body, false),
      ),
    ]);
    // the floor of any edit that checks the file: parsing it once, as the actions do
    rows.push([
      'baseline: one YAML parse of the 500-service manifest (yaml parseDocument, as the actions parse)',
      await time(
        () => {},
        () => parseDocument(manifest, { prettyErrors: true, uniqueKeys: true }),
      ),
    ]);
    rows.push([
      'mergeStignore (pure, 5,000 lines)',
      await time(
        () => {},
        () => mergeStignore(stignore, defaults.stignoreEntries),
      ),
    ]);

    printTable({
      title: `Scaffolder edits on big files (ms, ${runs} runs after 2 warm-ups)`,
      headers: ['operation', 'median', 'p95', 'max'],
      rows: rows.map(([label, p]) => [
        label,
        fmt(p.p50, 2),
        fmt(p.p95, 2),
        fmt(p.max, 2),
      ]),
      note: 'Action rows include reading and writing the file in a temp workspace and the action context; the file is reset before each run (not timed).',
    });
    const get = (prefix: string) =>
      rows.find(([l]) => l.startsWith(prefix))![1];
    const measured = (p: ReturnType<typeof percentiles>) =>
      `${fmt(p.p50, 1)} ms median (p95 ${fmt(p.p95, 1)}) of ${runs} runs${
        ctx.args.quick ? ' (--quick)' : ''
      }`;
    const add = get('okteto:dev-service:add — append');
    const parse = get('baseline:');
    const rerun = get('okteto:dev-service:add — re-run');
    const resolve = get('okteto:stignore:ensure — resolve');
    ctx.goals.push(
      {
        goal: 'okteto:dev-service:add on a 500-service manifest < 100 ms',
        met: add.p50 < 100,
        measured: `${measured(add)}; ${fmt(
          add.p50 / parse.p50,
          2,
        )} × one YAML parse of the file in the same run (${fmt(
          parse.p50,
          1,
        )} ms)`,
        why: 'the 220 KiB manifest is parsed once (the baseline: the floor of an edit that checks the file is YAML and has no such entry yet); the entry is inserted as text and checked by parsing only the lines the edit touched, not the whole file again',
      },
      {
        goal: 'its no-op re-run < 30 ms',
        met: rerun.p50 < 30,
        measured: measured(rerun),
        why: 'a line scan finds the entry and only its lines are parsed and compared; anything but the plain block layout falls back to parsing the whole file',
      },
      {
        goal: 'okteto:stignore:ensure resolving its path from that manifest < 30 ms (the no-op bound; the issue names no other)',
        met: resolve.p50 < 30,
        measured: measured(resolve),
        why: 'the same scan reads only the dev service entry for its sync folders',
      },
    );
    ctx.summary.push(
      `Scaffolder: okteto:dev-service:add on a 500-service manifest takes ${fmt(
        get('okteto:dev-service:add — append').p50,
      )} ms (median of ${runs}); okteto:stignore:ensure on a 5,000-line .stignore ${fmt(
        get('okteto:stignore:ensure — 5,000').p50,
      )} ms.`,
    );
    ctx.results.scaffolder = {
      runs,
      manifestLines: manifest.split('\n').length,
      manifestBytes: manifest.length,
      stignoreLines: 5000,
      stignoreBytes: stignore.length,
      rows: rows.map(([operation, p]) => ({ operation, ...p })),
      note: 'run through createMockActionContext (with a minimal jest.fn stand-in) and createMockDirectory',
    };
  } finally {
    dir.remove();
  }
}
