import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

/** A stored file the integrity check found wrong: bytes changed or gone. It goes once they are right again. */
export interface FileFindingTable {
  sha256: string;
  problem: 'changed' | 'missing';
  /** the hash the stored bytes have now (when changed) */
  actual_sha256: string | null;
  first_found_at: Date;
  last_checked_at: Date;
}

/** Where the integrity check's round through the stored files stands (one row, `name` 'files'). */
export interface FileIntegrityCursorTable {
  name: string;
  /** the last hash checked in the current round; '' before the first of a round */
  after_sha256: string;
  round_started_at: Date;
  updated_at: Date;
}

declare module '../db/database.ts' {
  interface Database {
    file_findings: FileFindingTable;
    file_integrity_cursor: FileIntegrityCursorTable;
  }
}

const fileFindings: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE file_findings (
        sha256 text PRIMARY KEY,
        problem text NOT NULL CHECK (problem IN ('changed','missing')),
        actual_sha256 text,
        first_found_at timestamptz NOT NULL,
        last_checked_at timestamptz NOT NULL
      )`.execute(db);
    // the integrity check and the backup walk the stored files by hash, a batch at a time
    await sql`CREATE INDEX files_sha256 ON files (sha256)`.execute(db);
  },
};

const integrityCursor: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE file_integrity_cursor (
        name text PRIMARY KEY,
        after_sha256 text NOT NULL,
        round_started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`.execute(db);
  },
};

export const fileMigrations: Record<string, Migration> = {
  '0020_file_findings': fileFindings,
  '0021_file_integrity_cursor': integrityCursor,
};
