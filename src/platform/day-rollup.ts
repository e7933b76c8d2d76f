import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Ctx } from './context.ts';
import type { Db } from './db/index.ts';
import type { Job } from './jobs/index.ts';
import { addDays, jakartaDate, startOfJakartaDay } from './time.ts';

/**
 * How a period is read from a module's daily rollup: whole Jakarta days that have not been touched
 * since their last refresh come from the rollup; the partial days at the edges and the touched
 * ("dirty") days are counted live from the records over `liveRanges`. The sum is exact whatever the
 * rollup's age.
 */
export interface RollupSplit {
  /** rollup rows with day in [firstDay, endDay) and not in `dirtyDays`; null when no whole day */
  firstDay: string | null;
  endDay: string | null;
  dirtyDays: string[];
  liveRanges: { from: Date; to: Date }[];
}

export function splitPeriod(period: { from: Date; to: Date }, dirty: readonly string[]): RollupSplit {
  const startDay = jakartaDate(period.from);
  const firstDay = startOfJakartaDay(startDay) < period.from ? addDays(startDay, 1) : startDay;
  const endDay = jakartaDate(period.to);
  if (firstDay >= endDay) return { firstDay: null, endDay: null, dirtyDays: [], liveRanges: [period] };
  const liveRanges: { from: Date; to: Date }[] = [];
  const wholeStart = startOfJakartaDay(firstDay);
  const wholeEnd = startOfJakartaDay(endDay);
  if (period.from < wholeStart) liveRanges.push({ from: period.from, to: wholeStart });
  if (wholeEnd < period.to) liveRanges.push({ from: wholeEnd, to: period.to });
  const dirtyDays = dirty.filter((day) => day >= firstDay && day < endDay);
  for (const day of dirtyDays)
    liveRanges.push({ from: startOfJakartaDay(day), to: startOfJakartaDay(addDays(day, 1)) });
  return { firstDay, endDay, dirtyDays, liveRanges };
}

/** `(start, finish)` rows of time ranges, for a `JOIN … ON t >= k.start AND t < k.finish`. */
export function rangesSql(ranges: readonly { from: Date; to: Date }[]): RawBuilder<unknown> {
  return sql`unnest(${ranges.map((r) => r.from.toISOString())}::timestamptz[], ${ranges.map((r) =>
    r.to.toISOString(),
  )}::timestamptz[]) AS k(start, finish)`;
}

/**
 * The rows of `table` whose `column` falls in the range of each `k` row (after `FROM ranges`):
 * a lateral subquery, so each range is an index range scan, never a scan of the whole table.
 */
export function rowsInRanges(table: string, alias: string, column: string): RawBuilder<unknown> {
  return sql.raw(
    `CROSS JOIN LATERAL (SELECT * FROM ${table} WHERE ${column} >= k.start AND ${column} < k.finish) ${alias}`,
  );
}

/** The ranges of whole Jakarta days, labelled with the day. */
export function dayRangesSql(days: readonly string[]): RawBuilder<unknown> {
  return sql`(SELECT d AS day, (d::timestamp - interval '7 hours') AT TIME ZONE 'UTC' AS start,
      (d::timestamp + interval '17 hours') AT TIME ZONE 'UTC' AS finish
    FROM unnest(${[...days]}::date[]) AS d) k`;
}

