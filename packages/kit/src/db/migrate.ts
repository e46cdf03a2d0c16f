import { Migrator, type Kysely, type Migration } from 'kysely';

/** A service's migrations, keyed by name; names sort in the order they apply (`0001_…`). */
export type Migrations = Record<string, Migration>;

/** Applies pending migrations in order; fails loudly on any error. Returns the names applied. */
export async function migrate(db: Kysely<any>, migrations: Migrations, table: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: table,
    migrationLockTableName: `${table}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
