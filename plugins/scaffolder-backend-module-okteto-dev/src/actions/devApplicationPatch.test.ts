import { createMockDirectory } from '@backstage/backend-test-utils';
import { devMessage } from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import yaml from 'yaml';
import {
  readApplicationFixture,
  readWebCoreFixture,
} from '../testing/fixtures';
import { runAction } from '../__testUtils__/runAction';
import { createArgocdDevApplicationPatchAction } from './devApplicationPatch';

const SHOP = 'deploy/argocd/apps/dev/shop.yaml';
const SYNESTRA = 'deploy/argocd/apps/dev/synestra-io.yaml';
const both = ['self-heal-off', 'replicas-ignored'];
const guard = (workload: string) => ({
  group: 'apps',
  kind: 'Deployment',
  name: workload,
  jsonPointers: ['/spec/replicas'],
});

describe('argocd:dev-application:patch', () => {
  const mockDir = createMockDirectory();
  const action = createArgocdDevApplicationPatchAction();
  const read = (p: string) => fs.readFileSync(mockDir.resolve(p), 'utf8');
  /** Runs the action for app shop on one fixture placed at the shop's Application path. */
  async function patchShop(
    fixture: string,
    input: Record<string, unknown> = {},
  ) {
    mockDir.setContent({ [SHOP]: readApplicationFixture(fixture) });
    return runAction(
      action,
      { app: 'shop', fixes: both, ...input },
      mockDir.path,
    );
  }

  it('turns selfHeal off by changing one line', async () => {
    const original = readApplicationFixture('shop.yaml');
    mockDir.setContent({ [SHOP]: original });
    const outputs = await runAction(
      action,
      { app: 'shop', fixes: ['self-heal-off'] },
      mockDir.path,
    );
    expect(read(SHOP)).toBe(
      original.replace('selfHeal: true', 'selfHeal: false'),
    );
    expect(outputs).toEqual({
      changed: true,
      path: SHOP,
      applicationName: 'web-shop-dev',
      workload: 'web-shop-dev-web-app',
      fixed: ['self-heal-off'],
      alreadyFixed: [],
      diff: [
        `--- a/${SHOP}`,
        `+++ b/${SHOP}`,
        '@@ -19,6 +19,6 @@',
        '   syncPolicy:',
        '     automated:',
        '       prune: true',
        '-      selfHeal: true',
        '+      selfHeal: false',
        '     syncOptions:',
        '       - CreateNamespace=true',
        '',
      ].join('\n'),
      reason: devMessage('checkSelfHealOn', {
        application: 'web-shop-dev',
        file: SHOP,
      }).message,
      summary: expect.stringMatching(
        /^- `deploy\/argocd\/apps\/dev\/shop\.yaml`: `syncPolicy\.automated\.selfHeal: false` for Application `web-shop-dev`/,
      ),
    });
  });

  it("adds the guard to web-core's synestra-io Application after its last lines, and is idempotent", async () => {
    const original = readWebCoreFixture(SYNESTRA);
    mockDir.setContent({ [SYNESTRA]: original });
    const input = { app: 'synestra-io', fixes: ['replicas-ignored'] };
    const outputs = await runAction(action, input, mockDir.path);
    expect(read(SYNESTRA)).toBe(
      `${original}${[
        '    syncOptions:',
        '      - RespectIgnoreDifferences=true',
        '  ignoreDifferences:',
        '    - group: apps',
        '      kind: Deployment',
        '      name: web-synestra-io-dev-web-app',
        '      jsonPointers:',
        '        - /spec/replicas',
        '',
      ].join('\n')}`,
    );
    expect(outputs.reason).toBe(
      devMessage('checkReplicasNotIgnored', {
        application: 'web-synestra-io-dev',
        revision: 'main',
        workload: 'web-synestra-io-dev-web-app',
        file: SYNESTRA,
      }).message,
    );
    const patched = read(SYNESTRA);
    const again = await runAction(action, input, mockDir.path);
    expect(again).toMatchObject({
      changed: false,
      fixed: [],
      alreadyFixed: ['replicas-ignored'],
      diff: '',
      reason: '',
      summary: '',
    });
    expect(read(SYNESTRA)).toBe(patched);
  });

  it("leaves web-core's corporate Application's selfHeal alone: it is already off", async () => {
    const original = readWebCoreFixture(
      'deploy/argocd/apps/dev/corporate.yaml',
    );
    mockDir.setContent({ 'deploy/argocd/apps/dev/corporate.yaml': original });
    const outputs = await runAction(
      action,
      { app: 'corporate', fixes: ['self-heal-off'] },
      mockDir.path,
    );
    expect(outputs).toMatchObject({
      changed: false,
      alreadyFixed: ['self-heal-off'],
    });
    expect(read('deploy/argocd/apps/dev/corporate.yaml')).toBe(original);
  });

  // Every fixture the patch edits: the lines it removes are only those it changes, the result has
  // exactly the expected data, and a second run writes nothing.
  it.each([
    ['shop.yaml', both, []],
    ['commented.yaml', both, []],
    ['multi-source.yaml', both, []],
    ['other-ignore.yaml', ['replicas-ignored'], ['self-heal-off']],
    ['automated-empty.yaml', ['replicas-ignored'], ['self-heal-off']],
    ['flow-style.yaml', both, []],
  ])('%s: fixes %j, already had %j', async (fixture, fixed, alreadyFixed) => {
    const original = readApplicationFixture(fixture);
    const outputs = await patchShop(fixture);
    expect(outputs).toMatchObject({ changed: true, fixed, alreadyFixed });
    const removed = String(outputs.diff)
      .split('\n')
      .filter(l => l.startsWith('-') && !l.startsWith('---'));
    for (const line of removed) {
      expect(line).toMatch(
        /selfHeal|RespectIgnoreDifferences=false|ignoreDifferences: \[|syncPolicy: \{/,
      );
    }
    const before = yaml.parse(original);
    const after = yaml.parse(read(SHOP));
    const { syncPolicy, ignoreDifferences, ...rest } = after.spec;
    expect(rest).toEqual(
      Object.fromEntries(
        Object.entries(before.spec).filter(
          ([k]) => k !== 'syncPolicy' && k !== 'ignoreDifferences',
        ),
      ),
    );
    expect(after.metadata).toEqual(before.metadata);
    expect(syncPolicy.automated.selfHeal ?? false).toBe(false);
    expect(syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    expect(syncPolicy.syncOptions).not.toContain(
      'RespectIgnoreDifferences=false',
    );
    expect(ignoreDifferences).toEqual([
      ...(before.spec.ignoreDifferences ?? []),
      guard('web-shop-dev-web-app'),
    ]);
    const patched = read(SHOP);
    expect(
      (await runAction(action, { app: 'shop', fixes: both }, mockDir.path))
        .changed,
    ).toBe(false);
    expect(read(SHOP)).toBe(patched);
  });

  // `selfHeal: yes` is true for Argo CD: it reads manifests with sigs.k8s.io/yaml, YAML 1.1 booleans
  // (argo-cd gitops-engine/pkg/utils/kube/kube.go, SplitYAML).
  it('keeps comments and the 4-space layout of a commented file', async () => {
    await patchShop('commented.yaml');
    expect(read(SHOP)).toBe(
      readApplicationFixture('commented.yaml').replace(
        [
          '            selfHeal: yes   # TODO: off for dev?',
          '        # no sync options yet',
          '',
        ].join('\n'),
        [
          '            selfHeal: false   # TODO: off for dev?',
          '        # no sync options yet',
          '        syncOptions:',
          '            - RespectIgnoreDifferences=true',
          '    ignoreDifferences:',
          '        - group: apps',
          '          kind: Deployment',
          '          name: web-shop-dev-web-app',
          '          jsonPointers:',
          '              - /spec/replicas',
          '',
        ].join('\n'),
      ),
    );
  });

  it('edits flow style in flow style', async () => {
    await patchShop('flow-style.yaml');
    expect(read(SHOP)).toBe(
      readApplicationFixture('flow-style.yaml')
        .replace(
          'syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: [CreateNamespace=true]}',
          'syncPolicy: {automated: {prune: true, selfHeal: false}, syncOptions: [CreateNamespace=true, RespectIgnoreDifferences=true]}',
        )
        .replace(
          'jsonPointers: [/spec/clusterIP]}]',
          'jsonPointers: [/spec/clusterIP]}, {group: apps, kind: Deployment, name: web-shop-dev-web-app, jsonPointers: [/spec/replicas]}]',
        ),
    );
  });

  it('edits the named Application of a multi-document file and nothing else', async () => {
    const original = readApplicationFixture('multi-doc.yaml');
    const outputs = await patchShop('multi-doc.yaml');
    expect(outputs).toMatchObject({
      changed: true,
      applicationName: 'web-shop-dev',
    });
    const [ns, shop, blog, notes] = yaml
      .parseAllDocuments(read(SHOP))
      .map(d => d.toJS());
    const [ns0, , blog0, notes0] = yaml
      .parseAllDocuments(original)
      .map(d => d.toJS());
    expect([ns, blog, notes]).toEqual([ns0, blog0, notes0]);
    expect(shop.spec.syncPolicy.automated.selfHeal).toBe(false);
    expect(read(SHOP).split('---')[2]).toBe(original.split('---')[2]);

    mockDir.setContent({ [SHOP]: original });
    await expect(
      runAction(
        action,
        { app: 'blog', fixes: both, applicationPath: SHOP },
        mockDir.path,
      ),
    ).resolves.toMatchObject({ applicationName: 'web-blog-dev' });
    await expect(
      runAction(
        action,
        { app: 'saas', fixes: both, applicationPath: SHOP },
        mockDir.path,
      ),
    ).rejects.toThrow(
      /holds 2 Applications \(web-shop-dev, web-blog-dev\) and none is named web-saas-dev: cannot tell which one to edit/,
    );
  });

  // argo-cd applicationset/controllers/applicationset_controller.go (createOrUpdateInCluster) sets
  // `found.Spec = generatedApp.Spec` on every reconcile: an edit of a generated Application is undone.
  it.each([
    [
      'appset-owned.yaml',
      /Application web-shop-dev is generated by the ApplicationSet web-core-dev.*edit the ApplicationSet web-core-dev's template instead/,
    ],
    [
      'applicationset.yaml',
      /holds the ApplicationSet web-core-dev, not an Application: set the dev settings in its spec\.template/,
    ],
  ])('refuses %s with advice and writes nothing', async (fixture, message) => {
    await expect(patchShop(fixture)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
    expect(read(SHOP)).toBe(readApplicationFixture(fixture));
  });

  it.each([
    [
      'a Deployment',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n',
      /is not an Argo CD Application \(kind: Deployment\)/,
    ],
    ['malformed YAML', 'spec:\n  syncPolicy: [\n', /is not valid YAML/],
    [
      'an alias bomb',
      'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n',
      /could not be read as YAML/,
    ],
    [
      'an Application without spec',
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web-shop-dev\n',
      /has no spec mapping/,
    ],
    [
      'an ignoreDifferences that is not a list',
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web-shop-dev\nspec:\n  ignoreDifferences: none\n  syncPolicy:\n    automated: {}\n',
      /spec\.ignoreDifferences is not a list/,
    ],
  ])('refuses %s, never overwriting it', async (_, text, message) => {
    mockDir.setContent({ [SHOP]: text });
    await expect(
      runAction(action, { app: 'shop', fixes: both }, mockDir.path),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
    expect(read(SHOP)).toBe(text);
  });

  it('refuses a missing file and no fixes', async () => {
    mockDir.setContent({});
    await expect(
      runAction(action, { app: 'shop', fixes: both }, mockDir.path),
    ).rejects.toThrow(
      /deploy\/argocd\/apps\/dev\/shop\.yaml does not exist in the workspace: fetch it first/,
    );
    await expect(
      runAction(action, { app: 'shop', fixes: [] }, mockDir.path),
    ).rejects.toThrow(/fixes must name at least one/);
    await expect(
      runAction(
        action,
        { app: 'shop', fixes: both, applicationPath: '../x.yaml' },
        mockDir.path,
      ),
    ).rejects.toThrow(/outside the workspace/);
  });

  it('keeps CRLF line endings', async () => {
    const crlf = readApplicationFixture('shop.yaml').replace(/\n/g, '\r\n');
    mockDir.setContent({ [SHOP]: crlf });
    await runAction(action, { app: 'shop', fixes: both }, mockDir.path);
    const result = read(SHOP);
    expect(result.replace(/\r\n/g, '')).not.toContain('\n');
    expect(yaml.parse(result).spec.ignoreDifferences).toEqual([
      guard('web-shop-dev-web-app'),
    ]);
  });

  // Matching as argo-cd util/argo/normalizers/diff_normalizer.go does: group and kind by glob, an
  // empty name for every Deployment.
  it('counts an existing guard written another way (jq path, no name) as there', async () => {
    const text = readApplicationFixture('shop.yaml').replace(
      '  syncPolicy:\n',
      [
        '  ignoreDifferences:',
        '    - group: "*"',
        '      kind: Deployment',
        '      jqPathExpressions: [".spec.replicas"]',
        '  syncPolicy:',
        '',
      ].join('\n'),
    );
    mockDir.setContent({ [SHOP]: text });
    const outputs = await runAction(
      action,
      { app: 'shop', fixes: ['replicas-ignored'] },
      mockDir.path,
    );
    // Only the sync option was missing: the card's "ignores only when comparing" message.
    expect(outputs.reason).toBe(
      devMessage('checkReplicasNotRespected', {
        application: 'web-shop-dev',
        workload: 'web-shop-dev-web-app',
        file: SHOP,
      }).message,
    );
    expect(yaml.parse(read(SHOP)).spec.ignoreDifferences).toHaveLength(1);
  });
});
