import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from './index.ts';

/*
 * A logical backup that PGlite and PostgreSQL both read and write: gzip'd JSON lines, one header,
 * then per table a "table" line followed by its rows as JSON. Restoring runs the migrations first
 * (the caller does), then loads rows with triggers and foreign keys deferred. Because it is plain
 * data, a backup of the embedded database restores onto a server and back.
 */

const FORMAT = 'simpul-backup/1';
const PAGE = 5000;

async function userTables(db: Db): Promise<string[]> {
  const result = await sql<{ tablename: string }>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'schema_migrations_lock')
    ORDER BY tablename`.execute(db);
  return result.rows.map((r) => r.tablename);
}

function writeLine(out: NodeJS.WritableStream, value: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (out.write(`${JSON.stringify(value)}\n`)) resolve();
    else out.once('drain', resolve);
  });
}

/**
 * Writes the dump to `FILE.partial` and renames it to FILE only once it is whole, so a backup cut
 * short (a killed process, a full disk) never leaves a truncated file under the name of a good one.
 */
export async function backupDatabase(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const done = new Promise<void>((resolve, reject) => {
    gzip.pipe(fs.createWriteStream(partial)).on('finish', resolve).on('error', reject);
  });
  const migrations = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(
    db,
  );
  await writeLine(gzip, {
    format: FORMAT,
    migrations: migrations.rows.map((r) => r.name),
    at: new Date().toISOString(),
  });
  const tables = await userTables(db);
  let rows = 0;
  for (const table of tables) {
    await writeLine(gzip, { table });
    // keyset pages over the physical row id: no cursor needed, and it works on PGlite too
    let last = '(0,0)';
    for (;;) {
      const page = await sql<{ ctid: string; row: Record<string, unknown> }>`
        SELECT t.ctid::text AS ctid, to_jsonb(t) AS row FROM ${sql.table(table)} t
        WHERE t.ctid > ${last}::tid ORDER BY t.ctid LIMIT ${PAGE}`.execute(db);
      for (const r of page.rows) await writeLine(gzip, r.row);
      rows += page.rows.length;
      if (page.rows.length < PAGE) break;
      last = page.rows[page.rows.length - 1]!.ctid;
    }
  }
  gzip.end();
  await done;
  fs.renameSync(partial, file);
  return { tables: tables.length, rows };
}

/** The columns a restore writes: generated columns (a search document's tsvector) compute themselves. */
async function storedColumns(db: Db, table: string): Promise<string[]> {
  const result = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER'
    ORDER BY ordinal_position`.execute(db);
  return result.rows.map((r) => r.column_name);
}

async function loadBatch(db: Db, table: string, columns: string[], batch: unknown[]): Promise<void> {
  const list = sql.join(columns.map((c) => sql.ref(c)));
  await sql`INSERT INTO ${sql.table(table)} (${list}) OVERRIDING SYSTEM VALUE
    SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(batch)}::jsonb)`.execute(
    db,
  );
}

/** Replaces the content of every table the backup holds; run on a migrated database (normally an empty one). */
export async function restoreDatabase(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  let header: { format?: string; migrations?: string[] } | undefined;
  let table: string | null = null;
  let batch: unknown[] = [];
  let rows = 0;
  let tables = 0;
  await db.transaction().execute(async (trx) => {
    // skip triggers (the audit log's append-only guard) and foreign-key order while loading
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    const known = new Set(await userTables(trx));
    let columns: string[] = [];
    const flush = async () => {
      if (table && batch.length > 0) await loadBatch(trx, table, columns, batch);
      rows += batch.length;
      batch = [];
    };
    // opened only now: readline drops lines emitted before the loop starts reading
    const lines = readline.createInterface({
      input: fs.createReadStream(file).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      if (!line) continue;
      const value = JSON.parse(line) as Record<string, unknown>;
      if (!header) {
        header = value as { format?: string; migrations?: string[] };
        if (header.format !== FORMAT) throw new Error(`${file} bukan berkas cadangan Simpul`);
        const applied = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(trx);
        const have = new Set(applied.rows.map((r) => r.name));
        const missing = (header.migrations ?? []).filter((m) => !have.has(m));
        if (missing.length > 0)
          throw new Error(`Cadangan memerlukan migrasi yang tidak dikenal versi ini: ${missing.join(', ')}`);
        continue;
      }
      if (typeof value.table === 'string' && Object.keys(value).length === 1) {
        await flush();
        table = value.table;
        if (!known.has(table)) throw new Error(`Tabel ${table} tidak ada di basis data ini`);
        columns = await storedColumns(trx, table);
        await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
        tables++;
        continue;
      }
      batch.push(value);
      if (batch.length >= 2000) await flush();
    }
    await flush();
    await resetSequences(trx);
  });
  return { tables, rows };
}

/** After loading rows with explicit ids, every serial column continues after the largest id. */
async function resetSequences(db: Db): Promise<void> {
  const sequences = await sql<{ table_name: string; column_name: string; sequence: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name, s.relname AS sequence
    FROM pg_class s
    JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
    JOIN pg_class c ON c.oid = d.refobjid
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
    JOIN pg_namespace n ON n.oid = s.relnamespace
    WHERE s.relkind = 'S' AND n.nspname = 'public'`.execute(db);
  for (const s of sequences.rows) {
    await sql`SELECT setval(${s.sequence}::regclass, COALESCE((SELECT max(${sql.ref(s.column_name)}) FROM ${sql.table(s.table_name)}), 0) + 1, false)`.execute(
      db,
    );
  }
}
