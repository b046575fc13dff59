import { ConfigReader } from '@backstage/config';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createHmac } from 'node:crypto';
import { StatusChannels } from './StatusChannels';

jest.setTimeout(60_000);

// PostgreSQL too when a connection string is given (BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING…)
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_16', 'POSTGRES_15', 'POSTGRES_13'],
  disableDocker: true,
});

const REF = 'component:default/corporate';
const noConfig = new ConfigReader({});

describe.each(databases.eachSupportedId())('StatusChannels on %s', id => {
  it('replicas on one database agree on every channel; another database does not', async () => {
    const database = mockServices.database({ knex: await databases.init(id) });
    const replicas = await Promise.all(
      Array.from({ length: 4 }, () =>
        StatusChannels.create({ config: noConfig, database }),
      ),
    );
    const channels = replicas.map(r => r.of(REF));
    expect(new Set(channels).size).toBe(1);
    // case does not matter, as in the catalog
    expect(replicas[0].of('Component:default/Corporate')).toBe(channels[0]);

    const elsewhere = await StatusChannels.create({
      config: noConfig,
      database: mockServices.database({ knex: await databases.init(id) }),
    });
    expect(elsewhere.of(REF)).not.toBe(channels[0]);
  });
});

describe('StatusChannels', () => {
  const database = async () =>
    mockServices.database({ knex: await databases.init('SQLITE_3') });

  it('a channel says nothing of its entity and cannot be made from the ref without the secret', async () => {
    const channels = await StatusChannels.create({
      config: noConfig,
      database: await database(),
    });
    const channel = channels.of(REF);
    expect(channel).toMatch(/^okteto-dev:status:[A-Za-z0-9_-]{32}$/);
    expect(channel).not.toContain('corporate');
    expect(channels.of('component:default/shop')).not.toBe(channel);
    // what someone without the secret could compute: the ref itself, its hash, an HMAC under a guess
    for (const guess of ['', 'okteto-dev', 'secret']) {
      expect(channel).not.toContain(
        createHmac('sha256', guess)
          .update(REF)
          .digest('base64url')
          .slice(0, 32),
      );
    }
  });

  it('takes the secret from oktetoDev.live.channelSecret: every replica with it agrees', async () => {
    const config = new ConfigReader({
      oktetoDev: { live: { channelSecret: 'a shared secret of some length' } },
    });
    const [a, b] = await Promise.all([
      StatusChannels.create({ config, database: await database() }),
      StatusChannels.create({ config, database: await database() }),
    ]);
    expect(a.of(REF)).toBe(b.of(REF));
    await expect(
      StatusChannels.create({
        config: new ConfigReader({
          oktetoDev: { live: { channelSecret: 'short' } },
        }),
        database: await database(),
      }),
    ).rejects.toThrow('at least 16 characters');
  });

  it('rotates: the channel handed out before a turn is still published on for one more period', () => {
    let now = Date.parse('2026-12-01T10:59:00Z');
    const channels = new StatusChannels(
      Buffer.from('a shared secret of some length'),
      60 * 60_000,
      () => now,
    );
    const before = channels.of(REF);
    expect(channels.renewAt()).toBe('2026-12-01T11:00:00.000Z');
    expect(channels.publishedOn(REF)[0]).toBe(before);

    now = Date.parse('2026-12-01T11:00:01Z');
    const after = channels.of(REF);
    expect(after).not.toBe(before);
    // a change now reaches holders of either
    expect(channels.publishedOn(REF)).toEqual([after, before]);
    expect(channels.renewAt()).toBe('2026-12-01T12:00:00.000Z');

    // two turns later the first is gone: a holder who did not renew (lost access) hears nothing
    now = Date.parse('2026-12-01T12:00:01Z');
    expect(channels.publishedOn(REF)).not.toContain(before);
    expect(channels.publishedOn(REF)).toContain(after);
  });

  it('refuses a rotation under a minute', async () => {
    await expect(
      StatusChannels.create({
        config: new ConfigReader({
          oktetoDev: { live: { channelRotationMinutes: 0 } },
        }),
        database: await database(),
      }),
    ).rejects.toThrow('channelRotationMinutes must be at least 1');
  });
});
