import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  DEFAULT_STIGNORE_ENTRIES,
  STIGNORE_HEADER,
} from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import { aliasBomb, readWebCoreFixture } from '../testing/fixtures';
import { createOktetoStignoreEnsureAction } from './stignoreEnsure';

const webCoreManifest = readWebCoreFixture('.okteto/okteto.yml');
const webCoreStignore = readWebCoreFixture('.okteto/.stignore');

describe('okteto:stignore:ensure', () => {
  const mockDir = createMockDirectory();
  const action = createOktetoStignoreEnsureAction();

  async function run(input: Record<string, unknown>, act = action) {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: mockDir.path,
    });
    await act.handler(ctx);
    const outputs: Record<string, unknown> = {};
    for (const [name, value] of (ctx.output as jest.Mock).mock.calls) {
      outputs[name] = value;
    }
    return outputs;
  }
  const read = (p: string) => fs.readFileSync(mockDir.resolve(p), 'utf8');

  beforeEach(() => {
    mockDir.setContent({
      '.okteto': {
        'okteto.yml': webCoreManifest,
        '.stignore': webCoreStignore,
      },
    });
  });

  it("creates the repository root .stignore for web-core's '..:/app' dev service", async () => {
    const outputs = await run({ devService: 'web-synestra-io-dev' });
    expect(outputs).toEqual({
      added: [...DEFAULT_STIGNORE_ENTRIES],
      alreadyCovered: [],
      path: '.stignore',
      paths: ['.stignore'],
      changed: true,
      diff: expect.stringMatching(/^--- \/dev\/null\n\+\+\+ b\/\.stignore\n/),
      reason: '.stignore does not exist: okteto up will stop to ask for one.',
      summary: expect.stringMatching(
        /^- `\.stignore` \(new\): added `\*\*\/node_modules\/`/,
      ),
    });
    expect(read('.stignore')).toBe(
      `${[STIGNORE_HEADER, ...DEFAULT_STIGNORE_ENTRIES].join('\n')}\n`,
    );
    // The file their comment points at is not the one Okteto reads, and is left alone.
    expect(read('.okteto/.stignore')).toBe(webCoreStignore);
  });

  it('falls back to the default sync folder without a dev service', async () => {
    expect((await run({})).path).toBe('.stignore');
    // The default sync of a new entry is the whole repository, wherever the manifest is.
    expect((await run({ manifestPath: 'tools/okteto/okteto.yml' })).path).toBe(
      '.stignore',
    );
  });

  it('follows the sync folder of the named dev service', async () => {
    mockDir.setContent({
      'okteto.yml': 'dev:\n  shop:\n    sync:\n      - apps/shop:/app\n',
    });
    const outputs = await run({
      manifestPath: 'okteto.yml',
      devService: 'shop',
    });
    expect(outputs.path).toBe('apps/shop/.stignore');
    expect(read('apps/shop/.stignore')).toContain('**/node_modules/');
  });

  it('treats directory spellings as covered and is idempotent', async () => {
    const outputs = await run({ path: '.okteto/.stignore' });
    expect(outputs).toMatchObject({
      added: [],
      alreadyCovered: [...DEFAULT_STIGNORE_ENTRIES],
      changed: false,
    });
    expect(read('.okteto/.stignore')).toBe(webCoreStignore);

    await run({});
    const once = read('.stignore');
    expect((await run({})).changed).toBe(false);
    expect(read('.stignore')).toBe(once);
  });

  it('keeps CRLF line endings and the existing lines', async () => {
    const crlf = '// ours\r\n**/node_modules/\r\n.env';
    mockDir.setContent({ '.stignore': crlf });
    const outputs = await run({ entries: ['**/node_modules', '**/.next/'] });
    expect(outputs).toMatchObject({
      added: ['**/.next/'],
      alreadyCovered: ['**/node_modules'],
    });
    expect(read('.stignore')).toBe(
      `${crlf}\r\n${STIGNORE_HEADER}\r\n**/.next/\r\n`,
    );
  });

  it('counts (?d)x as x (Okteto adds the (?d) itself) but not !x, and keeps those lines', async () => {
    const text = '(?d)**/.next/\n!**/dist/\n#include more.stignore\n';
    mockDir.setContent({ '.stignore': text });
    const outputs = await run({ entries: ['**/.next/', '**/dist/'] });
    expect(outputs).toMatchObject({
      added: ['**/dist/'],
      alreadyCovered: ['**/.next/'],
    });
    expect(read('.stignore')).toBe(`${text}${STIGNORE_HEADER}\n**/dist/\n`);
    expect((await run({ entries: ['(?d)**/dist/'] })).changed).toBe(false);
  });

  it('ensures the patterns in the .stignore of every sync folder of the dev service', async () => {
    const manifest = [
      'dev:',
      '  shop:',
      '    sync:',
      '      - apps/shop:/app',
      '      - packages/ui:/ui',
      '      - apps/shop:/again',
      '',
    ].join('\n');
    mockDir.setContent({
      'okteto.yml': manifest,
      packages: { ui: { '.stignore': '**/node_modules/\n' } },
    });
    const outputs = await run({
      manifestPath: 'okteto.yml',
      devService: 'shop',
      entries: ['**/node_modules/', '**/.next/'],
    });
    expect(outputs).toEqual({
      added: ['**/node_modules/', '**/.next/'],
      alreadyCovered: [],
      path: 'apps/shop/.stignore',
      paths: ['apps/shop/.stignore', 'packages/ui/.stignore'],
      changed: true,
      diff: [
        '--- /dev/null',
        '+++ b/apps/shop/.stignore',
        '@@ -0,0 +1,3 @@',
        `+${STIGNORE_HEADER}`,
        '+**/node_modules/',
        '+**/.next/',
        '--- a/packages/ui/.stignore',
        '+++ b/packages/ui/.stignore',
        '@@ -1 +1,3 @@',
        ' **/node_modules/',
        `+${STIGNORE_HEADER}`,
        '+**/.next/',
        '',
      ].join('\n'),
      // As the card says it: a missing file first.
      reason:
        'apps/shop/.stignore does not exist: okteto up will stop to ask for one.',
      summary: expect.stringContaining(
        '- `packages/ui/.stignore`: added `**/.next/`;',
      ),
    });
    expect(read('apps/shop/.stignore')).toBe(
      `${STIGNORE_HEADER}\n**/node_modules/\n**/.next/\n`,
    );
    expect(read('packages/ui/.stignore')).toBe(
      `**/node_modules/\n${STIGNORE_HEADER}\n**/.next/\n`,
    );
    const again = await run({
      manifestPath: 'okteto.yml',
      devService: 'shop',
      entries: ['**/node_modules/', '**/.next/'],
    });
    expect(again).toMatchObject({
      added: [],
      alreadyCovered: ['**/node_modules/', '**/.next/'],
      changed: false,
      diff: '',
      reason: '',
      summary: '',
    });
  });

  it("finds the app's dev service and manifest from oktetoDev.conventions", async () => {
    const configured = createOktetoStignoreEnsureAction({
      config: new ConfigReader({
        oktetoDev: {
          conventions: {
            manifestPath: 'deploy/okteto/{app}.yml',
            devService: '{app}-dev',
          },
        },
      }),
    });
    mockDir.setContent({
      deploy: {
        okteto: {
          'shop.yml':
            'dev:\n  shop-dev:\n    sync:\n      - ../../apps/shop:/app\n',
        },
      },
    });
    const outputs = await run({ app: 'shop' }, configured);
    expect(outputs.paths).toEqual(['apps/shop/.stignore']);
    expect(read('apps/shop/.stignore')).toContain('**/node_modules/');
  });

  it('writes nothing when one of the files cannot be read', async () => {
    mockDir.setContent({
      'okteto.yml': 'dev:\n  shop:\n    sync:\n      - a:/a\n      - b:/b\n',
      b: { '.stignore': 'x'.repeat(1024 * 1024 + 1) },
    });
    await expect(
      run({ manifestPath: 'okteto.yml', devService: 'shop' }),
    ).rejects.toThrow(/b\/\.stignore is larger than/);
    expect(fs.existsSync(mockDir.resolve('a/.stignore'))).toBe(false);
  });

  it('refuses paths outside the workspace and bad patterns', async () => {
    await expect(run({ path: '../.stignore' })).rejects.toThrow(
      /outside the workspace/,
    );
    await expect(run({ manifestPath: '../../okteto.yml' })).rejects.toThrow(
      /outside the workspace/,
    );
    await expect(run({ entries: ['// comment'] })).rejects.toThrow(
      /not a \.stignore pattern/,
    );
    await expect(run({ entries: ['a\nb'] })).rejects.toThrow(
      /not a \.stignore pattern/,
    );
  });

  it('refuses a sync folder that leaves the workspace', async () => {
    mockDir.setContent({
      'okteto.yml': 'dev:\n  shop:\n    sync:\n      - ../..:/app\n',
    });
    await expect(
      run({ manifestPath: 'okteto.yml', devService: 'shop' }),
    ).rejects.toThrow(/points outside the repository/);
  });

  it('refuses an alias bomb in the manifest quickly', async () => {
    mockDir.setContent({ '.okteto': { 'okteto.yml': aliasBomb() } });
    const started = Date.now();
    await expect(run({ devService: 'x' })).rejects.toThrow(
      /resource exhaustion/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
