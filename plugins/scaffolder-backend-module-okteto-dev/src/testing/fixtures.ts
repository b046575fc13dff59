import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';

/** Root of the copies of NeoGrAIph/web-core files (see /work/shared/reference/web-core). */
export const WEB_CORE_FIXTURES = resolvePackagePath(
  '@okteto-dev/plugin-scaffolder-backend-module-okteto-dev',
  'src/__fixtures__/web-core',
);

/** Reads one web-core fixture file as text. */
export function readWebCoreFixture(relativePath: string): string {
  return fs.readFileSync(path.join(WEB_CORE_FIXTURES, relativePath), 'utf8');
}

/**
 * The command web-core runs in its dev containers, ending with the runbook §4 `pnpm --filter` run
 * (`PORT=3000` keeps the existing Service working): what `DEFAULT_DEV_COMMAND` must give, spelled
 * out apart from it.
 */
export function webCoreDevCommand(pkg: string): string {
  return (
    "sh -lc 'export CI=1 NODE_ENV=development PORT=3000 COREPACK_ENABLE_DOWNLOAD_PROMPT=0 PNPM_STORE_DIR=/tmp/.pnpm-store; " +
    'corepack enable >/dev/null 2>&1 || true; if [ ! -x node_modules/.bin/next ]; then pnpm install --frozen-lockfile; fi; ' +
    `pnpm --filter ${pkg} dev'`
  );
}

/** A YAML "billion laughs" document: tiny text, exponential expansion. */
export function aliasBomb(levels = 9): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) {
    const refs = Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ');
    lines.push(`a${i}: &a${i} [${refs}]`);
  }
  return `${lines.join('\n')}\ndev:\n  x:\n    image: *a${levels - 1}\n`;
}

/** Reads one of the Application files in `src/__fixtures__/applications` (see its README). */
export function readApplicationFixture(name: string): string {
  return fs.readFileSync(
    resolvePackagePath(
      '@okteto-dev/plugin-scaffolder-backend-module-okteto-dev',
      'src/__fixtures__/applications',
      name,
    ),
    'utf8',
  );
}
