import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import yaml from 'yaml';
import { readWebCoreFixture } from '../testing/fixtures';
import { createArgocdDevApplicationCreateAction } from './devApplicationCreate';

const APP_PATH = 'deploy/argocd/apps/dev/corporate.yaml';
const VALUES_PATH = 'deploy/env/dev/corporate.yaml';
const corporate = {
  app: 'corporate',
  repoURL: 'https://github.com/NeoGrAIph/web-core.git',
  serverUrl: 'https://corporate.dev.synestra.tech',
};

describe('argocd:dev-application:create', () => {
  const mockDir = createMockDirectory();
  const action = createArgocdDevApplicationCreateAction();

  async function run(input: Record<string, unknown>, act = action) {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: mockDir.path,
    });
    await act.handler(ctx);
    return ctx.output as jest.Mock;
  }
  const read = (p: string) => fs.readFileSync(mockDir.resolve(p), 'utf8');

  beforeEach(() => mockDir.setContent({}));

  it("reproduces web-core's corporate Application, minus CreateNamespace", async () => {
    const output = await run(corporate);
    expect(output).toHaveBeenCalledWith('changed', true);
    expect(output).toHaveBeenCalledWith('applicationPath', APP_PATH);
    const reference = yaml.parse(readWebCoreFixture(APP_PATH));
    // The canon (synestra-io.yaml) has no syncOptions: dev namespaces are created by the platform.
    expect(reference.spec.syncPolicy.syncOptions).toEqual([
      'CreateNamespace=true',
    ]);
    delete reference.spec.syncPolicy.syncOptions;
    expect(yaml.parse(read(APP_PATH))).toEqual(reference);
  });

  it('takes the repository in RepoUrlPicker form, as the template passes it', async () => {
    await run({
      app: 'corporate',
      repoUrl: 'github.com?owner=NeoGrAIph&repo=web-core',
    });
    expect(yaml.parse(read(APP_PATH)).spec.source.repoURL).toBe(
      'https://github.com/NeoGrAIph/web-core.git',
    );
    await expect(
      run({ app: 'corporate', repoUrl: 'github.com/NeoGrAIph/web-core' }),
    ).rejects.toThrow('repoUrl is not in the form host?owner=o&repo=r');
  });

  it("writes web-core's synestra-io Application byte for byte", async () => {
    await run({ ...corporate, app: 'synestra-io' });
    expect(read('deploy/argocd/apps/dev/synestra-io.yaml')).toBe(
      readWebCoreFixture('deploy/argocd/apps/dev/synestra-io.yaml'),
    );
  });

  it("reproduces the env parts of web-core's corporate values", async () => {
    await run(corporate);
    const written = read(VALUES_PATH);
    const reference = readWebCoreFixture(VALUES_PATH);
    // Ingress and postgres are per-app platform choices the action does not make.
    const { ingress, postgres, ...envParts } = yaml.parse(reference);
    expect(ingress).toBeDefined();
    expect(postgres).toBeDefined();
    expect(yaml.parse(written)).toEqual(envParts);
    // Same header and quoting as the reference, text for text, up to the ingress block.
    expect(reference.startsWith(written)).toBe(true);
  });

  it('is idempotent and accepts an equal file written differently', async () => {
    await run(corporate);
    const output = await run(corporate);
    expect(output).toHaveBeenCalledWith('changed', false);

    const reformatted = yaml.stringify(yaml.parse(read(APP_PATH)), {
      indentSeq: false,
    });
    fs.writeFileSync(mockDir.resolve(APP_PATH), reformatted);
    expect(await run(corporate)).toHaveBeenCalledWith('changed', false);
    expect(read(APP_PATH)).toBe(reformatted);
  });

  it('refuses to overwrite a different file unless replace is set, writing nothing', async () => {
    mockDir.setContent({
      'deploy/env/dev/corporate.yaml': readWebCoreFixture(VALUES_PATH),
    });
    await expect(run(corporate)).rejects.toThrow(
      /deploy\/env\/dev\/corporate\.yaml already exists.*replace: true/,
    );
    expect(fs.existsSync(mockDir.resolve(APP_PATH))).toBe(false);

    await run({ ...corporate, replace: true });
    expect(yaml.parse(read(VALUES_PATH)).ingress).toBeUndefined();
  });

  it('keeps selfHeal off unless explicitly allowed', async () => {
    await expect(run({ ...corporate, selfHeal: true })).rejects.toThrow(
      /allowSelfHeal/,
    );
    await run({ ...corporate, selfHeal: true, allowSelfHeal: true });
    expect(yaml.parse(read(APP_PATH)).spec.syncPolicy.automated.selfHeal).toBe(
      true,
    );
  });

  it('takes its defaults from oktetoDev.scaffolder', async () => {
    const configured = createArgocdDevApplicationCreateAction({
      config: new ConfigReader({
        oktetoDev: {
          scaffolder: {
            applicationName: '{app}-dev',
            argocdNamespace: 'argocd',
            project: 'default',
            repoURL: 'https://github.com/example/mono.git',
            chartPath: 'charts/app',
            valueFiles: ['values-{app}.yaml'],
            namespace: 'dev-{app}',
            envSecretName: '{application}-secrets',
            serverUrl: 'https://{app}.dev.example.com',
            applicationPath: 'argocd/{application}.yaml',
            valuesPath: 'charts/app/values-{app}.yaml',
            syncOptions: ['CreateNamespace=true'],
            envVar: { name: 'APP_ENV', value: 'development' },
          },
        },
      }),
    });
    await run({ app: 'shop' }, configured);
    const application = yaml.parse(read('argocd/shop-dev.yaml'));
    expect(application.metadata).toEqual({
      name: 'shop-dev',
      namespace: 'argocd',
    });
    expect(application.spec.source).toEqual({
      repoURL: 'https://github.com/example/mono.git',
      targetRevision: 'main',
      path: 'charts/app',
      helm: { valueFiles: ['values-shop.yaml'] },
    });
    expect(application.spec.destination.namespace).toBe('dev-shop');
    expect(application.spec.syncPolicy.syncOptions).toEqual([
      'CreateNamespace=true',
    ]);
    expect(yaml.parse(read('charts/app/values-shop.yaml'))).toEqual({
      env: {
        APP_ENV: 'development',
        NEXT_PUBLIC_SERVER_URL: 'https://shop.dev.example.com',
      },
      envFrom: { secretRef: 'shop-dev-secrets' },
    });
  });

  it.each([
    [{ app: 'Corporate' }, /app must be a DNS-1123 label/],
    [
      { applicationName: 'web_corporate' },
      /applicationName must be a DNS-1123 subdomain/,
    ],
    [{ namespace: 'a.b' }, /namespace must be a DNS-1123 label/],
    [{ repoURL: undefined }, /repoURL \(or repoUrl\) is required/],
    [{ repoURL: 'file:///etc' }, /repoURL is not a supported URL/],
    [{ serverUrl: 'ftp://corporate.dev' }, /serverUrl is not a supported URL/],
    [{ applicationPath: '../x.yaml' }, /outside the workspace/],
    [{ valuesPath: '/tmp/x.yaml' }, /relative to the workspace/],
    [{ chartPath: '/charts' }, /chartPath must be a relative path/],
  ])('refuses bad input %j', async (patch, message) => {
    await expect(run({ ...corporate, ...patch })).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
  });
});
