/**
 * The working-day calendar: Monday to Friday on the Asia/Jakarta calendar (`time.ts`, the one
 * source of "today"), less the national holidays and cuti bersama the admin has entered. SLA
 * deadlines of complaints and of service requests are counted on it.
 */
import { sql } from 'kysely';
import type { Ctx } from './context.ts';
import { addDays, endOfJakartaDay, jakartaDate } from './time.ts';

/**
 * The holidays table. It was created by a complaints migration (0500_…) before the calendar
 * became the platform's; the migration stays where it landed, the type lives here.
 */
export interface HolidayTable {
  date: string;
  name: string;
}

declare module './db/database.ts' {
  interface Database {
    complaint_holidays: HolidayTable;
  }
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/**
 * The due instant N working days after a start: counting starts the next day (the day it
 * arrives is day zero, whatever its hour), and the deadline is the end of the Nth working day.
 */
export function addWorkingDays(start: Date, days: number, holidays: ReadonlySet<string>): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0');
  let date = jakartaDate(start);
  if (days === 0) return endOfJakartaDay(date);
  let counted = 0;
  while (counted < days) {
    date = addDays(date, 1);
    if (isWorkingDay(date, holidays)) counted++;
  }
  return endOfJakartaDay(date);
}

/** Whole working days that have ended after `from`'s day and up to `to`'s day (0 when to ≤ from). */
export function workingDaysBetween(from: Date, to: Date, holidays: ReadonlySet<string>): number {
  let date = jakartaDate(from);
  const last = jakartaDate(to);
  let count = 0;
  while (date < last) {
    date = addDays(date, 1);
    if (isWorkingDay(date, holidays)) count++;
  }
  return count;
}

/** The entered holidays, oldest first, dates as YYYY-MM-DD. */
export function listHolidays(ctx: Pick<Ctx, 'db'>): Promise<Array<{ date: string; name: string }>> {
  return ctx.db
    .selectFrom('complaint_holidays')
    .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'name'])
    .orderBy('date')
    .execute();
}

export async function holidaySet(ctx: Pick<Ctx, 'db'>): Promise<Set<string>> {
  return new Set((await listHolidays(ctx)).map((h) => h.date));
}

/** Adds a holiday; `overwrite` renames one already entered for that date, otherwise it is kept. */
export async function saveHoliday(
  ctx: Pick<Ctx, 'db'>,
  holiday: { date: string; name: string },
  overwrite: boolean,
): Promise<void> {
  const { date, name } = holiday;
  await ctx.db
    .insertInto('complaint_holidays')
    .values({ date, name })
    .onConflict((oc) => (overwrite ? oc.column('date').doUpdateSet({ name }) : oc.column('date').doNothing()))
    .execute();
}

export async function deleteHoliday(ctx: Pick<Ctx, 'db'>, date: string): Promise<void> {
  await ctx.db.deleteFrom('complaint_holidays').where('date', '=', date).execute();
}
