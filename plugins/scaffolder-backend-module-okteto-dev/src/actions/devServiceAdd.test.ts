import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import yaml from 'yaml';
import {
  aliasBomb,
  readWebCoreFixture,
  webCoreDevCommand,
} from '../testing/fixtures';
import { createOktetoDevServiceAddAction } from './devServiceAdd';

const MANIFEST = '.okteto/okteto.yml';
const webCoreManifest = readWebCoreFixture(MANIFEST);

const corporateInput = {
  name: 'web-corporate-dev',
  selector: {
    'app.kubernetes.io/name': 'web-app',
    'app.kubernetes.io/instance': 'web-corporate-dev',
  },
  container: 'app',
  workdir: '/app/apps/corporate-website',
  command: webCoreDevCommand('@synestra/corporate-website'),
};

// The entry exactly as a person following web-core's style would append it.
const corporateEntryText = `
  web-corporate-dev:
    selector:
      app.kubernetes.io/name: web-app
      app.kubernetes.io/instance: web-corporate-dev
    container: app
    workdir: /app/apps/corporate-website
    command: ${webCoreDevCommand('@synestra/corporate-website')}
    sync:
      - ..:/app
    forward:
      - 3000:3000
`;

/** The unified diff of appending `added` to `text` (both ending in a newline), spelled out. */
function appendedDiff(text: string, added: string): string {
  const lines = text.split('\n').slice(0, -1);
  const more = added.split('\n').slice(0, -1);
  const from = lines.length - 2;
  return [
    '--- a/.okteto/okteto.yml',
    '+++ b/.okteto/okteto.yml',
    `@@ -${from},3 +${from},${3 + more.length} @@`,
    ...lines.slice(-3).map(line => ` ${line}`),
    ...more.map(line => `+${line}`),
    '',
  ].join('\n');
}

