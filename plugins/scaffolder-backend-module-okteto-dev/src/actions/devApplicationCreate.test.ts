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

  it("reproduces web-core's corporate Application with the replicas guard, minus CreateNamespace", async () => {
    const output = await run(corporate);
    expect(output).toHaveBeenCalledWith('changed', true);
    expect(output).toHaveBeenCalledWith('applicationPath', APP_PATH);
    expect(output).toHaveBeenCalledWith(
      'workload',
      'web-corporate-dev-web-app',
    );
    const reference = yaml.parse(readWebCoreFixture(APP_PATH));
    // The canon (synestra-io.yaml) has no CreateNamespace: dev namespaces are created by the platform.
    expect(reference.spec.syncPolicy.syncOptions).toEqual([
      'CreateNamespace=true',
    ]);
    reference.spec.syncPolicy.syncOptions = ['RespectIgnoreDifferences=true'];
    reference.spec.ignoreDifferences = [
      {
        group: 'apps',
        kind: 'Deployment',
        name: 'web-corporate-dev-web-app',
        jsonPointers: ['/spec/replicas'],
      },
    ];
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

  it.each([
    [
      'gitlab.com?owner=acme/platform&repo=web',
      'https://gitlab.com/acme/platform/web.git',
    ],
    [
      'git.example.com?owner=acme&repo=web',
      'https://git.example.com/gitlab/acme/web.git',
    ],
    [
      'bb.example.com?project=PRJ&repo=web',
      'https://bb.example.com/scm/PRJ/web.git',
    ],
    [
      'bitbucket.org?workspace=acme&project=P&repo=web',
      'https://bitbucket.org/acme/web.git',
    ],
    [
      'dev.azure.com?organization=acme&project=p&repo=web',
      'https://dev.azure.com/acme/p/_git/web',
    ],
  ])("clones %s from its host's clone URL", async (repoUrl, repoURL) => {
    const act = createArgocdDevApplicationCreateAction({
      config: new ConfigReader({
        integrations: {
          gitlab: [
            {
              host: 'git.example.com',
              baseUrl: 'https://git.example.com/gitlab',
              apiBaseUrl: 'https://git.example.com/gitlab/api/v4',
            },
          ],
          bitbucketServer: [
            {
              host: 'bb.example.com',
              apiBaseUrl: 'https://bb.example.com/rest/api/1.0',
            },
          ],
          azure: [{ host: 'dev.azure.com' }],
        },
      }),
    });
    await run({ app: 'corporate', repoUrl }, act);
    expect(yaml.parse(read(APP_PATH)).spec.source.repoURL).toBe(repoURL);
  });

  it("writes web-core's synestra-io Application byte for byte, plus the replicas guard", async () => {
    await run({ ...corporate, app: 'synestra-io' });
    expect(read('deploy/argocd/apps/dev/synestra-io.yaml')).toBe(
      `${readWebCoreFixture('deploy/argocd/apps/dev/synestra-io.yaml')}${[
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
  });

  it('keeps RespectIgnoreDifferences=true next to configured sync options, once', async () => {
    await run({
      ...corporate,
      syncOptions: ['CreateNamespace=true', 'RespectIgnoreDifferences=true'],
    });
    expect(yaml.parse(read(APP_PATH)).spec.syncPolicy.syncOptions).toEqual([
      'CreateNamespace=true',
      'RespectIgnoreDifferences=true',
    ]);
    await expect(
      run({ ...corporate, syncOptions: ['RespectIgnoreDifferences=false'] }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'RespectIgnoreDifferences=true is required',
      ),
    });
  });

  it("reproduces web-core's corporate values: env, env Secret and the Ingress of its dev host", async () => {
    await run(corporate);
    const written = read(VALUES_PATH);
    const reference = readWebCoreFixture(VALUES_PATH);
    // postgres is a per-app platform choice the action does not make
    const { postgres, ...parts } = yaml.parse(reference);
    expect(postgres).toBeDefined();
    expect(yaml.parse(written)).toEqual(parts);
    // Same header and quoting as the reference, text for text, up to the postgres block.
    expect(reference.startsWith(written)).toBe(true);
  });

  it('turns the Ingress off without a server URL, and leaves it to the chart when configured so', async () => {
    // web-core's chart enables an Ingress with no hosts: without a host the API server refuses it
    // ("either `defaultBackend` or `rules` must be specified"), and the sync fails
    const { serverUrl, ...withoutUrl } = corporate;
    expect(serverUrl).toBeDefined();
    await run(withoutUrl);
    expect(yaml.parse(read(VALUES_PATH)).ingress).toEqual({ enabled: false });

    mockDir.setContent({});
    await run(
      corporate,
      createArgocdDevApplicationCreateAction({
        config: new ConfigReader({
          oktetoDev: { scaffolder: { ingressFromServerUrl: false } },
        }),
      }),
    );
    expect(yaml.parse(read(VALUES_PATH))).not.toHaveProperty('ingress');
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
    expect(yaml.parse(read(VALUES_PATH)).postgres).toBeUndefined();
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

  it('takes repoURL, serverUrl, syncOptions and prune from oktetoDev.scaffolder', async () => {
    const configured = createArgocdDevApplicationCreateAction({
      config: new ConfigReader({
        oktetoDev: {
          scaffolder: {
            repoURL: 'https://github.com/example/mono.git',
            serverUrl: 'https://{app}.dev.example.com',
            syncOptions: ['CreateNamespace=true'],
            prune: false,
          },
        },
      }),
    });
    const output = await run({ app: 'shop' }, configured);
    const application = yaml.parse(read('deploy/argocd/apps/dev/shop.yaml'));
    expect(application.spec.source.repoURL).toBe(
      'https://github.com/example/mono.git',
    );
    expect(application.spec.syncPolicy).toEqual({
      automated: { prune: false, selfHeal: false },
      syncOptions: ['CreateNamespace=true', 'RespectIgnoreDifferences=true'],
    });
    expect(yaml.parse(read('deploy/env/dev/shop.yaml')).env).toEqual({
      SYNESTRA_ENV: 'dev',
      NEXT_PUBLIC_SERVER_URL: 'https://shop.dev.example.com',
    });
    expect(output).toHaveBeenCalledWith('envVar', {
      name: 'SYNESTRA_ENV',
      value: 'dev',
    });
    expect(output).toHaveBeenCalledWith(
      'serverUrlEnv',
      'NEXT_PUBLIC_SERVER_URL',
    );
    expect(output).toHaveBeenCalledWith('envSecret', 'web-shop-dev-env');
    expect(output).toHaveBeenCalledWith('namespace', 'web-shop-dev');
  });

  it('derives the other names from an overridden Application name, as the card does', async () => {
    await run({ ...corporate, applicationName: 'corp-dev' });
    const application = yaml.parse(read(APP_PATH));
    expect(application.metadata.name).toBe('corp-dev');
    expect(application.spec.ignoreDifferences[0].name).toBe('corp-dev-web-app');
    expect(yaml.parse(read(VALUES_PATH)).envFrom.secretRef).toBe(
      'corp-dev-env',
    );
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
    [{ workload: 'Web_App' }, /workload must be a DNS-1123 subdomain/],
    [{ envSecret: 'a b' }, /envSecret must be a DNS-1123 subdomain/],
    [
      { applicationNamespace: 'argo.cd' },
      /applicationNamespace must be a DNS-1123 label/,
    ],
    [{ syncOptions: ['a b'] }, /syncOptions must be a non-empty value/],
  ])('refuses bad input %j', async (patch, message) => {
    await expect(run({ ...corporate, ...patch })).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
  });
});
