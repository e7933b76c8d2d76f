import { type Kysely, type Migration, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';

type AnyDb = Kysely<unknown>;

/**
 * `health_monthly_village`: the stunting figures' counts per (month, village, posyandu), so a
 * regency page sums a few thousand rollup rows instead of counting a year of measurements
 * (1.1 M rows at 100,000 children).
 *
 * Kept exactly right by the database itself: statement triggers on `health_measurements` (insert,
 * update, delete, the cascade of a deleted child included) recompute every (month, village,
 * posyandu) the statement touched from the raw rows, inside the writing transaction, whichever
 * code path wrote (session form, import, edits, confirmations, seed, bulk SQL). The affected rollup
 * rows are locked before they are counted, so two writers of one posyandu-month take turns and the
 * second counts the first one's rows.
 *
 * What is counted is defined here, once (`health_rollup_refresh`): a row counts when it is of a
 * child under five (age < 1826 days, 0–59 months) and not an unconfirmed flagged import row; an
 * indicator counts when its z-score exists and is not flagged implausible; stunted, wasted,
 * underweight are z < −2.
 */

/**
 * The function that recounts posyandu-months from the raw rows (see above); `refreshedAt` is the
 * SQL for the time it writes into `refreshed_at`.
 */
async function refreshFunction(
  db: AnyDb,
  verb: 'CREATE' | 'CREATE OR REPLACE',
  refreshedAt: RawBuilder<unknown>,
) {
  await sql`
    ${sql.raw(verb)} FUNCTION health_rollup_refresh(keys_month date[], keys_village text[], keys_posyandu uuid[])
    RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      -- lock every affected row (made when missing) in key order; later statements see what
      -- a writer that held the lock before committed
      INSERT INTO health_monthly_village (month, village_code, posyandu_id)
        SELECT DISTINCT * FROM unnest(keys_month, keys_village, keys_posyandu) AS u(month, village_code, posyandu_id)
        ORDER BY 1, 2, 3
        ON CONFLICT DO NOTHING;
      PERFORM 1 FROM health_monthly_village r JOIN (SELECT DISTINCT * FROM unnest(keys_month, keys_village, keys_posyandu) AS u(month, village_code, posyandu_id)) k USING (month, village_code, posyandu_id)
        ORDER BY r.month, r.village_code, r.posyandu_id FOR UPDATE OF r;
      UPDATE health_monthly_village r SET
          measured = c.measured, haz_assessed = c.haz_assessed, stunted = c.stunted,
          whz_assessed = c.whz_assessed, wasted = c.wasted, waz_assessed = c.waz_assessed,
          underweight = c.underweight, refreshed_at = ${refreshedAt}
        FROM (SELECT DISTINCT * FROM unnest(keys_month, keys_village, keys_posyandu) AS u(month, village_code, posyandu_id)) k
        CROSS JOIN LATERAL (
          SELECT
            count(*)::int AS measured,
            count(*) FILTER (WHERE m.haz IS NOT NULL AND NOT ('haz_implausible' = ANY (m.flags)))::int AS haz_assessed,
            count(*) FILTER (WHERE m.haz < -2 AND NOT ('haz_implausible' = ANY (m.flags)))::int AS stunted,
            count(*) FILTER (WHERE m.whz IS NOT NULL AND NOT ('whz_implausible' = ANY (m.flags)))::int AS whz_assessed,
            count(*) FILTER (WHERE m.whz < -2 AND NOT ('whz_implausible' = ANY (m.flags)))::int AS wasted,
            count(*) FILTER (WHERE m.waz IS NOT NULL AND NOT ('waz_implausible' = ANY (m.flags)))::int AS waz_assessed,
            count(*) FILTER (WHERE m.waz < -2 AND NOT ('waz_implausible' = ANY (m.flags)))::int AS underweight
          FROM health_measurements m
          WHERE m.posyandu_id = k.posyandu_id AND m.measured_month = k.month AND m.village_code = k.village_code
            AND m.age_days < 1826 AND (m.confirmed_implausible OR cardinality(m.flags) = 0)
        ) c
        WHERE r.month = k.month AND r.village_code = k.village_code AND r.posyandu_id = k.posyandu_id;
      -- a posyandu-month nobody counts any more has no row (as one nobody measured)
      DELETE FROM health_monthly_village r USING (SELECT DISTINCT * FROM unnest(keys_month, keys_village, keys_posyandu) AS u(month, village_code, posyandu_id)) k
        WHERE r.month = k.month AND r.village_code = k.village_code AND r.posyandu_id = k.posyandu_id
          AND r.measured = 0;
    END $$`.execute(db);
}

async function up(db: AnyDb) {
  await sql`
    CREATE TABLE health_monthly_village (
      month date NOT NULL,
      village_code text NOT NULL,
      posyandu_id uuid NOT NULL,
      measured integer NOT NULL DEFAULT 0,
      haz_assessed integer NOT NULL DEFAULT 0,
      stunted integer NOT NULL DEFAULT 0,
      whz_assessed integer NOT NULL DEFAULT 0,
      wasted integer NOT NULL DEFAULT 0,
      waz_assessed integer NOT NULL DEFAULT 0,
      underweight integer NOT NULL DEFAULT 0,
      refreshed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (month, village_code, posyandu_id)
    )`.execute(db);
  await sql`CREATE INDEX health_monthly_village_village ON health_monthly_village (village_code, month)`.execute(
    db,
  );
  // the registered-children count ("under five on the month's last day") stays a direct count
  await sql`
    CREATE INDEX health_children_under_five ON health_children (birth_date)
    INCLUDE (village_code, posyandu_id) WHERE active`.execute(db);
  await refreshFunction(db, 'CREATE', sql`now()`);
  await sql`
    CREATE FUNCTION health_rollup_on_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM health_rollup_refresh(array_agg(measured_month), array_agg(village_code), array_agg(posyandu_id))
          FROM new_rows;
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM health_rollup_refresh(array_agg(measured_month), array_agg(village_code), array_agg(posyandu_id))
          FROM old_rows;
      ELSE
        PERFORM health_rollup_refresh(array_agg(measured_month), array_agg(village_code), array_agg(posyandu_id))
          FROM (SELECT measured_month, village_code, posyandu_id FROM old_rows
                UNION SELECT measured_month, village_code, posyandu_id FROM new_rows) k;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  // a trigger with transition tables has one event each (PostgreSQL's rule)
  await sql`
    CREATE TRIGGER health_rollup_insert AFTER INSERT ON health_measurements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION health_rollup_on_write()`.execute(
    db,
  );
  await sql`
    CREATE TRIGGER health_rollup_update AFTER UPDATE ON health_measurements
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION health_rollup_on_write()`.execute(db);
  await sql`
    CREATE TRIGGER health_rollup_delete AFTER DELETE ON health_measurements
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION health_rollup_on_write()`.execute(
    db,
  );
  await rebuildRollup(db);
}

/** The time the rollup writes into `refreshed_at`: the clock the writer set for its transaction, else the database's. */
const ROLLUP_CLOCK = 'simpul.health_rollup_now';
const stampedNow = sql.raw(
  `coalesce(nullif(current_setting('${ROLLUP_CLOCK}', true), '')::timestamptz, now())`,
);

/**
 * Runs `write` (a write to `health_measurements`) in a transaction whose rollup refresh stamps
 * `refreshed_at` with `now` (the caller's `ctx.clock`), so the figures page's "as of" is the
 * application's time, testable with a fixed clock.
 */
export async function withRollupClock<T>(db: Db, now: Date, write: (db: Db) => Promise<T>): Promise<T> {
  const run = async (trx: Db) => {
    await sql`SELECT set_config(${ROLLUP_CLOCK}, ${now.toISOString()}, true)`.execute(trx);
    return write(trx);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export interface RollupScope {
  /** one village (its code), or all */
  villageCode?: string | undefined;
  /** one month (its first day, YYYY-MM-01), or all */
  month?: string | undefined;
}

/** The rows of a scope, as a condition on a table with `village_code` and a month column. */
function inScope(scope: RollupScope, monthColumn: string) {
  return sql.join(
    [
      sql`true`,
      ...(scope.villageCode ? [sql`village_code = ${scope.villageCode}`] : []),
      ...(scope.month ? [sql`${sql.ref(monthColumn)} = ${scope.month}::date`] : []),
    ],
    sql` AND `,
  );
}

/**
 * Recomputes the rollup from the raw rows, of one village and/or month or whole (the migration's
 * backfill; `npx simpul health rollup`; after a restore or a bulk load that bypassed the
 * triggers, e.g. `TRUNCATE`). One transaction; returns the rollup rows kept within the scope.
 */
export async function rebuildRollup(db: AnyDb | Db, scope: RollupScope = {}, at?: Date): Promise<number> {
  const where = (monthColumn: string) => inScope(scope, monthColumn);
  const rebuild = async (trx: AnyDb | Db) => {
    if (at) await sql`SELECT set_config(${ROLLUP_CLOCK}, ${at.toISOString()}, true)`.execute(trx);
    await sql`
      SELECT health_rollup_refresh(array_agg(month), array_agg(village_code), array_agg(posyandu_id))
      FROM (SELECT measured_month AS month, village_code, posyandu_id FROM health_measurements
              WHERE ${where('measured_month')}
            UNION SELECT month, village_code, posyandu_id FROM health_monthly_village WHERE ${where('month')}) k`.execute(
      trx,
    );
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM health_monthly_village WHERE ${where('month')}`.execute(trx);
    return Number(rows[0]?.n ?? 0);
  };
  return db.isTransaction ? rebuild(db) : (db as Db).transaction().execute(rebuild);
}

/** The rollup's totals within a scope: its rows and the measurements they count. */
export async function rollupTotals(db: Db, scope: RollupScope): Promise<{ rows: number; measured: number }> {
  const { rows } = await sql<{ rows: number; measured: number }>`
    SELECT count(*)::int AS rows, coalesce(sum(measured), 0)::int AS measured FROM health_monthly_village
    WHERE ${inScope(scope, 'month')}`.execute(db);
  return { rows: Number(rows[0]?.rows ?? 0), measured: Number(rows[0]?.measured ?? 0) };
}

/** `refreshed_at` from the writer's clock (`withRollupClock`) instead of the database's. */
async function clockUp(db: AnyDb) {
  await refreshFunction(db, 'CREATE OR REPLACE', stampedNow);
}

export const rollupMigrations: Record<string, Migration> = {
  '0802_health_monthly_rollup': { up },
  '0803_health_rollup_clock': { up: clockUp },
};