/** The Jakarta calendar day of a timestamptz column, in SQL (UTC+7 all year). */
export function jakartaDaySql(column: string): string {
  return `((${column} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
}

/** A village-code column within a region (village, kecamatan or regency code), or true for none. */
export function inRegionSql(column: string, region: string | null | undefined): RawBuilder<unknown> {
  if (!region) return sql`true`;
  return sql`(${sql.ref(column)} = ${region} OR ${sql.ref(column)} LIKE ${`${region}.%`})`;
}

type AnyDb = Kysely<unknown>;

/**
 * The days a row's timestamp columns fall on, marked in `{name}_dirty` (a statement for a trigger;
 * `rows` is a FROM item with the `columns`, e.g. a transition table).
 */
export function markDaysSql(name: string, rows: string, columns: readonly string[], lock = true): string {
  const days = columns.map((c) => `(${jakartaDaySql(`x.${c}`)})`).join(', ');
  return `
    INSERT INTO ${name}_dirty (day)
      SELECT DISTINCT d FROM ${rows} x, LATERAL (VALUES ${days}) v(d) WHERE d IS NOT NULL
    ON CONFLICT (day) ${lock ? `DO UPDATE SET marks = ${name}_dirty.marks + 1` : 'DO NOTHING'};`;
}

/**
 * A daily rollup's bookkeeping, for a migration: `{name}_dirty` (the Jakarta days written since
 * their last recount) kept by statement triggers on `table` (insert, update, delete; old and new
 * values of the timestamp `columns`), `{name}_clock` (the last refresh), and every day that already
 * has a row marked, so the first refresh (the job's run at start-up) counts them.
 *
 * A writer's mark takes the day row's lock (`DO UPDATE`), so a refresh that deletes the mark waits
 * for the writer's commit and then counts its rows; one that deleted it first makes the writer
 * mark the day again.
 */
export async function createDayMarks(
  db: AnyDb,
  spec: { name: string; table: string; columns: readonly string[] },
): Promise<void> {
  const { name, table, columns } = spec;
  await sql
    .raw(`CREATE TABLE ${name}_dirty (day date PRIMARY KEY, marks integer NOT NULL DEFAULT 1)`)
    .execute(db);
  await sql
    .raw(`CREATE TABLE ${name}_clock (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      refreshed_at timestamptz NOT NULL,
      days_refreshed integer NOT NULL)`)
    .execute(db);
  await sql
    .raw(`
    CREATE FUNCTION ${name}_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN ${markDaysSql(name, 'new_rows', columns)} END IF;
      IF TG_OP IN ('DELETE', 'UPDATE') THEN ${markDaysSql(name, 'old_rows', columns)} END IF;
      RETURN NULL;
    END $$`)
    .execute(db);
  await createStatementTriggers(db, { prefix: name, table, fn: `${name}_mark` });
  await sql.raw(markDaysSql(name, table, columns, false)).execute(db);
}

/**
 * Statement triggers `{prefix}_insert|update|delete` on `table` running `fn()` with the transition
 * tables `new_rows` (insert, update) and `old_rows` (update, delete).
 */
export async function createStatementTriggers(
  db: AnyDb,
  spec: { prefix: string; table: string; fn: string },
): Promise<void> {
  // a trigger with transition tables has one event each (PostgreSQL's rule)
  for (const [event, tables] of [
    ['INSERT', 'NEW TABLE AS new_rows'],
    ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    ['DELETE', 'OLD TABLE AS old_rows'],
  ] as const)
    await sql
      .raw(`CREATE TRIGGER ${spec.prefix}_${event.toLowerCase()} AFTER ${event} ON ${spec.table}
        REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${spec.fn}()`)
      .execute(db);
}

/** Every day some row of `table` falls on (a full refresh), as SQL. */
export function allDaysSql(table: string, columns: readonly string[]): RawBuilder<{ day: string }> {
  const days = columns.map((c) => `(${jakartaDaySql(`x.${c}`)})`).join(', ');
  return sql.raw(
    `SELECT DISTINCT d::text AS day FROM ${table} x, LATERAL (VALUES ${days}) v(d) WHERE d IS NOT NULL`,
  );
}

/**
 * Runs `read` in a transaction without PostgreSQL's JIT: a lateral range scan is estimated at a
 * third of the table per range, which crosses `jit_above_cost`, and compiling then costs about a
 * second for a query that reads a few thousand rows (measured on the dashboards bench).
 */
export async function withoutJit<T>(db: Db, read: (trx: Db) => Promise<T>): Promise<T> {
  const run = async (trx: Db) => {
    await sql`SELECT set_config('jit', 'off', true)`.execute(trx);
    return read(trx);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export interface RollupRefresh {
  days: number;
  refreshedAt: Date;
}

/**
 * One refresh of a daily rollup, in one transaction: takes the marked days (with `full`, also
 * every day in `allDays`), has `recount` recompute them from the records, and sets the clock.
 */
export async function refreshMarkedDays(
  db: Db,
  spec: { name: string; at: Date; full?: boolean | undefined; allDays: RawBuilder<{ day: string }> },
  recount: (trx: Db, days: string[]) => Promise<void>,
): Promise<RollupRefresh> {
  const { name, at } = spec;
  const days = await withoutJit(db, async (trx) => {
    const marked = await sql<{
      day: string;
    }>`DELETE FROM ${sql.table(`${name}_dirty`)} RETURNING day::text`.execute(trx);
    const all = spec.full ? await spec.allDays.execute(trx) : { rows: [] };
    const days = [...new Set([...marked.rows, ...all.rows].map((r) => r.day))].sort();
    if (days.length > 0) await recount(trx, days);
    await sql`
      INSERT INTO ${sql.table(`${name}_clock`)} (id, refreshed_at, days_refreshed) VALUES (true, ${at}, ${days.length})
      ON CONFLICT (id) DO UPDATE SET refreshed_at = excluded.refreshed_at, days_refreshed = excluded.days_refreshed`.execute(
      trx,
    );
    return days.length;
  });
  return { days, refreshedAt: at };
}

/** The marked days near a period (a read counts them live) and the last refresh (null: never). */
export async function rollupState(
  db: Db,
  name: string,
  period: { from: Date; to: Date },
): Promise<{ dirty: string[]; refreshedAt: Date | null }> {
  const [dirty, clock] = await Promise.all([
    sql<{ day: string }>`
      SELECT day::text FROM ${sql.table(`${name}_dirty`)}
      WHERE day >= ${jakartaDate(period.from)}::date AND day <= ${jakartaDate(period.to)}::date`.execute(db),
    sql<{ refreshed_at: Date }>`SELECT refreshed_at FROM ${sql.table(`${name}_clock`)}`.execute(db),
  ]);
  return { dirty: dirty.rows.map((r) => r.day), refreshedAt: clock.rows[0]?.refreshed_at ?? null };
}

/**
 * A module's daily rollup `name`, its days marked on `table` by the timestamp `columns`
 * (`createDayMarks(db, rollup)` in its migration): `refresh` recounts the days written since the
 * last refresh through `recount` (with `full`, every day a row falls on), `state` is what a read of
 * a period needs, and `job` (named `job`) refreshes it every 5 minutes.
 */
export function dayRollup(spec: {
  name: string;
  table: string;
  columns: readonly string[];
  job: string;
  recount: (trx: Db, days: string[]) => Promise<void>;
}) {
  const { name, table, columns, recount } = spec;
  const refresh = (ctx: Ctx, options: { full?: boolean } = {}): Promise<RollupRefresh> =>
    refreshMarkedDays(
      ctx.db,
      { name, at: ctx.clock.now(), full: options.full, allDays: allDaysSql(table, columns) },
      recount,
    );
  const job: Job = { name: spec.job, everyMs: 5 * 60_000, run: (ctx) => refresh(ctx).then(() => undefined) };
  return {
    name,
    table,
    columns,
    refresh,
    state: (db: Db, period: { from: Date; to: Date }) => rollupState(db, name, period),
    job,
  };
}
