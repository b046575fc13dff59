import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { readWebCoreFixture } from '../testing/fixtures';
import { exampleSteps, runAction } from '../__testUtils__/runAction';
import { createArgocdDevValuesSetEnvAction } from './devValuesSetEnv';
import { examples } from './devValuesSetEnv.examples';

const shopValues = readWebCoreFixture('deploy/env/dev/corporate.yaml')
  .replace(/corporate/g, 'shop')
  .replace('  SYNESTRA_ENV: "dev"\n', '');

/** The workspace of each example, the file it edits, and what that file must then be. */
const effects: Array<[Record<string, string>, string, string]> = [
  [
    { 'deploy/env/dev/shop.yaml': shopValues },
    'deploy/env/dev/shop.yaml',
    shopValues.replace(
      '"https://shop.dev.synestra.tech"\n',
      '"https://shop.dev.synestra.tech"\n  SYNESTRA_ENV: "dev"\n',
    ),
  ],
  [
    { 'charts/shop/values-dev.yaml': 'replicas: 1\n' },
    'charts/shop/values-dev.yaml',
    'replicas: 1\nenv:\n  NEXT_PUBLIC_SERVER_URL: "https://shop.dev.synestra.tech"\n',
  ],
];

describe('argocd:dev-values:set-env examples', () => {
  const mockDir = createMockDirectory();
  const action = createArgocdDevValuesSetEnvAction();
  const steps = exampleSteps(examples, 'argocd:dev-values:set-env');

  it('has one checked effect per example', () => {
    expect(effects).toHaveLength(steps.length);
  });

  it.each(steps.map((step, i) => [...step, i] as const))(
    '%s',
    async (_, input, index) => {
      const [files, path, content] = effects[index];
      mockDir.setContent(files);
      expect(await runAction(action, input, mockDir.path)).toMatchObject({
        changed: true,
        path,
      });
      expect(fs.readFileSync(mockDir.resolve(path), 'utf8')).toBe(content);
      expect((await runAction(action, input, mockDir.path)).changed).toBe(
        false,
      );
    },
  );
});
