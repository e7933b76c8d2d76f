import { type Kysely, type Migration, sql } from 'kysely';
import {
  createDayMarks,
  dayRangesSql,
  dayRollup,
  markDaysSql,
  rowsInRanges,
} from '../../platform/day-rollup.ts';
import type { Db } from '../../platform/db/index.ts';
import './schema.ts';

/**
 * The service-speed rollup (issue #17 §7): per Jakarta day × village × service, the requests
 * filed that day (and of those, returned for correction at least once) and the requests issued
 * that day (and of those, within target), with a histogram of the issued ones' durations in whole
 * days (`service_speed_durations`: days → count). Any period's median and p90 are computed exactly
 * from the histogram (see speed-report.ts), as `percentile_cont` would from the requests.
 *
 * "Touched" is decided by the database: statement triggers on `service_requests` (any write, by
 * any code path, old and new values) and on returns in `service_request_events` mark the Jakarta
 * days they change in `service_speed_dirty`. `updated_at` is not used: it is set from the
 * application's clock, and a re-opened request would leave its old day uncounted. The refresh job
 * recomputes the marked days; a read counts marked days live, so figures are exact at any age.
 */

type AnyDb = Kysely<unknown>;

/** A request's duration from filing to issue, in whole days (what the histogram and the percentiles count). */
export const WHOLE_DAYS = sql<number>`floor(extract(epoch FROM r.finished_at - r.submitted_at) / 86400)::int`;
/** Issued: ready or collected, after a filing. */
export const ISSUED = sql<boolean>`r.state IN ('siap_diambil', 'sudah_diambil') AND r.submitted_at IS NOT NULL`;
export const WITHIN_TARGET = sql<boolean>`r.due_at IS NOT NULL AND r.finished_at <= r.due_at`;
export const RETURNED = sql<boolean>`EXISTS (SELECT 1 FROM service_request_events e
  WHERE e.request_id = r.id AND e.kind = 'dikembalikan')`;

const rollup = dayRollup({
  name: 'service_speed',
  table: 'service_requests',
  columns: ['submitted_at', 'finished_at'],
  job: 'services-speed-rollup',
  recount: recountDays,
});

async function up(db: AnyDb) {
  await sql`
    CREATE TABLE service_speed_daily (
      day date NOT NULL,
      village_code text NOT NULL,
      service_id uuid NOT NULL,
      submitted integer NOT NULL,
      returned integer NOT NULL,
      issued integer NOT NULL,
      within_target integer NOT NULL,
      PRIMARY KEY (day, village_code, service_id)
    )`.execute(db);
  await sql`
    CREATE TABLE service_speed_durations (
      day date NOT NULL,
      village_code text NOT NULL,
      service_id uuid NOT NULL,
      days integer NOT NULL,
      issued integer NOT NULL,
      PRIMARY KEY (day, village_code, service_id, days)
    )`.execute(db);
  await sql`CREATE INDEX service_requests_submitted_at ON service_requests (submitted_at)`.execute(db);
  await sql`CREATE INDEX service_requests_finished_at ON service_requests (finished_at)`.execute(db);
  await createDayMarks(db, rollup);
  // a return changes the "returned" count of the day the request was filed
  const returns = `(SELECT r.submitted_at, NULL::timestamptz AS finished_at FROM new_rows n
    JOIN service_requests r ON r.id = n.request_id WHERE n.kind = 'dikembalikan')`;
  await sql
    .raw(`
    CREATE FUNCTION service_speed_mark_return() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${markDaysSql(rollup.name, returns, rollup.columns)} RETURN NULL; END $$`)
    .execute(db);
  await sql`
    CREATE TRIGGER service_speed_return AFTER INSERT ON service_request_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_speed_mark_return()`.execute(
    db,
  );
}

export const speedRollupMigrations: Record<string, Migration> = {
  '0310_service_speed_rollup': { up },
};

/** Recounts the given Jakarta days from the requests (all villages and services of each day). */
async function recountDays(db: Db, days: string[]): Promise<void> {
  await sql`DELETE FROM service_speed_daily WHERE day = ANY (${days}::date[])`.execute(db);
  await sql`DELETE FROM service_speed_durations WHERE day = ANY (${days}::date[])`.execute(db);
  await sql`
    WITH sub AS (
      SELECT k.day, r.village_code, r.service_id, count(*)::int AS submitted,
        count(*) FILTER (WHERE ${RETURNED})::int AS returned
      FROM ${dayRangesSql(days)} ${rowsInRanges('service_requests', 'r', 'submitted_at')}
      WHERE r.state <> 'draf'
      GROUP BY 1, 2, 3),
    iss AS (
      SELECT k.day, r.village_code, r.service_id, ${WHOLE_DAYS} AS days, count(*)::int AS issued,
        count(*) FILTER (WHERE ${WITHIN_TARGET})::int AS within_target
      FROM ${dayRangesSql(days)} ${rowsInRanges('service_requests', 'r', 'finished_at')}
      WHERE ${ISSUED}
      GROUP BY 1, 2, 3, 4),
    histogram AS (
      INSERT INTO service_speed_durations (day, village_code, service_id, days, issued)
      SELECT day, village_code, service_id, days, issued FROM iss)
    INSERT INTO service_speed_daily (day, village_code, service_id, submitted, returned, issued, within_target)
    SELECT day, village_code, service_id, sum(submitted), sum(returned), sum(issued), sum(within_target)
    FROM (SELECT day, village_code, service_id, submitted, returned, 0 AS issued, 0 AS within_target FROM sub
          UNION ALL
          SELECT day, village_code, service_id, 0, 0, issued, within_target FROM iss) x
    GROUP BY 1, 2, 3`.execute(db);
}

/** Recounts the days written since the last refresh (with `full`, every day that has a request). */
export const refreshSpeedRollup = rollup.refresh;

/** The days counted live by a read, and the last refresh. */
export const speedRollupState = rollup.state;

export const speedRollupJob = rollup.job;
