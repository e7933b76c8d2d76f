import { type Kysely, type Migration, sql } from 'kysely';
import { createStatementTriggers } from '../../platform/day-rollup.ts';
import { currentDueSql } from './repo.ts';
import { OPEN_STATES } from './states.ts';
import './schema.ts';

/**
 * Open reports counted as they change (issue #17 §7): `complaint_open_counts` holds, per village ×
 * handler × category, how many reports are open now, kept by a statement trigger on `complaints`
 * in the writer's own transaction, so it is never behind the reports. A dashboard reads a few
 * thousand counters instead of every open report (100,000 on the bench: 150 ms).
 *
 * Overdue depends on the clock, so it is not stored: overdue = open − open and not yet due, the
 * latter read by due time from the index `complaints_due_now` (the reports due from now on: those
 * filed in the last days, few whatever the backlog).
 */

type AnyDb = Kysely<unknown>;

const KEYS = 'village_code, kecamatan_code, handler_kind, handler_code, category_code';
const OPEN_LIST = [...OPEN_STATES].map((s) => `'${s}'`).join(', ');

/** The due time of the stage a report is in, never null (a stage without one is never overdue). */
const dueOrNever = (prefix: string) => `coalesce(${currentDueSql(prefix)}, 'infinity'::timestamptz)`;

/** Open and not overdue at `now`, on `complaints c` (the range `complaints_due_now` serves). */
export function openNotDueSql(now: Date) {
  return sql`c.state IN (${sql.raw(OPEN_LIST)}) AND ${sql.raw(dueOrNever('c.'))} >= ${now}`;
}

/** Adds +1 per open row of `added` and −1 per open row of `removed` (transition tables), in key order. */
function countChangeSql(added: string | null, removed: string | null): string {
  const part = (rows: string, delta: number) =>
    `SELECT ${KEYS}, ${delta} AS delta FROM ${rows} WHERE state IN (${OPEN_LIST})`;
  const parts = [added && part(added, 1), removed && part(removed, -1)].filter(Boolean).join(' UNION ALL ');
  // one statement, keys in order: two writers moving reports between the same counters lock them alike
  return `
    INSERT INTO complaint_open_counts (${KEYS}, open)
      SELECT ${KEYS}, sum(delta) FROM (${parts}) x GROUP BY ${KEYS} HAVING sum(delta) <> 0 ORDER BY ${KEYS}
    ON CONFLICT (${KEYS}) DO UPDATE SET open = complaint_open_counts.open + excluded.open;`;
}

async function up(db: AnyDb) {
  await sql`
    CREATE TABLE complaint_open_counts (
      village_code text NOT NULL,
      kecamatan_code text NOT NULL,
      handler_kind text NOT NULL,
      handler_code text NOT NULL,
      category_code text NOT NULL,
      open integer NOT NULL,
      PRIMARY KEY (village_code, kecamatan_code, handler_kind, handler_code, category_code)
    )`.execute(db);
  await sql
    .raw(`
    CREATE FUNCTION complaint_open_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN ${countChangeSql('new_rows', null)}
      ELSIF TG_OP = 'UPDATE' THEN ${countChangeSql('new_rows', 'old_rows')}
      ELSE ${countChangeSql(null, 'old_rows')}
      END IF;
      RETURN NULL;
    END $$`)
    .execute(db);
  await createStatementTriggers(db, {
    prefix: 'complaint_open_count',
    table: 'complaints',
    fn: 'complaint_open_count',
  });
  await sql.raw(countChangeSql('complaints', null)).execute(db);
  // not partial: the planner uses an expression index's statistics only when it covers the whole table
  await sql`
    CREATE INDEX complaints_due_now ON complaints ((${sql.raw(dueOrNever(''))})) INCLUDE (state, ${sql.raw(KEYS)})`.execute(
    db,
  );
}

export const openCountMigrations: Record<string, Migration> = {
  '0511_complaint_open_counts': { up },
};
