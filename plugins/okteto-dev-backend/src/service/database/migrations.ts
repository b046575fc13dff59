import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';

/** The plugin's knex client, as the database service gives it. */
export type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/**
 * Where knex records which migrations ran (and its `_lock` table next to it). Named for the
 * plugin, as Backstage's own stores in shared databases do (`backstage_backend_tasks__knex_migrations`
 * in backend-defaults' scheduler), so a database that other plugins use too keeps the lists apart.
 */
export const MIGRATIONS_TABLE = 'okteto_dev__knex_migrations';

/**
 * The migrations shipped in the package (`migrations/`, listed in package.json `files`), found
 * at run time wherever the package is installed.
 */
export function migrationsDirectory(): string {
  return resolvePackagePath(
    '@okteto-dev/plugin-okteto-dev-backend',
    'migrations',
  );
}

/** How often a migration that met another replica's migration is tried again. */
const ATTEMPTS = 5;
const RETRY_MS = 500;

/**
 * Brings the plugin's tables to the latest version. Replicas starting together all call this:
 * on PostgreSQL knex's lock row makes the others wait for the first and then find nothing to do;
 * the one race knex does not cover — two replicas creating the migrations table itself, or
 * finding the lock taken outside a transaction — is tried again a few times before it counts as
 * an error. A lock left behind by a replica killed mid-migration is not taken over: the error
 * says how to release it.
 */
export async function migrateDatabase(knex: Knex): Promise<void> {
  const directory = migrationsDirectory();
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory, tableName: MIGRATIONS_TABLE });
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) {
        const locked = (error as Error).name === 'MigrationLocked';
        throw new Error(
          `okteto-dev: the database migrations failed${
            locked
              ? ` because ${MIGRATIONS_TABLE}_lock stays locked (a replica stopped mid-migration? then set is_locked to 0 in that table)`
              : ''
          }: ${(error as Error).message}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, RETRY_MS * attempt));
    }
  }
}

const opened = new WeakMap<DatabaseService, Promise<Knex>>();

/**
 * The plugin's database client with its tables migrated, once per database service: unless
 * migrations are skipped (`backend.database.skipMigrations`, or per plugin
 * `backend.database.plugin.okteto-dev.skipMigrations`), then the tables are the operator's to
 * create from `migrations/`.
 */
export function openDatabase(database: DatabaseService): Promise<Knex> {
  let client = opened.get(database);
  if (!client) {
    client = (async () => {
      const knex = await database.getClient();
      if (!database.migrations?.skip) await migrateDatabase(knex);
      return knex;
    })();
    opened.set(database, client);
    // a failed attempt is not remembered: the next caller tries again
    client.catch(() => opened.delete(database));
  }
  return client;
}
