import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { devMessage } from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import yaml from 'yaml';
import { readWebCoreFixture } from '../testing/fixtures';
import { runAction } from '../__testUtils__/runAction';
import { createArgocdDevValuesSetEnvAction } from './devValuesSetEnv';

const SHOP = 'deploy/env/dev/shop.yaml';
const SYNESTRA = 'deploy/env/dev/synestra-io.yaml';
const synestra = readWebCoreFixture(SYNESTRA);

describe('argocd:dev-values:set-env', () => {
  const mockDir = createMockDirectory();
  const action = createArgocdDevValuesSetEnvAction();
  const read = (p: string) => fs.readFileSync(mockDir.resolve(p), 'utf8');
  const run = (input: Record<string, unknown>, act = action) =>
    runAction(act, input, mockDir.path);

  it("adds the dev marker after the last env entry of web-core's commented values file", async () => {
    const without = synestra.replace('  SYNESTRA_ENV: "dev"\n', '');
    mockDir.setContent({ [SYNESTRA]: without });
    const outputs = await run({ app: 'synestra-io' });
    expect(read(SYNESTRA)).toBe(
      without.replace(
        '  S3_FORCE_PATH_STYLE: "true"\n',
        '  S3_FORCE_PATH_STYLE: "true"\n  SYNESTRA_ENV: "dev"\n',
      ),
    );
    expect(outputs).toEqual({
      changed: true,
      path: SYNESTRA,
      set: ['SYNESTRA_ENV'],
      unchanged: [],
      diff: expect.stringContaining('+  SYNESTRA_ENV: "dev"\n'),
      reason: devMessage('checkEnvVarMissing', {
        name: 'SYNESTRA_ENV',
        value: 'dev',
        container: 'app',
        file: SYNESTRA,
      }).message,
      summary: `- \`${SYNESTRA}\`: \`SYNESTRA_ENV: "dev"\` under \`env:\`, the environment of the \`app\` container.`,
    });
  });

  it("changes only the value of a wrong one, keeping its quotes, and is a no-op on web-core's file", async () => {
    mockDir.setContent({
      [SYNESTRA]: synestra.replace(
        'SYNESTRA_ENV: "dev"',
        'SYNESTRA_ENV: "prod"',
      ),
    });
    const outputs = await run({ app: 'synestra-io' });
    expect(read(SYNESTRA)).toBe(synestra);
    expect(outputs.reason).toBe(
      devMessage('checkEnvVarWrong', {
        name: 'SYNESTRA_ENV',
        value: 'dev',
        actual: 'prod',
        file: SYNESTRA,
      }).message,
    );
    const again = await run({ app: 'synestra-io' });
    expect(again).toMatchObject({
      changed: false,
      set: [],
      unchanged: ['SYNESTRA_ENV'],
      diff: '',
      reason: '',
      summary: '',
    });
    expect(read(SYNESTRA)).toBe(synestra);
  });

  it.each([
    [
      "the chart's `env: {}` with comments under it",
      'env: {}\n  # SYNESTRA_ENV: "dev" # dev|stage|prod\n\nenvFrom:\n  secretRef: ""\n',
      'env: {SYNESTRA_ENV: "dev"}\n  # SYNESTRA_ENV: "dev" # dev|stage|prod\n\nenvFrom:\n  secretRef: ""\n',
    ],
    [
      'an empty env:',
      'env:   # set per environment\nenvFrom: {}\n',
      'env:   # set per environment\n  SYNESTRA_ENV: "dev"\nenvFrom: {}\n',
    ],
    [
      'no env at all',
      '# values\nreplicas: 1\n\ningress:\n  enabled: true\n',
      '# values\nreplicas: 1\n\ningress:\n  enabled: true\nenv:\n  SYNESTRA_ENV: "dev"\n',
    ],
    [
      'a comment-only file',
      '# nothing yet\n',
      '# nothing yet\nenv:\n  SYNESTRA_ENV: "dev"\n',
    ],
    [
      'a flow env with other entries',
      'env: { A: "1" }\n',
      'env: { A: "1", SYNESTRA_ENV: "dev" }\n',
    ],
    [
      'a value written as a plain scalar of another type',
      'env:\n  SYNESTRA_ENV: 1\n',
      'env:\n  SYNESTRA_ENV: "dev"\n',
    ],
  ])('sets it in %s', async (_, text, expected) => {
    mockDir.setContent({ [SHOP]: text });
    await run({ app: 'shop' });
    expect(read(SHOP)).toBe(expected);
  });

  it('creates a missing values file, and follows the conventions', async () => {
    mockDir.setContent({});
    const outputs = await run({ app: 'shop' });
    expect(read(SHOP)).toBe(
      '# Dev values for shop deployment (non-secret only).\n\nenv:\n  SYNESTRA_ENV: "dev"\n',
    );
    expect(outputs.summary).toContain('(new file)');
    const configured = createArgocdDevValuesSetEnvAction({
      config: new ConfigReader({
        oktetoDev: {
          conventions: {
            envVar: { name: 'APP_STAGE', value: 'preview' },
            valuesPath: 'charts/{app}.yaml',
          },
        },
      }),
    });
    await run({ app: 'shop' }, configured);
    expect(yaml.parse(read('charts/shop.yaml'))).toEqual({
      env: { APP_STAGE: 'preview' },
    });
  });

  it.each([
    [
      'env as a list',
      'env:\n  - name: A\n    value: b\n',
      /env is a list, but the chart reads env as a map/,
    ],
    ['malformed YAML', 'env:\n  A: [\n', /is not valid YAML/],
    ['several documents', 'a: 1\n---\nb: 2\n', /holds 2 YAML documents/],
    ['a list at the top', '- a\n', /is not a YAML mapping of Helm values/],
  ])('refuses %s, never overwriting it', async (_, text, message) => {
    mockDir.setContent({ [SHOP]: text });
    await expect(run({ app: 'shop' })).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
    expect(read(SHOP)).toBe(text);
  });

  it.each([
    [
      { env: { 'BAD-NAME': 'x' } },
      /env name 'BAD-NAME' is not a valid variable name/,
    ],
    [{ env: {} }, /env must name at least one variable/],
    [{ app: 'Shop' }, /app must be a DNS-1123 label/],
    [{ valuesPath: '/etc/values.yaml' }, /relative to the workspace/],
  ])('refuses bad input %j', async (patch, message) => {
    mockDir.setContent({});
    await expect(run({ app: 'shop', ...patch })).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
  });
});
