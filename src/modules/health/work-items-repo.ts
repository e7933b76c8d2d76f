import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { RecordScope } from './policy.ts';
import { childrenInScope, notMeasuredIn, RISK_COLUMNS, whereInScope } from './repo.ts';
import './schema.ts';

/** The children in scope (`childrenInScope`) with their posyandu (`p`). */
function childrenAtPosyandu(db: Db, scope: RecordScope, day: string, maxAgeDays: number) {
  return childrenInScope(db, scope, day, maxAgeDays).innerJoin(
    'health_posyandu as p',
    'p.id',
    'c.posyandu_id',
  );
}

/**
 * Each child's latest measurement, when it is of this month or the month before (an older one is
 * overtaken by "not measured"), and at risk or awaiting confirmation.
 */
export async function latestAtRisk(
  db: Db,
  scope: RecordScope,
  since: string,
  day: string,
  maxAgeDays: number,
) {
  return childrenAtPosyandu(db, scope, day, maxAgeDays)
    .innerJoin('health_measurements as m', 'm.child_id', 'c.id')
    .where(
      sql<boolean>`m.measured_month = (SELECT max(x.measured_month) FROM health_measurements x WHERE x.child_id = c.id)`,
    )
    .where('m.measured_month', '>=', since)
    .where((eb) =>
      eb.or([
        eb('m.haz', '<', '-2'),
        eb('m.whz', '<', '-2'),
        eb('m.waz', '<', '-2'),
        eb('m.weight_gain', '=', 'tidak_naik'),
        sql<SqlBool>`(cardinality(m.flags) > 0 AND NOT m.confirmed_implausible)`,
      ]),
    )
    .select(['c.id', 'c.name', 'c.posyandu_id', 'p.name as posyandu_name', ...RISK_COLUMNS])
    .orderBy('m.measured_on')
    .orderBy('c.name')
    .execute();
}

/** Children not measured this month at a posyandu whose session day of the month is already past. */
export async function unmeasuredAfterSession(
  db: Db,
  scope: RecordScope,
  month: string,
  day: string,
  maxAgeDays: number,
) {
  const dayOfMonth = Number(day.slice(8, 10));
  return childrenAtPosyandu(db, scope, day, maxAgeDays)
    .where('p.schedule_day', '<', dayOfMonth)
    .where(notMeasuredIn(month))
    .select(['c.id', 'c.name', 'c.posyandu_id', 'p.name as posyandu_name', 'p.schedule_day'])
    .orderBy('p.schedule_day')
    .orderBy('c.name')
    .execute();
}

/** Open pregnancies whose latest check found a KEK risk and which have had no check since `before`. */
export async function kekWithoutRecentCheck(db: Db, scope: RecordScope, before: string) {
  const query = db
    .selectFrom('health_pregnancies as g')
    .innerJoin('health_mothers as mo', 'mo.id', 'g.mother_id')
    .innerJoin('health_pregnancy_checks as k', 'k.pregnancy_id', 'g.id')
    .where('g.ended_on', 'is', null)
    .where(
      sql<boolean>`k.checked_on = (SELECT max(x.checked_on) FROM health_pregnancy_checks x WHERE x.pregnancy_id = g.id)`,
    )
    .where('k.kek_risk', '=', true)
    .where('k.checked_on', '<', before)
    .select(['g.id', 'mo.name as mother_name', 'k.checked_on'])
    .orderBy('k.checked_on');
  return whereInScope(query, { posyandu: 'g.posyandu_id', village: 'g.village_code' }, scope).execute();
}
