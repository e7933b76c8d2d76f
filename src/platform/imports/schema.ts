import type { ColumnType, Generated, Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

/**
 * 'berjalan' while a process works on the import and touches heartbeat_at: receiving the upload
 * (started_at still null) or running it; 'antre' once the file is complete and a worker may take it;
 * then 'selesai' or 'gagal'.
 */
export type ImportState = 'berjalan' | 'antre' | 'selesai' | 'gagal';

export interface ImportJobTable {
  id: Generated<string>;
  /** which module's ImportDefinition runs it ('residents', later 'health', 'umkm' …) */
  kind: string;
  region_code: string;
  file_name: string;
  /** where the upload waits under DATA_DIR/imports (shared by the app servers, like DATA_DIR/files) */
  upload_path: string | null;
  /** the module's own settings for this import (residents: { mode }) */
  options: ColumnType<
    Record<string, unknown>,
    Record<string, unknown> | string | undefined,
    Record<string, unknown> | string
  >;
  state: Generated<ImportState>;
  rows_total: Generated<number>;
  rows_done: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  /** the rejected rows with row number, column and reason, as CSV, stored through platform/files */
  error_file_id: string | null;
  message: string | null;
  /** a known reason of failure, shown translated ('terhenti': the process running it stopped) */
  failure: string | null;
  /** runs begun (a run that died with its process is taken up again from the same file, up to a limit) */
  attempts: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  heartbeat_at: Date;
  finished_at: Date | null;
}

declare module '../db/database.ts' {
  interface Database {
    import_jobs: ImportJobTable;
  }
}

const importJobs: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE import_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        region_code text NOT NULL,
        file_name text NOT NULL,
        upload_path text,
        options jsonb NOT NULL DEFAULT '{}',
        state text NOT NULL DEFAULT 'berjalan' CHECK (state IN ('berjalan','antre','selesai','gagal')),
        rows_total integer NOT NULL DEFAULT 0,
        rows_done integer NOT NULL DEFAULT 0,
        inserted integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        error_file_id uuid,
        message text,
        failure text,
        attempts integer NOT NULL DEFAULT 0,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`.execute(db);
    await sql`CREATE INDEX import_jobs_region ON import_jobs (kind, region_code, created_at)`.execute(db);
    await sql`CREATE INDEX import_jobs_open ON import_jobs (state, created_at) WHERE state IN ('berjalan','antre')`.execute(
      db,
    );
  },
};

export const importMigrations: Record<string, Migration> = { '0012_import_jobs': importJobs };
