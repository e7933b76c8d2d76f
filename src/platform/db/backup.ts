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

/** /2 ends with the row count of every table, which a restore checks; /1 (without) still restores. */
const FORMAT = 'simpul-backup/2';
const FORMATS = new Set(['simpul-backup/1', FORMAT]);
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
 * Runs `work` in one read-only REPEATABLE READ transaction: every query in it sees the database as
 * it was at the first, so a backup taken while people work is one moment of it (a letter with its
 * file and its number, not a letter whose file row came after the files table was read).
 */
export function inSnapshot<T>(db: Db, work: (snapshot: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
}

export interface DumpSummary {
  tables: number;
  rows: number;
  /** the rows of each table as written */
  counts: Record<string, number>;
}

/**
 * Writes the dump to `FILE.partial` and renames it to FILE only once it is whole, so a backup cut
 * short (a killed process, a full disk) never leaves a truncated file under the name of a good one.
 */
export function backupDatabase(db: Db, file: string): Promise<DumpSummary> {
  return inSnapshot(db, async (snapshot) => {
    const partial = `${file}.partial`;
    const gzip = createGzip();
    const done = new Promise<void>((resolve, reject) => {
      gzip.pipe(fs.createWriteStream(partial)).on('finish', resolve).on('error', reject);
    });
    const migrations = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(
      snapshot,
    );
    await writeLine(gzip, {
      format: FORMAT,
      migrations: migrations.rows.map((r) => r.name),
      at: new Date().toISOString(),
    });
    const tables = await userTables(snapshot);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      await writeLine(gzip, { table });
      counts[table] = await dumpTable(snapshot, table, gzip);
    }
    await writeLine(gzip, { end: { counts } });
    gzip.end();
    await done;
    fs.renameSync(partial, file);
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return { tables: tables.length, rows, counts };
  });
}

async function dumpTable(db: Db, table: string, out: NodeJS.WritableStream): Promise<number> {
  let rows = 0;
  // keyset pages over the physical row id: no cursor needed, and it works on PGlite too
  let last = '(0,0)';
  for (;;) {
    const page = await sql<{ ctid: string; row: Record<string, unknown> }>`
      SELECT t.ctid::text AS ctid, to_jsonb(t) AS row FROM ${sql.table(table)} t
      WHERE t.ctid > ${last}::tid ORDER BY t.ctid LIMIT ${PAGE}`.execute(db);
    for (const r of page.rows) await writeLine(out, r.row);
    rows += page.rows.length;
    if (page.rows.length < PAGE) return rows;
    last = page.rows[page.rows.length - 1]!.ctid;
  }
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

/** A dump that stops early, or lost rows on the way, is refused whole rather than restored in part. */
function checkCounts(
  file: string,
  written: Record<string, number> | null,
  loaded: Record<string, number>,
): void {
  if (!written) throw new Error(`${file} terpotong: akhir cadangan tidak ada`);
  for (const [table, count] of Object.entries(written))
    if (loaded[table] !== count)
      throw new Error(
        `${file}: tabel ${table} berisi ${loaded[table] ?? 0} baris, cadangan mencatat ${count}`,
      );
}

/** Replaces the content of every table the backup holds; run on a migrated database (normally an empty one). */
export async function restoreDatabase(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  let header: { format?: string; migrations?: string[] } | undefined;
  let table: string | null = null;
  let batch: unknown[] = [];
  let rows = 0;
  let tables = 0;
  const loaded: Record<string, number> = {};
  let ended: Record<string, number> | null = null;
  await db.transaction().execute(async (trx) => {
    // skip triggers (the audit log's append-only guard) and foreign-key order while loading
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    const known = new Set(await userTables(trx));
    let columns: string[] = [];
    const flush = async () => {
      if (table && batch.length > 0) await loadBatch(trx, table, columns, batch);
      rows += batch.length;
      if (table) loaded[table] = (loaded[table] ?? 0) + batch.length;
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
        if (!FORMATS.has(header.format ?? '')) throw new Error(`${file} bukan berkas cadangan Simpul`);
        const applied = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(trx);
        const have = new Set(applied.rows.map((r) => r.name));
        const missing = (header.migrations ?? []).filter((m) => !have.has(m));
        if (missing.length > 0)
          throw new Error(`Cadangan memerlukan migrasi yang tidak dikenal versi ini: ${missing.join(', ')}`);
        continue;
      }
      if (value.end && Object.keys(value).length === 1) {
        await flush();
        ended = (value.end as { counts: Record<string, number> }).counts;
        continue;
      }
      if (typeof value.table === 'string' && Object.keys(value).length === 1) {
        await flush();
        loaded[value.table] = 0;
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
    if (header?.format === FORMAT) checkCounts(file, ended, loaded);
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
