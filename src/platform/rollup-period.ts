import { type RawBuilder, sql } from 'kysely';
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