describe('okteto:dev-service:add', () => {
  const mockDir = createMockDirectory();
  const action = createOktetoDevServiceAddAction();
  const manifestFile = () => mockDir.resolve(MANIFEST);

  async function run(input: Record<string, unknown>, act = action) {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: mockDir.path,
    });
    await act.handler(ctx);
    return ctx.output as jest.Mock;
  }
  const outputsOf = (output: jest.Mock) =>
    Object.fromEntries(output.mock.calls.map(([k, v]) => [k, v]));

  beforeEach(() => {
    mockDir.setContent({ '.okteto': { 'okteto.yml': webCoreManifest } });
  });

  it('appends the entry to the web-core manifest and keeps every other byte', async () => {
    const output = await run(corporateInput);
    const result = fs.readFileSync(manifestFile(), 'utf8');
    expect(result).toBe(webCoreManifest + corporateEntryText);
    expect(output).toHaveBeenCalledWith('changed', true);
    expect(output).toHaveBeenCalledWith('path', MANIFEST);
    const dev = yaml.parse(result).dev;
    expect(Object.keys(dev)).toEqual([
      'web-payload-dev',
      'web-payload-dev-web-app',
      'web-synestra-io-dev',
      'web-synestra-io-dev-web-app',
      'web-corporate-dev',
    ]);
  });

  it('derives the entry from the app key and the app folder, as web-core writes it', async () => {
    mockDir.setContent({
      '.okteto': { 'okteto.yml': webCoreManifest },
      apps: {
        'corporate-website': {
          'package.json': '{ "name": "@synestra/corporate-website" }',
        },
      },
    });
    const output = await run({
      app: 'corporate',
      appDir: 'apps/corporate-website',
    });
    expect(fs.readFileSync(manifestFile(), 'utf8')).toBe(
      webCoreManifest + corporateEntryText,
    );
    expect(outputsOf(output)).toEqual({
      changed: true,
      path: MANIFEST,
      name: 'web-corporate-dev',
      labelSelector:
        'app.kubernetes.io/name=web-app,app.kubernetes.io/instance=web-corporate-dev',
      container: 'app',
      workdir: '/app/apps/corporate-website',
      package: '@synestra/corporate-website',
      command: webCoreDevCommand('@synestra/corporate-website'),
      diff: appendedDiff(webCoreManifest, corporateEntryText),
      reason:
        '.okteto/okteto.yml has no dev entry that targets web-corporate-dev-web-app (expected dev.web-corporate-dev).',
      summary:
        '- `.okteto/okteto.yml`: dev service `web-corporate-dev` (selector ' +
        '`app.kubernetes.io/name=web-app,app.kubernetes.io/instance=web-corporate-dev`, container `app`, ' +
        'workdir `/app/apps/corporate-website`), so `okteto up web-corporate-dev` finds the workload; other entries untouched.',
    });
  });

  it('takes the workdir from the sync folder that holds the app folder, never from the app key', async () => {
    mockDir.setContent({
      apps: { 'payload-core': { 'package.json': '{"name":"payload"}' } },
    });
    await run({
      app: 'payload',
      appDir: 'apps/payload-core/',
      manifestPath: 'okteto.yml',
      sync: ['apps:/workspace/apps', 'apps/payload-core:/src'],
    });
    const entry = yaml.parse(
      fs.readFileSync(mockDir.resolve('okteto.yml'), 'utf8'),
    ).dev['web-payload-dev'];
    expect(entry.workdir).toBe('/src');
    expect(entry.command).toContain('pnpm --filter payload dev');

    await expect(
      run({
        app: 'payload',
        appDir: 'apps/payload-core',
        manifestPath: 'okteto.yml',
        sync: ['packages:/packages'],
      }),
    ).rejects.toThrow(/'apps\/payload-core' is not inside any sync folder/);
  });

  it('fails clearly when the app folder has no package.json, and writes nothing', async () => {
    await expect(
      run({ app: 'corporate', appDir: 'apps/corporate' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^apps\/corporate has no package\.json.*choose the folder that holds the app's package/,
      ),
    });
    mockDir.setContent({
      '.okteto': { 'okteto.yml': webCoreManifest },
      apps: { x: { 'package.json': '{ "private": true }' } },
    });
    await expect(run({ app: 'x', appDir: 'apps/x' })).rejects.toThrow(
      /apps\/x\/package\.json has no usable "name"/,
    );
    mockDir.setContent({
      '.okteto': { 'okteto.yml': webCoreManifest },
      apps: { x: { 'package.json': '{ name: ' } },
    });
    await expect(run({ app: 'x', appDir: 'apps/x' })).rejects.toThrow(
      /apps\/x\/package\.json is not valid JSON/,
    );
    expect(fs.readFileSync(manifestFile(), 'utf8')).toBe(webCoreManifest);
  });

  it('uses the package input over package.json, and the configured dev command', async () => {
    const configured = createOktetoDevServiceAddAction({
      config: new ConfigReader({
        oktetoDev: {
          scaffolder: { devCommand: 'pnpm --filter {package} dev # {appDir}' },
        },
      }),
    });
    mockDir.setContent({
      apps: { shop: { 'package.json': '{"name":"@acme/shop"}' } },
    });
    const output = await run(
      { app: 'shop', appDir: 'apps/shop', package: '@acme/shop-next' },
      configured,
    );
    expect(outputsOf(output).command).toBe(
      'pnpm --filter @acme/shop-next dev # apps/shop',
    );
  });

  it('is idempotent: a second run changes nothing', async () => {
    await run(corporateInput);
    const once = fs.readFileSync(manifestFile(), 'utf8');
    const output = await run(corporateInput);
    expect(fs.readFileSync(manifestFile(), 'utf8')).toBe(once);
    expect(output).toHaveBeenCalledWith('changed', false);
    expect(output).toHaveBeenCalledWith('diff', '');
    expect(output).toHaveBeenCalledWith('reason', '');
  });

  it('adds aliases with the same body', async () => {
    await run({ ...corporateInput, aliases: ['web-corporate-dev-web-app'] });
    const dev = yaml.parse(fs.readFileSync(manifestFile(), 'utf8')).dev;
    expect(dev['web-corporate-dev-web-app']).toEqual(dev['web-corporate-dev']);
  });

  it('refuses an existing entry with a different body unless replace is set', async () => {
    await expect(
      run({ ...corporateInput, name: 'web-synestra-io-dev' }),
    ).rejects.toThrow(
      /already has a dev service 'web-synestra-io-dev'.*replace/,
    );
    expect(fs.readFileSync(manifestFile(), 'utf8')).toBe(webCoreManifest);

    const output = await run({
      ...corporateInput,
      name: 'web-synestra-io-dev',
      replace: true,
    });
    expect(output).toHaveBeenCalledWith('changed', true);
    const result = fs.readFileSync(manifestFile(), 'utf8');
    const dev = yaml.parse(result).dev;
    expect(dev['web-synestra-io-dev'].workdir).toBe(
      '/app/apps/corporate-website',
    );
    // The other entries, the header and their comments stay as they were.
    expect(
      result.startsWith(webCoreManifest.split('  web-synestra-io-dev:')[0]),
    ).toBe(true);
    expect(result).toContain(
      webCoreManifest.slice(
        webCoreManifest.indexOf('  web-synestra-io-dev-web-app:'),
      ),
    );
  });

  it('is a no-op when an existing entry already has the same body', async () => {
    const body = yaml.parse(webCoreManifest).dev['web-synestra-io-dev'];
    const output = await run({ name: 'web-synestra-io-dev', ...body });
    expect(output).toHaveBeenCalledWith('changed', false);
    expect(fs.readFileSync(manifestFile(), 'utf8')).toBe(webCoreManifest);
  });

  it('creates the manifest when missing, with name and the default sync', async () => {
    mockDir.setContent({});
    await run({ ...corporateInput, manifestName: 'web-core' });
    const created = yaml.parse(fs.readFileSync(manifestFile(), 'utf8'));
    expect(created.name).toBe('web-core');
    expect(created.dev['web-corporate-dev'].sync).toEqual(['..:/app']);
    expect(created.dev['web-corporate-dev'].forward).toEqual(['3000:3000']);

    await run({
      workload: 'shop',
      manifestPath: 'okteto.yml',
      image: 'node:22',
    });
    const root = yaml.parse(
      fs.readFileSync(mockDir.resolve('okteto.yml'), 'utf8'),
    );
    expect(root.dev.shop).toEqual({
      image: 'node:22',
      sync: ['.:/app'],
      forward: ['3000:3000'],
    });
  });

  it('keeps CRLF line endings', async () => {
    const crlf = 'name: x\r\ndev:\r\n  a:\r\n    image: node\r\n';
    mockDir.setContent({ '.okteto': { 'okteto.yml': crlf } });
    await run({ workload: 'b' });
    const result = fs.readFileSync(manifestFile(), 'utf8');
    expect(result.startsWith(crlf)).toBe(true);
    expect(result.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('adds a dev map to a v2 manifest without one', async () => {
    const text = '# only a deploy\nname: x\ndeploy:\n  - echo hi\n';
    mockDir.setContent({ '.okteto': { 'okteto.yml': text } });
    await run({ workload: 'b' });
    const result = fs.readFileSync(manifestFile(), 'utf8');
    expect(result.startsWith(text)).toBe(true);
    expect(yaml.parse(result).dev.b.sync).toEqual(['..:/app']);
  });

  it('refuses a legacy v1 manifest with migration advice', async () => {
    const legacy =
      'name: web\nimage: node:22\ncommand: bash\nsync:\n  - .:/app\n';
    mockDir.setContent({ '.okteto': { 'okteto.yml': legacy } });
    await expect(run(corporateInput)).rejects.toThrow(
      /legacy \(v1\).*under 'dev: <name>:'/,
    );
    expect(fs.readFileSync(manifestFile(), 'utf8')).toBe(legacy);
  });

  it('reports malformed YAML with the file name and leaves the file untouched', async () => {
    const broken = 'dev:\n  a: [1,\n  b: :\n';
    mockDir.setContent({ '.okteto': { 'okteto.yml': broken } });
    await expect(run(corporateInput)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^\.okteto\/okteto\.yml is not valid YAML/,
      ),
    });
    expect(fs.readFileSync(manifestFile(), 'utf8')).toBe(broken);
  });

  it('refuses an alias bomb quickly', async () => {
    mockDir.setContent({ '.okteto': { 'okteto.yml': aliasBomb() } });
    const started = Date.now();
    await expect(run(corporateInput)).rejects.toThrow(/resource exhaustion/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    [{ manifestPath: '../okteto.yml' }, /outside the workspace/],
    [{ manifestPath: '/etc/okteto.yml' }, /relative to the workspace/],
    [{ name: 'Web_Corporate' }, /name must be a DNS-1123 label/],
    [{ aliases: ['bad alias'] }, /alias must be a DNS-1123 label/],
    [{ container: 'App' }, /container must be a DNS-1123 label/],
    [{ workdir: 'app' }, /workdir must be an absolute path/],
    [{ selector: { 'bad key!': 'x' } }, /not a valid label key/],
    [{ forward: ['3000'] }, /forward entry '3000'/],
    [{ sync: ['app'] }, /sync entry 'app'/],
    [{ workload: 'other' }, /either selector or workload/],
    [{ manifestName: 'Web Core' }, /manifestName must be a DNS-1123 label/],
    [{ app: 'Corporate' }, /app must be a DNS-1123 label/],
    [{ appDir: '../x', workdir: undefined }, /relative path without '\.\.'/],
    [{ appDir: 'apps/x' }, /Set appDir or workdir, not both/],
    [{ package: "x'; rm -rf /" }, /package must be an npm package name/],
  ])('refuses bad input %j', async (patch, message) => {
    await expect(run({ ...corporateInput, ...patch })).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
    expect(fs.readFileSync(manifestFile(), 'utf8')).toBe(webCoreManifest);
  });
});
