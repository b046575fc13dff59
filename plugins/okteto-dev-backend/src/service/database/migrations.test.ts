import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import {
  catalogFactory,
  startOktetoDevBackend,
} from '../../__testUtils__/testBackend';
import { NotifiedStates } from '../live/notify/NotifiedStates';
import { FetchLeases } from '../replicas/FetchLeases';
import {
  Knex,
  migrateDatabase,
  MIGRATIONS_TABLE,
  migrationsDirectory,
  openDatabase,
} from './migrations';

jest.setTimeout(120_000);

// PostgreSQL too when a connection string is given (`npm test` starts one: scripts/engines.mjs)
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15', 'POSTGRES_13'],
  disableDocker: true,
});

const LEASES = 'okteto_dev_fetch_leases';
const NOTIFIED = 'okteto_dev_notified_states';

/**
 * The tables exactly as okteto-dev 0.1.0 created them on first use, without migrations (its
 * FetchLeases.create and NotifiedStates.create): what an upgrade starts from.
 */
async function createTablesAsVersion010(knex: Knex) {
  await knex.schema.createTable(LEASES, table => {
    table.string('lease_key', 512).primary().notNullable();
    table.string('holder', 64).notNullable();
    table.bigInteger('expires_at').notNullable();
  });
  await knex.schema.createTable(NOTIFIED, table => {
    table.string('entity_ref', 512).primary().notNullable();
    table.string('state', 32).notNullable();
    table.string('updated_at', 32).notNullable();
  });
}

const appliedMigrations = async (knex: Knex) =>
  (await knex(MIGRATIONS_TABLE).orderBy('id').select('name')).map(
    (r: { name: string }) => r.name,
  );

const migrationFiles = () =>
  fs
    .readdirSync(migrationsDirectory())
    .filter(f => f.endsWith('.js'))
    .sort();

describe.each(databases.eachSupportedId())('migrations on %s', id => {
  it('a new database gets both tables, every migration recorded once, and the stores work on them', async () => {
    const knex = await databases.init(id);
    const database = mockServices.database({ knex });
    await openDatabase(database);
    expect(await knex.schema.hasTable(LEASES)).toBe(true);
    expect(await knex.schema.hasTable(NOTIFIED)).toBe(true);
    expect(await appliedMigrations(knex)).toEqual(migrationFiles());

    const leases = await FetchLeases.create(database);
    const { acquired } = await leases.acquire(['component:default/a'], 1000);
    expect(acquired).toEqual(new Set(['component:default/a']));
    const states = await NotifiedStates.create(database);
    expect(
      await states.transition('component:default/a', 'broken', new Date()),
    ).toBe(true);
    expect(await states.get('component:default/a')).toBe('broken');
  });

  it('upgrades the tables 0.1.0 created: rows kept, held leases still held, told states not told again', async () => {
    const knex = await databases.init(id);
    await createTablesAsVersion010(knex);
    const far = Date.now() + 3_600_000;
    await knex(LEASES).insert([
      {
        lease_key: 'component:default/held',
        holder: 'old-replica',
        expires_at: far,
      },
    ]);
    await knex(NOTIFIED).insert([
      {
        entity_ref: 'component:default/corporate',
        state: 'conflict',
        updated_at: '2026-11-30T06:00:00.000Z',
      },
    ]);

    const database = mockServices.database({ knex });
    await openDatabase(database);
    expect(await appliedMigrations(knex)).toEqual(migrationFiles());
    expect(await knex(LEASES).select()).toEqual([
      {
        lease_key: 'component:default/held',
        holder: 'old-replica',
        // bigint: a string on PostgreSQL, a number on SQLite
        expires_at: expect.anything(),
      },
    ]);
    expect(Number((await knex(LEASES).first()).expires_at)).toBe(far);

    const leases = await FetchLeases.create(database);
    const attempt = await leases.acquire(
      ['component:default/held', 'component:default/free'],
      1000,
    );
    expect(attempt.acquired).toEqual(new Set(['component:default/free']));
    expect(
      await leases.heldByOthers(['component:default/held'], attempt.holder),
    ).toEqual(new Set(['component:default/held']));

    const states = await NotifiedStates.create(database);
    expect(await states.get('component:default/corporate')).toBe('conflict');
    // the owner was told about this conflict before the upgrade: no second notification
    expect(
      await states.transition(
        'component:default/corporate',
        'conflict',
        new Date(),
      ),
    ).toBe(false);
    expect(
      await states.transition(
        'component:default/corporate',
        'none',
        new Date(),
      ),
    ).toBe(true);
  });

  it('replicas migrating at the same moment: all succeed, each migration runs once', async () => {
    const knex = await databases.init(id);
    await Promise.all(Array.from({ length: 4 }, () => migrateDatabase(knex)));
    expect(await appliedMigrations(knex)).toEqual(migrationFiles());
    // and again later (a restart): nothing to do
    await migrateDatabase(knex);
    expect(await appliedMigrations(knex)).toEqual(migrationFiles());
  });

  it('rolls back to no tables (down), and forward again', async () => {
    const knex = await databases.init(id);
    await migrateDatabase(knex);
    await knex.migrate.rollback(
      { directory: migrationsDirectory(), tableName: MIGRATIONS_TABLE },
      true,
    );
    expect(await knex.schema.hasTable(LEASES)).toBe(false);
    expect(await knex.schema.hasTable(NOTIFIED)).toBe(false);
    await migrateDatabase(knex);
    expect(await knex.schema.hasTable(LEASES)).toBe(true);
  });
});

