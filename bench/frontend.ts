// Bench 4: frontend weight. Builds plugins/okteto-dev with `backstage-cli package build` and
// gzip-measures the card's chunk (the lazily imported card module and everything it statically
// imports from the package), vs the Roadie Argo CD plugin's published dist measured the same way.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { BenchContext, fmt, printTable, ROOT, say } from './lib';

const PLUGIN_DIR = path.join(ROOT, 'plugins/okteto-dev');
const ROADIE = '@roadiehq/backstage-plugin-argo-cd';

interface Size {
  files: number;
  bytes: number;
  gzip: number;
}

const gz = (file: string) =>
  zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

function listJs(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(esm\.)?js$/.test(e.name) || e.name.endsWith('.mjs'))
        out.push(p);
    }
  };
  walk(dir);
  return out;
}

function measure(files: string[]): Size {
  return {
    files: files.length,
    bytes: files.reduce((a, f) => a + fs.statSync(f).size, 0),
    gzip: files.reduce((a, f) => a + gz(f), 0),
  };
}

/** The file and every package-local file it imports statically (not lazy imports, not deps). */
function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !fs.existsSync(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    const re =
      /(?:^|[\s;])(?:import|export)\s*(?:[^'"()]*?\sfrom\s*)?['"](\.[^'"]+)['"]/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      visit(path.resolve(path.dirname(file), m[1]));
    }
  };
  visit(entry);
  return [...seen];
}

/** The target of the first `import('./…')` in `files` whose path matches `pattern`. */
function lazyImport(files: string[], pattern: RegExp): string | undefined {
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      if (pattern.test(m[1])) return path.resolve(path.dirname(file), m[1]);
    }
  }
  return undefined;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 300_000) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: process.env,
  });
  return {
    status: r.status,
    out: `${r.stdout ?? ''}${r.stderr ?? ''}`,
    error: r.error,
  };
}

function buildOurs(): { dist: string; cleanup: () => void } | string {
  if (!fs.existsSync(path.join(PLUGIN_DIR, 'src/index.ts')))
    return 'plugins/okteto-dev/src/index.ts does not exist yet';
  const dist = path.join(PLUGIN_DIR, 'dist');
  const distExisted = fs.existsSync(dist);
  // `package build` packs type declarations from dist-types (normally made by `tsc` at the root);
  // emit them for this plugin only, with a throw-away tsconfig and build-info file.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-bench-tsc-'));
  const tsconfig = path.join(tmp, 'tsconfig.json');
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(ROOT, 'tsconfig.json'),
      include: [
        path.join(PLUGIN_DIR, 'src'),
        path.join(PLUGIN_DIR, 'config.d.ts'),
      ],
      exclude: [
        path.join(ROOT, 'node_modules'),
        '**/*.test.ts',
        '**/*.test.tsx',
      ],
      compilerOptions: {
        outDir: path.join(ROOT, 'dist-types'),
        rootDir: ROOT,
        tsBuildInfoFile: path.join(tmp, 'tsbuildinfo'),
      },
    }),
  );
  say('frontend: emitting type declarations of plugins/okteto-dev (tsc)');
  const tsc = run(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig],
    ROOT,
  );
  fs.rmSync(tmp, { recursive: true, force: true });
  if (
    !fs.existsSync(
      path.join(ROOT, 'dist-types/plugins/okteto-dev/src/index.d.ts'),
    )
  ) {
    return `tsc emitted no declarations for plugins/okteto-dev: ${tsc.out
      .split('\n')
      .slice(0, 5)
      .join(' ')}`;
  }
  say('frontend: backstage-cli package build in plugins/okteto-dev');
  const build = run(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'build',
    ],
    PLUGIN_DIR,
  );
  if (build.status !== 0 || !fs.existsSync(dist)) {
    return `backstage-cli package build failed (${
      build.error?.message ?? `exit ${build.status}`
    }): ${build.out.trim().split('\n').slice(-5).join(' ')}`;
  }
  return {
    dist,
    // leave the tree as found: remove the build output when there was none before
    cleanup: () => {
      if (!distExisted) fs.rmSync(dist, { recursive: true, force: true });
    },
  };
}

