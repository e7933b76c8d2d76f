import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './database.ts';
import { valueParsers as parsers } from './parsers.ts';
import { PGlitePool } from './pglite-pool.ts';
import { pgliteTemplateFile, unpackTemplate } from './pglite-template.ts';

export type Db = Kysely<Database>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** The PGlite instance when embedded (for backup of the data directory). */
  pglite: PGlite | null;
  close(): Promise<void>;
}

export const pgliteExtensions = { pg_trgm, unaccent, cube, earthdistance, btree_gin };

/** `regencyCode`: the regency a new data directory is for, to start it from the build's seeded template. */
export async function openPGlite(
  dataDir: string | null,
  loadDataDir?: Blob,
  regencyCode?: string,
): Promise<PGlite> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const create = (load: Blob | undefined) =>
    PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(load ? { loadDataDir: load } : {}),
      extensions: pgliteExtensions,
      parsers,
    });
  const template = loadDataDir || !dataDir ? undefined : pgliteTemplateFile(dataDir, regencyCode);
  if (!template) return create(loadDataDir);
  try {
    if (await unpackTemplate(template, dataDir!)) return await create(undefined);
    return await create(new Blob([fs.readFileSync(template)]));
  } catch {
    // a damaged template: start the directory afresh with initdb
    fs.rmSync(dataDir!, { recursive: true, force: true });
    return create(undefined);
  }
}

export function postgresPool(connectionString: string, max = 10, connectionTimeoutMillis = 0): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection lost (the server restarted, a network cut) is an 'error' event on the pool,
  // which would end the process if nobody listened. The pool drops that client and the next query
  // connects afresh; the request that meets the outage gets its error and /readyz reports it.
  pool.on('error', () => {});
  return pool;
}

export async function openDatabase(options: {
  databaseUrl: string | null;
  dataDir: string | null;
  regencyCode?: string;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = postgresPool(options.databaseUrl);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', pglite: null, close: () => db.destroy() };
  }
  const dir = options.dataDir ? path.join(options.dataDir, 'pg') : null;
  const unlock = dir ? lockDataDir(dir) : () => {};
  try {
    const handle = fromPGlite(await openPGlite(dir, undefined, options.regencyCode));
    const close = handle.close;
    return {
      ...handle,
      async close() {
        await close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

export function fromPGlite(pglite: PGlite): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}
