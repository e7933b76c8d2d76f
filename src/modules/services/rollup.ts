import { type Kysely, type Migration, sql } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/index.ts';
import { dayRangesSql, jakartaDaySql } from '../../platform/rollup-period.ts';
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

const markDays = (rows: string) => `
  INSERT INTO service_speed_dirty (day)
    SELECT DISTINCT d FROM ${rows} x,
      LATERAL (VALUES (${jakartaDaySql('x.submitted_at')}), (${jakartaDaySql('x.finished_at')})) v(d)
    WHERE d IS NOT NULL
  ON CONFLICT (day) DO UPDATE SET marks = service_speed_dirty.marks + 1;`;

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
  // a writer's mark takes the day's row lock (DO UPDATE), so a refresh that deletes the mark waits
  // for the writer's commit and then counts its rows
  await sql`CREATE TABLE service_speed_dirty (day date PRIMARY KEY, marks integer NOT NULL DEFAULT 1)`.execute(
    db,
  );
  await sql`
    CREATE TABLE service_speed_clock (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      refreshed_at timestamptz NOT NULL,
      days_refreshed integer NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX service_requests_submitted_at ON service_requests (submitted_at) WHERE submitted_at IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX service_requests_finished_at ON service_requests (finished_at) WHERE finished_at IS NOT NULL`.execute(
    db,
  );
  await sql
    .raw(`
    CREATE FUNCTION service_speed_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN ${markDays('new_rows')} END IF;
      IF TG_OP IN ('DELETE', 'UPDATE') THEN ${markDays('old_rows')} END IF;
      RETURN NULL;
    END $$`)
    .execute(db);
  await sql`
    CREATE TRIGGER service_speed_insert AFTER INSERT ON service_requests
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_speed_mark()`.execute(db);
  await sql`
    CREATE TRIGGER service_speed_update AFTER UPDATE ON service_requests
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_speed_mark()`.execute(
    db,
  );
  await sql`
    CREATE TRIGGER service_speed_delete AFTER DELETE ON service_requests
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_speed_mark()`.execute(db);
  // a return changes the "returned" count of the day the request was filed
  await sql
    .raw(`
    CREATE FUNCTION service_speed_mark_return() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${markDays("(SELECT r.submitted_at, NULL::timestamptz AS finished_at FROM new_rows n JOIN service_requests r ON r.id = n.request_id WHERE n.kind = 'dikembalikan')")}
      RETURN NULL;
    END $$`)
    .execute(db);
  await sql`
    CREATE TRIGGER service_speed_return AFTER INSERT ON service_request_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_speed_mark_return()`.execute(
    db,
  );
  // what is there already is counted by the first refresh (the job's first run at start-up)
  await sql
    .raw(`
    INSERT INTO service_speed_dirty (day)
      SELECT DISTINCT d FROM service_requests x,
        LATERAL (VALUES (${jakartaDaySql('x.submitted_at')}), (${jakartaDaySql('x.finished_at')})) v(d)
      WHERE d IS NOT NULL ON CONFLICT DO NOTHING`)
    .execute(db);
}

export const speedRollupMigrations: Record<string, Migration> = {
  '0310_service_speed_rollup': { up },
};

/** Recounts the given Jakarta days from the requests (all villages and services of each day). */
async function recountDays(db: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await sql`DELETE FROM service_speed_daily WHERE day = ANY (${days}::date[])`.execute(db);
  await sql`DELETE FROM service_speed_durations WHERE day = ANY (${days}::date[])`.execute(db);
  await sql`
    WITH sub AS (
      SELECT k.day, r.village_code, r.service_id, count(*)::int AS submitted,
        count(*) FILTER (WHERE ${RETURNED})::int AS returned
      FROM ${dayRangesSql(days)}
      JOIN service_requests r ON r.submitted_at >= k.start AND r.submitted_at < k.finish
      WHERE r.state <> 'draf'
      GROUP BY 1, 2, 3),
    iss AS (
      SELECT k.day, r.village_code, r.service_id, ${WHOLE_DAYS} AS days, count(*)::int AS issued,
        count(*) FILTER (WHERE ${WITHIN_TARGET})::int AS within_target
      FROM ${dayRangesSql(days)}
      JOIN service_requests r ON r.finished_at >= k.start AND r.finished_at < k.finish
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

export interface RollupRefresh {
  days: number;
  refreshedAt: Date;
}

/**
 * Recounts the days marked since the last refresh (or, `full`, every day that has a request or a
 * rollup row), in one transaction, and sets the clock the dashboards show.
 */
export async function refreshSpeedRollup(ctx: Ctx, options: { full?: boolean } = {}): Promise<RollupRefresh> {
  const refreshedAt = ctx.clock.now();
  const days = await ctx.db.transaction().execute(async (trx) => {
    const marked = await sql<{ day: string }>`DELETE FROM service_speed_dirty RETURNING day::text`.execute(
      trx,
    );
    const all = options.full
      ? await sql<{ day: string }>`
          SELECT DISTINCT d::text AS day FROM service_requests x,
            LATERAL (VALUES (${sql.raw(jakartaDaySql('x.submitted_at'))}), (${sql.raw(jakartaDaySql('x.finished_at'))})) v(d)
          WHERE d IS NOT NULL
          UNION SELECT day::text FROM service_speed_daily`.execute(trx)
      : { rows: [] };
    const days = [...new Set([...marked.rows, ...all.rows].map((r) => r.day))].sort();
    await recountDays(trx, days);
    await sql`
      INSERT INTO service_speed_clock (id, refreshed_at, days_refreshed) VALUES (true, ${refreshedAt}, ${days.length})
      ON CONFLICT (id) DO UPDATE SET refreshed_at = excluded.refreshed_at, days_refreshed = excluded.days_refreshed`.execute(
      trx,
    );
    return days.length;
  });
  return { days, refreshedAt };
}

/** The marked days (counted live by a read) and when the rollup was last refreshed (null: never). */
export async function speedRollupState(
  db: Db,
  period: { from: Date; to: Date },
): Promise<{ dirty: string[]; refreshedAt: Date | null }> {
  const [dirty, clock] = await Promise.all([
    sql<{ day: string }>`
      SELECT day::text FROM service_speed_dirty
      WHERE day >= ${period.from}::date - 1 AND day <= ${period.to}::date + 1`.execute(db),
    sql<{ refreshed_at: Date }>`SELECT refreshed_at FROM service_speed_clock`.execute(db),
  ]);
  return { dirty: dirty.rows.map((r) => r.day), refreshedAt: clock.rows[0]?.refreshed_at ?? null };
}

export const speedRollupJob = {
  name: 'services-speed-rollup',
  everyMs: 5 * 60_000,
  run: (ctx: Ctx) => refreshSpeedRollup(ctx).then(() => undefined),
};