function fetchRoadie():
  | { dir: string; version: string; cleanup: () => void }
  | string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-bench-roadie-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  const npm = path.join(path.dirname(process.execPath), 'npm');
  const pack = run(
    fs.existsSync(npm) ? npm : 'npm',
    ['pack', ROADIE, '--json', '--pack-destination', tmp],
    tmp,
    120_000,
  );
  if (pack.status !== 0) {
    cleanup();
    return `npm pack ${ROADIE} failed: ${
      pack.error?.message ?? pack.out.trim().split('\n').slice(-3).join(' ')
    }`;
  }
  let info: Array<{ filename: string; version: string }>;
  try {
    info = JSON.parse(pack.out.slice(pack.out.indexOf('[')));
  } catch {
    cleanup();
    return `npm pack ${ROADIE} printed no JSON`;
  }
  const tar = run(
    'tar',
    ['xzf', path.join(tmp, info[0].filename), '-C', tmp],
    tmp,
  );
  if (tar.status !== 0) {
    cleanup();
    return `could not unpack ${info[0].filename}: ${tar.out}`;
  }
  return { dir: path.join(tmp, 'package'), version: info[0].version, cleanup };
}

export async function frontend(ctx: BenchContext): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  const result: Record<string, unknown> = {};
  const row = (pkg: string, what: string, s: Size) => {
    rows.push([
      pkg,
      what,
      s.files,
      fmt(s.bytes / 1024, 1),
      fmt(s.gzip / 1024, 1),
    ]);
    return s;
  };

  const ours = buildOurs();
  let oursCard: Size | undefined;
  if (typeof ours === 'string') {
    say(`frontend: SKIPPED our bundle: ${ours}`);
    result.ours = { skipped: ours };
  } else {
    try {
      const files = listJs(ours.dist);
      const cardEntry = lazyImport(files, /EntityOktetoDevCard/);
      const whole = row(
        '@okteto-dev/plugin-okteto-dev',
        'whole dist (all JS)',
        measure(files),
      );
      const entry = row(
        '@okteto-dev/plugin-okteto-dev',
        'entry index.esm.js + static imports',
        measure(staticClosure(path.join(ours.dist, 'index.esm.js'))),
      );
      if (cardEntry) {
        oursCard = row(
          '@okteto-dev/plugin-okteto-dev',
          `card chunk (${path.relative(
            ours.dist,
            cardEntry,
          )} + static imports)`,
          measure(staticClosure(cardEntry)),
        );
      } else {
        say(
          'frontend: no lazy import of EntityOktetoDevCard found in the build output',
        );
      }
      result.ours = {
        whole,
        entry,
        card: oursCard,
        cardEntry: cardEntry && path.relative(ours.dist, cardEntry),
      };
    } finally {
      ours.cleanup();
    }
  }

  const roadie = fetchRoadie();
  let roadieCard: Size | undefined;
  if (typeof roadie === 'string') {
    say(`frontend: Roadie bundle not measured: ${roadie}`);
    result.roadie = { skipped: roadie };
  } else {
    try {
      const dist = path.join(roadie.dir, 'dist');
      const files = listJs(dist);
      const name = `${ROADIE}@${roadie.version}`;
      const whole = row(name, 'whole dist (all JS)', measure(files));
      const entry = row(
        name,
        'entry index.esm.js + static imports',
        measure(staticClosure(path.join(dist, 'index.esm.js'))),
      );
      const cardEntry = lazyImport(files, /ArgoCDDetailsCard/);
      if (cardEntry) {
        roadieCard = row(
          name,
          `card chunk (${path.relative(dist, cardEntry)} + static imports)`,
          measure(staticClosure(cardEntry)),
        );
      }
      result.roadie = {
        version: roadie.version,
        whole,
        entry,
        card: roadieCard,
      };
    } finally {
      roadie.cleanup();
    }
  }

  if (rows.length > 0) {
    printTable({
      title:
        'Frontend: JavaScript shipped by the package (KiB; gzip -9 per file, summed)',
      headers: ['package', 'what', 'files', 'raw KiB', 'gzip KiB'],
      rows,
      note: "Only the package's own files: dependencies (Backstage core, MUI, …) are shared with the app and not counted for either package.",
    });
  }
  if (oursCard && roadieCard) {
    result.cardRatio = oursCard.gzip / roadieCard.gzip;
    ctx.summary.push(
      `Frontend: the okteto-dev card chunk is ${fmt(
        oursCard.gzip / 1024,
      )} KiB gzipped vs ${fmt(
        roadieCard.gzip / 1024,
      )} KiB for Roadie's Argo CD details card (${fmt(
        oursCard.gzip / roadieCard.gzip,
        2,
      )}×).`,
    );
  } else {
    ctx.summary.push(
      `Frontend: ${
        oursCard
          ? `the okteto-dev card chunk is ${fmt(
              oursCard.gzip / 1024,
            )} KiB gzipped`
          : 'our card was not measured'
      }; ${
        roadieCard
          ? `Roadie's Argo CD card ${fmt(roadieCard.gzip / 1024)} KiB`
          : "Roadie's card was not measured"
      }.`,
    );
  }
  ctx.results.frontend = result;
}
