import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

export interface JobTable {
  name: string;
  /** set while a server runs the job; a server that died frees it when the lease runs out */
  locked_until: Date | null;
  /** which run holds the lease (a random id per run), so only that run renews or frees it */
  locked_by: string | null;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_outcome: 'ok' | 'failed' | null;
  last_error: string | null;
  /** how often the job is meant to run, as the servers that started it said (for the admin page) */
  every_ms: number | null;
  /** failures in a row since the last success; the wait before the next attempt doubles with it */
  attempts: number;
  /** when the job is due next: after its interval, or after the backoff that follows a failure */
  next_run_at: Date | null;
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

// The schedule lives beside the lease: every server reads when a job is due from the row, so a
// failed run is retried after a backoff on whichever server comes first, and the admin page reads
// schedule, last run and next run from one place.
const jobSchedule: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE jobs ADD COLUMN locked_by text`.execute(db);
    await sql`ALTER TABLE jobs ADD COLUMN every_ms integer`.execute(db);
    await sql`ALTER TABLE jobs ADD COLUMN attempts integer NOT NULL DEFAULT 0`.execute(db);
    await sql`ALTER TABLE jobs ADD COLUMN next_run_at timestamptz`.execute(db);
  },
};

export const jobMigrations: Record<string, Migration> = {
  '0009_job_leases': jobLeases,
  '0011_job_schedule': jobSchedule,
};
