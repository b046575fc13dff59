import { ConfigReader } from '@backstage/config';
import { readArgoConfig } from './settings';

const roadie = (instances: object[], extra: object = {}) => ({
  argocd: {
    ...extra,
    appLocatorMethods: [{ type: 'config', instances }],
  },
});

describe('readArgoConfig', () => {
  it('reads the instances of argocd.appLocatorMethods through the API, and the only one is the default', () => {
    const { settings, api } = readArgoConfig(
      new ConfigReader(
        roadie([
          { name: 'main', url: 'https://argocd.example.com/', token: 't' },
        ]),
      ),
    );
    expect(settings).toEqual({
      instances: [
        {
          name: 'main',
          source: 'argocd.appLocatorMethods[0].instances[0]',
          baseUrl: 'https://argocd.example.com',
          api: { url: 'https://argocd.example.com' },
        },
      ],
      defaultInstance: 'main',
    });
    expect(api).toEqual([
      expect.objectContaining({
        name: 'main',
        url: 'https://argocd.example.com',
        token: 't',
      }),
    ]);
    // the credentials stay out of the settings every request carries
    expect(JSON.stringify(settings)).not.toContain('"t"');
  });

  it('takes Roadie’s plugin-wide username and password for an instance without a token', () => {
    const { api } = readArgoConfig(
      new ConfigReader(
        roadie([{ name: 'main', url: 'https://a.example' }], {
          username: 'backstage',
          password: 'secret',
        }),
      ),
    );
    expect(api[0]).toMatchObject({ username: 'backstage', password: 'secret' });
  });

  it('ignores locator methods of other types, and all of them when reuse is off', () => {
    const other = readArgoConfig(
      new ConfigReader({
        argocd: {
          appLocatorMethods: [
            { type: 'catalog', instances: [{ name: 'x', url: 'https://x' }] },
          ],
        },
      }),
    );
    expect(other.settings.instances).toEqual([]);
    const off = readArgoConfig(
      new ConfigReader({
        ...roadie([{ name: 'main', url: 'https://a.example', token: 't' }]),
        oktetoDev: { argocd: { reuseAppLocatorMethods: false } },
      }),
    );
    expect(off.settings.instances).toEqual([]);
    expect(off.api).toEqual([]);
  });

  it('an okteto-dev instance with a url is read through the API; one with a cluster only, through Kubernetes', () => {
    const { settings, api } = readArgoConfig(
      new ConfigReader({
        oktetoDev: {
          argocd: {
            instances: [
              { name: 'hub', cluster: 'hub' },
              {
                name: 'mgmt',
                url: 'https://argocd.mgmt.example',
                token: 'm',
                cluster: 'mgmt',
                namespace: 'argocd',
              },
            ],
          },
        },
      }),
    );
    expect(settings.instances).toEqual([
      { name: 'hub', cluster: 'hub', source: 'oktetoDev.argocd.instances[0]' },
      {
        name: 'mgmt',
        cluster: 'mgmt',
        namespace: 'argocd',
        source: 'oktetoDev.argocd.instances[1]',
        baseUrl: 'https://argocd.mgmt.example',
        api: { url: 'https://argocd.mgmt.example' },
      },
    ]);
    expect(api.map(a => a.name)).toEqual(['mgmt']);
    // two instances: no implicit default
    expect(settings.defaultInstance).toBeUndefined();
  });

  it('an okteto-dev instance naming a locator instance borrows its url, token and transport keys, and adds its own settings', () => {
    const { settings, api } = readArgoConfig(
      new ConfigReader({
        ...roadie([
          {
            name: 'main',
            url: 'http://argocd.local',
            token: 't',
            dangerouslyAllowPlainHttp: true,
          },
        ]),
        oktetoDev: {
          argocd: { instances: [{ name: 'main', namespace: 'argocd' }] },
        },
      }),
    );
    expect(settings.instances).toEqual([
      {
        name: 'main',
        namespace: 'argocd',
        source: 'oktetoDev.argocd.instances[0]',
        baseUrl: 'http://argocd.local',
        api: { url: 'http://argocd.local' },
      },
    ]);
    expect(api[0]).toMatchObject({
      token: 't',
      dangerouslyAllowPlainHttp: true,
      source:
        'oktetoDev.argocd.instances[0], argocd.appLocatorMethods[0].instances[0]',
    });
    expect(settings.defaultInstance).toBe('main');
  });

  it('a locator instance does not turn an okteto-dev instance with a cluster into an API one', () => {
    const { settings, api } = readArgoConfig(
      new ConfigReader({
        ...roadie([{ name: 'hub', url: 'https://a.example', token: 't' }]),
        oktetoDev: { argocd: { instances: [{ name: 'hub', cluster: 'hub' }] } },
      }),
    );
    expect(settings.instances[0].api).toBeUndefined();
    expect(api).toEqual([]);
    expect(settings.defaultInstance).toBeUndefined();
  });

  it('no implicit default when the conventions name the cluster holding Applications', () => {
    const { settings } = readArgoConfig(
      new ConfigReader({
        ...roadie([{ name: 'main', url: 'https://a.example', token: 't' }]),
        oktetoDev: { conventions: { applicationCluster: 'hub' } },
      }),
    );
    expect(settings.defaultInstance).toBeUndefined();
  });

  it('an explicit default instance must be configured; an instance needs a cluster or a url', () => {
    expect(() =>
      readArgoConfig(
        new ConfigReader({
          oktetoDev: { argocd: { defaultInstance: 'nope' } },
        }),
      ),
    ).toThrow(/defaultInstance 'nope' is not a configured Argo CD instance/);
    expect(() =>
      readArgoConfig(
        new ConfigReader({
          oktetoDev: { argocd: { instances: [{ name: 'x' }] } },
        }),
      ),
    ).toThrow(/needs a cluster .* or a url/);
    expect(
      readArgoConfig(
        new ConfigReader({
          oktetoDev: {
            argocd: {
              defaultInstance: 'hub',
              instances: [{ name: 'hub', cluster: 'hub' }],
            },
          },
        }),
      ).settings.defaultInstance,
    ).toBe('hub');
  });
});
