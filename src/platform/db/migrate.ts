import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './index.ts';

class ListMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/**
 * True when every migration of the list is recorded as applied: two small queries, where Kysely's
 * Migrator reads the whole catalogue and takes its lock first (seconds on PGlite at each start).
 */
async function allApplied(db: Db, names: string[]): Promise<boolean> {
  const table = await sql<{ t: string | null }>`SELECT to_regclass('schema_migrations')::text AS t`.execute(
    db,
  );
  if (!table.rows[0]?.t) return false;
  const applied = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db);
  const done = new Set(applied.rows.map((r) => r.name));
  const known = new Set(names);
  // an applied migration this code does not know: the Migrator reports it
  return names.every((name) => done.has(name)) && applied.rows.every((r) => known.has(r.name));
}

/** Applies every pending migration in name order; the same list runs on PGlite and PostgreSQL. */
export async function migrateToLatest(db: Db, migrations: Record<string, Migration>): Promise<string[]> {
  if (await allApplied(db, Object.keys(migrations))) return [];
  const migrator = new Migrator({
    db,
    provider: new ListMigrationProvider(migrations),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    // a platform migration added after a module's (0011_job_schedule after 0204_…) must still
    // apply to an installation that ran the module's: names order a fresh database, not history
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function collectMigrations(
  sources: Array<Record<string, Migration> | undefined>,
): Record<string, Migration> {
  const all: Record<string, Migration> = {};
  for (const source of sources) {
    for (const [name, migration] of Object.entries(source ?? {})) {
      if (all[name]) throw new Error(`Duplicate migration name ${name}`);
      all[name] = migration;
    }
  }
  return all;
}
