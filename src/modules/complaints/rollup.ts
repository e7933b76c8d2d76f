import { type Kysely, type Migration, sql } from 'kysely';
import { createDayMarks, dayRangesSql, dayRollup, rowsInRanges } from '../../platform/day-rollup.ts';
import type { Db } from '../../platform/db/index.ts';
import './schema.ts';

/**
 * The complaints rollup (issue #17 §7): per Jakarta day × village (and its kecamatan) × handler ×
 * category, the reports received that day (with the sum and count of their coordinates, for the
 * map's mean position) and those resolved that day (and of those, by their resolve due time).
 * Open and overdue are "now" figures and are not rolled up: they are counted from the partial
 * index `complaints_open_now`, which holds only open reports and every column the count needs.
 *
 * Touched days are marked by statement triggers on `complaints` (platform/day-rollup.ts): a
 * resolution marks its day, a re-routing or a reopening marks the days of the old and the new
 * values, so the next refresh moves the counts; until then a read counts those days live.
 */

type AnyDb = Kysely<unknown>;

const rollup = dayRollup({
  name: 'complaint_daily',
  table: 'complaints',
  columns: ['created_at', 'resolved_at'],
  job: 'complaints-daily-rollup',
  recount: recountDays,
});
export const RESOLVED_ON_TIME = sql<boolean>`c.resolved_at <= c.resolve_due_at`;

async function up(db: AnyDb) {
  await sql`
    CREATE TABLE complaint_daily (
      day date NOT NULL,
      village_code text NOT NULL,
      kecamatan_code text NOT NULL,
      handler_kind text NOT NULL,
      handler_code text NOT NULL,
      category_code text NOT NULL,
      received integer NOT NULL,
      resolved integer NOT NULL,
      resolved_on_time integer NOT NULL,
      lat_sum double precision NOT NULL,
      lat_n integer NOT NULL,
      lng_sum double precision NOT NULL,
      lng_n integer NOT NULL,
      PRIMARY KEY (day, village_code, kecamatan_code, handler_kind, handler_code, category_code)
    )`.execute(db);
  await sql`CREATE INDEX complaints_created_at ON complaints (created_at)`.execute(db);
  await sql`CREATE INDEX complaints_resolved_at ON complaints (resolved_at)`.execute(db);
  // the open states (states.ts OPEN_STATES), as the existing complaints_open_due index names them
  await sql`
    CREATE INDEX complaints_open_now ON complaints (village_code)
    INCLUDE (kecamatan_code, handler_kind, handler_code, category_code, verified_at, first_response_at,
      verify_due_at, response_due_at, resolve_due_at)
    WHERE state IN ('baru', 'diverifikasi', 'diteruskan', 'diproses', 'dijadwalkan')`.execute(db);
  await createDayMarks(db, rollup);
}

export const complaintRollupMigrations: Record<string, Migration> = {
  '0510_complaint_daily_rollup': { up },
};

/** Recounts the given Jakarta days from the reports. */
async function recountDays(db: Db, days: string[]): Promise<void> {
  await sql`DELETE FROM complaint_daily WHERE day = ANY (${days}::date[])`.execute(db);
  await sql`
    INSERT INTO complaint_daily (day, village_code, kecamatan_code, handler_kind, handler_code, category_code,
      received, resolved, resolved_on_time, lat_sum, lat_n, lng_sum, lng_n)
    SELECT day, village_code, kecamatan_code, handler_kind, handler_code, category_code,
      sum(received), sum(resolved), sum(on_time), coalesce(sum(lat), 0), count(lat), coalesce(sum(lng), 0), count(lng)
    FROM (
      SELECT k.day, c.village_code, c.kecamatan_code, c.handler_kind, c.handler_code, c.category_code,
        1 AS received, 0 AS resolved, 0 AS on_time, c.lat, c.lng
      FROM ${dayRangesSql(days)} ${rowsInRanges('complaints', 'c', 'created_at')}
      UNION ALL
      SELECT k.day, c.village_code, c.kecamatan_code, c.handler_kind, c.handler_code, c.category_code,
        0, 1, (${RESOLVED_ON_TIME})::int, NULL, NULL
      FROM ${dayRangesSql(days)} ${rowsInRanges('complaints', 'c', 'resolved_at')}
    ) x
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
}

/** Recounts the days written since the last refresh (with `full`, every day that has a report). */
export const refreshComplaintRollup = rollup.refresh;

/** The days counted live by a read, and the last refresh. */
export const complaintRollupState = rollup.state;

export const complaintRollupJob = rollup.job;
