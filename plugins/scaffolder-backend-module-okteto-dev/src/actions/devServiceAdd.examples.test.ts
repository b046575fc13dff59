import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import yaml from 'yaml';
import { readWebCoreFixture, webCoreDevCommand } from '../testing/fixtures';
import { exampleSteps, runAction } from '../__testUtils__/runAction';
import { createOktetoDevServiceAddAction } from './devServiceAdd';
import { examples } from './devServiceAdd.examples';

const MANIFEST = '.okteto/okteto.yml';
const webCoreManifest = readWebCoreFixture(MANIFEST);
const corporateSelector = {
  'app.kubernetes.io/name': 'web-app',
  'app.kubernetes.io/instance': 'web-corporate-dev',
};

/** What each example adds to web-core's manifest, in the order of the examples. */
const effects: Array<(dev: Record<string, unknown>) => void> = [
  dev =>
    expect(dev['web-corporate-dev']).toEqual({
      selector: corporateSelector,
      container: 'app',
      workdir: '/app/apps/corporate-website',
      command: webCoreDevCommand('@synestra/corporate-website'),
      sync: ['..:/app'],
      forward: ['3000:3000'],
    }),
  dev =>
    expect(dev['corporate-hot']).toEqual({
      selector: corporateSelector,
      container: 'app',
      image: 'ghcr.io/example/web-dev:22',
      workdir: '/app/apps/corporate-website',
      command: webCoreDevCommand('@synestra/corporate-website'),
      sync: ['..:/app'],
      forward: ['3000:3000'],
    }),
  dev => {
    expect(dev['web-shop-dev-web-app']).toEqual({
      workdir: '/app/apps/shop',
      command: ['pnpm', '--filter', 'shop', 'dev'],
      environment: { NODE_ENV: 'development' },
      sync: ['..:/app'],
      forward: ['3000:3000', '9229:9229'],
    });
    expect(dev['web-shop-dev']).toEqual(dev['web-shop-dev-web-app']);
  },
];

describe('okteto:dev-service:add examples', () => {
  const mockDir = createMockDirectory();
  const action = createOktetoDevServiceAddAction();
  const steps = exampleSteps(examples, 'okteto:dev-service:add');

  it('has one checked effect per example', () => {
    expect(effects).toHaveLength(steps.length);
  });

  it.each(steps.map((step, i) => [...step, i] as const))(
    '%s',
    async (_, input, index) => {
      mockDir.setContent({
        '.okteto': { 'okteto.yml': webCoreManifest },
        'apps/corporate-website/package.json':
          '{"name":"@synestra/corporate-website"}',
      });
      const outputs = await runAction(action, input, mockDir.path);
      expect(outputs).toMatchObject({ changed: true, path: MANIFEST });
      const text = fs.readFileSync(mockDir.resolve(MANIFEST), 'utf8');
      // web-core's entries and comments stay as they were: the entry is appended.
      expect(text.startsWith(webCoreManifest)).toBe(true);
      effects[index](yaml.parse(text).dev);
      // Running the example again changes nothing.
      const again = await runAction(action, input, mockDir.path);
      expect(again.changed).toBe(false);
      expect(fs.readFileSync(mockDir.resolve(MANIFEST), 'utf8')).toBe(text);
    },
  );
});
