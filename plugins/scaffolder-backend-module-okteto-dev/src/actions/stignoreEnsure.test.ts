import { createMockDirectory } from '@backstage/backend-test-utils';
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

  async function run(input: Record<string, unknown>) {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: mockDir.path,
    });
    await action.handler(ctx);
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
      changed: true,
    });
    expect(read('.stignore')).toBe(
      `${[STIGNORE_HEADER, ...DEFAULT_STIGNORE_ENTRIES].join('\n')}\n`,
    );
    // The file their comment points at is not the one Okteto reads, and is left alone.
    expect(read('.okteto/.stignore')).toBe(webCoreStignore);
  });

  it('falls back to the default sync folder without a dev service', async () => {
    expect((await run({})).path).toBe('.stignore');
    expect((await run({ manifestPath: 'apps/shop/okteto.yml' })).path).toBe(
      'apps/shop/.stignore',
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

  it('leaves (?d) and ! lines alone and does not count them as the plain pattern', async () => {
    const text = '(?d)**/.next/\n!**/dist/\n#include more.stignore\n';
    mockDir.setContent({ '.stignore': text });
    const outputs = await run({ entries: ['**/.next/', '**/dist/'] });
    expect(outputs.added).toEqual(['**/.next/', '**/dist/']);
    expect(read('.stignore').startsWith(text)).toBe(true);
    expect((await run({ entries: ['(?d)**/.next/'] })).changed).toBe(false);
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
    ).rejects.toThrow(/points outside the workspace/);
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
