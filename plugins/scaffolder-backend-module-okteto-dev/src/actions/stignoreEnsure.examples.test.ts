import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  DEFAULT_STIGNORE_ENTRIES,
  STIGNORE_HEADER,
} from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import { readWebCoreFixture } from '../testing/fixtures';
import { exampleSteps, runAction } from '../__testUtils__/runAction';
import { createOktetoStignoreEnsureAction } from './stignoreEnsure';
import { examples } from './stignoreEnsure.examples';

const recommended = `${[STIGNORE_HEADER, ...DEFAULT_STIGNORE_ENTRIES].join(
  '\n',
)}\n`;

/** The file each example writes and its content, in the order of the examples. */
const effects: Array<[string, string]> = [
  // corporate has no dev service yet: the default sync '..:/app' of .okteto/okteto.yml
  ['.stignore', recommended],
  // web-synestra-io-dev syncs '..:/app': the repository root, not .okteto/.stignore
  ['.stignore', recommended],
  [
    'apps/shop/.stignore',
    `${STIGNORE_HEADER}\n**/node_modules/\n**/.next/\n**/*.log\n`,
  ],
];

describe('okteto:stignore:ensure examples', () => {
  const mockDir = createMockDirectory();
  const action = createOktetoStignoreEnsureAction();
  const steps = exampleSteps(examples, 'okteto:stignore:ensure');

  it('has one checked effect per example', () => {
    expect(effects).toHaveLength(steps.length);
  });

  it.each(steps.map((step, i) => [...step, i] as const))(
    '%s',
    async (_, input, index) => {
      const [file, content] = effects[index];
      const webCoreStignore = readWebCoreFixture('.okteto/.stignore');
      mockDir.setContent({
        '.okteto': {
          'okteto.yml': readWebCoreFixture('.okteto/okteto.yml'),
          '.stignore': webCoreStignore,
        },
      });
      const outputs = await runAction(action, input, mockDir.path);
      expect(outputs).toMatchObject({
        path: file,
        paths: [file],
        changed: true,
      });
      expect(fs.readFileSync(mockDir.resolve(file), 'utf8')).toBe(content);
      expect(
        fs.readFileSync(mockDir.resolve('.okteto/.stignore'), 'utf8'),
      ).toBe(webCoreStignore);
      expect((await runAction(action, input, mockDir.path)).changed).toBe(
        false,
      );
    },
  );
});
