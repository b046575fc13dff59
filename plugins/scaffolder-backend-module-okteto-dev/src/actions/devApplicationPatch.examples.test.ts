import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import yaml from 'yaml';
import {
  readApplicationFixture,
  readWebCoreFixture,
} from '../testing/fixtures';
import { exampleSteps, runAction } from '../__testUtils__/runAction';
import { createArgocdDevApplicationPatchAction } from './devApplicationPatch';
import { examples } from './devApplicationPatch.examples';

const guard = (name: string) => ({
  group: 'apps',
  kind: 'Deployment',
  name,
  jsonPointers: ['/spec/replicas'],
});

/** The workspace of each example, the file it edits, and the check of its effect. */
const effects: Array<{
  files: Record<string, string>;
  path: string;
  check: (data: any[]) => void;
}> = [
  {
    files: {
      'deploy/argocd/apps/dev/shop.yaml': readApplicationFixture('shop.yaml'),
    },
    path: 'deploy/argocd/apps/dev/shop.yaml',
    check: ([app]) => {
      expect(app.spec.syncPolicy.automated.selfHeal).toBe(false);
      expect(app.spec.ignoreDifferences).toBeUndefined();
    },
  },
  {
    files: {
      'deploy/argocd/apps/dev/synestra-io.yaml': readWebCoreFixture(
        'deploy/argocd/apps/dev/synestra-io.yaml',
      ),
    },
    path: 'deploy/argocd/apps/dev/synestra-io.yaml',
    check: ([app]) => {
      expect(app.spec.ignoreDifferences).toEqual([
        guard('web-synestra-io-dev-web-app'),
      ]);
      expect(app.spec.syncPolicy.syncOptions).toEqual([
        'RespectIgnoreDifferences=true',
      ]);
    },
  },
  {
    files: { 'argocd/dev.yaml': readApplicationFixture('multi-doc.yaml') },
    path: 'argocd/dev.yaml',
    check: ([, shop, blog]) => {
      expect(shop.spec.syncPolicy.automated.selfHeal).toBe(false);
      expect(shop.spec.ignoreDifferences).toEqual([
        guard('web-shop-dev-web-app'),
      ]);
      expect(blog.spec.syncPolicy.automated.selfHeal).toBe(true);
    },
  },
];

describe('argocd:dev-application:patch examples', () => {
  const mockDir = createMockDirectory();
  const action = createArgocdDevApplicationPatchAction();
  const steps = exampleSteps(examples, 'argocd:dev-application:patch');

  it('has one checked effect per example', () => {
    expect(effects).toHaveLength(steps.length);
  });

  it.each(steps.map((step, i) => [...step, i] as const))(
    '%s',
    async (_, input, index) => {
      const { files, path, check } = effects[index];
      mockDir.setContent(files);
      const outputs = await runAction(action, input, mockDir.path);
      expect(outputs).toMatchObject({ changed: true, path });
      check(
        yaml
          .parseAllDocuments(fs.readFileSync(mockDir.resolve(path), 'utf8'))
          .map(d => d.toJS()),
      );
      expect((await runAction(action, input, mockDir.path)).changed).toBe(
        false,
      );
    },
  );
});