describe('openDatabase', () => {
  it('creates nothing when the database service says migrations are skipped', async () => {
    const knex = await databases.init('SQLITE_3');
    await openDatabase(
      mockServices.database({ knex, migrations: { skip: true } }),
    );
    expect(await knex.schema.hasTable(MIGRATIONS_TABLE)).toBe(false);
    expect(await knex.schema.hasTable(LEASES)).toBe(false);
  });

  it('migrates once per database service, however many stores open it', async () => {
    const knex = await databases.init('SQLITE_3');
    let clients = 0;
    const database = mockServices.database({ knex });
    const counting = {
      ...database,
      getClient: async () => {
        clients++;
        return knex;
      },
    };
    await Promise.all([
      openDatabase(counting),
      FetchLeases.create(counting),
      NotifiedStates.create(counting),
    ]);
    expect(clients).toBe(1);
  });
});

describe('the plugin at start', () => {
  it('migrates its database when the backend starts, also one left by 0.1.0', async () => {
    const knex = await databases.init('SQLITE_3');
    await createTablesAsVersion010(knex);
    await knex(NOTIFIED).insert({
      entity_ref: 'component:default/corporate',
      state: 'broken',
      updated_at: '2026-11-30T06:00:00.000Z',
    });
    const backend = await startOktetoDevBackend({
      oktetoDev: {
        clusters: [{ name: 'default', url: 'http://127.0.0.1:9' }],
        live: { enabled: false },
      },
      features: [catalogFactory(), mockServices.database.factory({ knex })],
    });
    try {
      expect(await appliedMigrations(knex)).toEqual(migrationFiles());
      expect(await knex(NOTIFIED).select('entity_ref', 'state')).toEqual([
        { entity_ref: 'component:default/corporate', state: 'broken' },
      ]);
    } finally {
      await backend.stop();
    }
  });
});

describe('the package', () => {
  it('ships the migrations: package.json `files` holds the folder the plugin reads them from', () => {
    const root = path.resolve(__dirname, '../../..');
    const pkg = JSON.parse(
      fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
    );
    expect(path.relative(root, migrationsDirectory())).toBe('migrations');
    expect(pkg.files).toContain('migrations/**/*.{js,d.ts}');
    expect(migrationFiles().length).toBeGreaterThan(0);
  });
});
