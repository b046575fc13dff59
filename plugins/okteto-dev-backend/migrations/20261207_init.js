// @ts-check

/**
 * The plugin's two tables as okteto-dev 0.1.0 made them on first use, before it had migrations:
 * a database of that version already holds them (with rows that matter: unexpired leases, and
 * which owners were already told about which state), so each table is created only when missing
 * and an existing one is kept as it is.
 *
 * @param {Awaited<ReturnType<import('@backstage/backend-plugin-api').DatabaseService['getClient']>>} knex
 */
exports.up = async function up(knex) {
  // who is reading which entity's status from the cluster right now (service/replicas/FetchLeases.ts)
  if (!(await knex.schema.hasTable('okteto_dev_fetch_leases'))) {
    await knex.schema.createTable('okteto_dev_fetch_leases', table => {
      table.string('lease_key', 512).primary().notNullable();
      table.string('holder', 64).notNullable();
      table.bigInteger('expires_at').notNullable();
    });
  }
  // the last state each entity's owners were notified about (service/live/notify/NotifiedStates.ts)
  if (!(await knex.schema.hasTable('okteto_dev_notified_states'))) {
    await knex.schema.createTable('okteto_dev_notified_states', table => {
      table.string('entity_ref', 512).primary().notNullable();
      table.string('state', 32).notNullable();
      table.string('updated_at', 32).notNullable();
    });
  }
};

/**
 * @param {Awaited<ReturnType<import('@backstage/backend-plugin-api').DatabaseService['getClient']>>} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('okteto_dev_notified_states');
  await knex.schema.dropTableIfExists('okteto_dev_fetch_leases');
};
