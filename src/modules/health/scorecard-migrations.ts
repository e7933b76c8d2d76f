import { type Kysely, type Migration, sql } from 'kysely';

const scorecard: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE health_scorecard_entries (
        village_code text NOT NULL,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        indicator text NOT NULL,
        achieved integer NOT NULL CHECK (achieved >= 0),
        target integer CHECK (target >= 0),
        entered_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (village_code, year, quarter, indicator)
      )`.execute(db);
  },
};

/** The scorecard's own table; the module's migrations list merges it after `0800_health`. */
export const scorecardMigrations: Record<string, Migration> = {
  '0850_health_scorecard': scorecard,
};
