import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { readWebCoreFixture } from '../testing/fixtures';
import { GithubStandIn, startGithubStandIn } from '../testing/githubStandIn';
import { STAND_IN_TOKENS } from '../testing/standInRepo';
import { gitHostsConfig, gitServices } from '../__testUtils__/gitHosts';
import { exampleSteps, runAction } from '../__testUtils__/runAction';
import { createOktetoRepoFilesFetchAction } from './repoFilesFetch';
import { examples } from './repoFilesFetch.examples';

const WEB_CORE = [
  '.okteto/okteto.yml',
  '.okteto/.stignore',
  'deploy/argocd/apps/dev/corporate.yaml',
  'deploy/env/dev/corporate.yaml',
];
const PACKAGE_JSON = '{"name":"@synestra/corporate-website"}';

/** What each example fetches (workspace path → content) and its outputs, in order. */
const effects: Array<{
  files: Record<string, string>;
  outputs: Record<string, unknown>;
}> = [
  {
    files: {
      'apps/corporate-website/package.json': PACKAGE_JSON,
      '.okteto/okteto.yml': readWebCoreFixture('.okteto/okteto.yml'),
      'deploy/argocd/apps/dev/corporate.yaml': readWebCoreFixture(
        'deploy/argocd/apps/dev/corporate.yaml',
      ),
      'deploy/env/dev/corporate.yaml': readWebCoreFixture(
        'deploy/env/dev/corporate.yaml',
      ),
    },
    outputs: {
      package: '@synestra/corporate-website',
      fetched: [
        'apps/corporate-website/package.json',
        '.okteto/okteto.yml',
        'deploy/argocd/apps/dev/corporate.yaml',
        'deploy/env/dev/corporate.yaml',
      ],
      // the root .stignore Okteto reads for '..:/app' does not exist yet
      missing: ['.stignore'],
      branch: 'main',
    },
  },
  {
    files: { 'repo/okteto.yml': 'dev:\n  shop:\n    sync: [".:/app"]\n' },
    outputs: { fetched: ['okteto.yml'], missing: [], branch: 'develop' },
  },
];

describe('okteto:repo-files:fetch examples', () => {
  const mockDir = createMockDirectory();
  let standIn: GithubStandIn;
  let action: ReturnType<typeof createOktetoRepoFilesFetchAction>;
  const steps = exampleSteps(examples, 'okteto:repo-files:fetch');

  beforeAll(async () => {
    standIn = await startGithubStandIn([
      {
        owner: 'NeoGrAIph',
        name: 'web-core',
        files: {
          ...Object.fromEntries(WEB_CORE.map(p => [p, readWebCoreFixture(p)])),
          'apps/corporate-website/package.json': PACKAGE_JSON,
        },
      },
      {
        owner: 'example',
        name: 'monorepo',
        files: {},
        branchFiles: {
          develop: { 'okteto.yml': 'dev:\n  shop:\n    sync: [".:/app"]\n' },
        },
      },
    ]);
    action = createOktetoRepoFilesFetchAction(
      gitServices(
        gitHostsConfig({
          github: standIn,
          allowedRepositories: [
            'github.com/NeoGrAIph/web-core',
            'github.com/example/monorepo',
          ],
        }),
      ),
    );
  });
  afterAll(() => standIn.close());

  it('has one checked effect per example', () => {
    expect(effects).toHaveLength(steps.length);
  });

  it.each(steps.map((step, i) => [...step, i] as const))(
    '%s',
    async (_, input, index) => {
      mockDir.clear();
      // the template's secret, as the scaffolder renders it for a user signed in to the host
      const rendered = JSON.parse(
        JSON.stringify(input).replace(
          '${{ secrets.USER_OAUTH_TOKEN }}',
          STAND_IN_TOKENS.alice,
        ),
      );
      const outputs = await runAction(action, rendered, mockDir.path);
      expect(outputs).toEqual(effects[index].outputs);
      for (const [file, content] of Object.entries(effects[index].files)) {
        expect(fs.readFileSync(mockDir.resolve(file), 'utf8')).toBe(content);
      }
    },
  );
});
