import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

export interface JobTable {
  name: string;
  /** set while a server runs the job; a server that died frees it when the lease runs out */
  locked_until: Date | null;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_outcome: 'ok' | 'failed' | null;
  last_error: string | null;
}

declare module '../db/database.ts' {
  interface Database {
    jobs: JobTable;
  }
}

const jobLeases: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE jobs (
        name text PRIMARY KEY,
        locked_until timestamptz,
        last_started_at timestamptz,
        last_finished_at timestamptz,
        last_outcome text CHECK (last_outcome IN ('ok','failed')),
        last_error text
      )`.execute(db);
  },
};

export const jobMigrations: Record<string, Migration> = { '0009_job_leases': jobLeases };
