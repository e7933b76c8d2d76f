/**
 * Working-day arithmetic on the Asia/Jakarta calendar (UTC+7 all year, no daylight saving):
 * Monday to Friday, less the national holidays and cuti bersama the admin has entered.
 */
import { addDays, endOfJakartaDay, jakartaDate } from '../../platform/time.ts';

export { endOfJakartaDay, isoJakarta, jakartaDate } from '../../platform/time.ts';

function nextDate(date: string): string {
  return addDays(date, 1);
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/**
 * The due instant N working days after a report arrives: counting starts the next day (the day
 * it arrives is day zero, whatever its hour), and the deadline is the end of the Nth working day.
 */
export function addWorkingDays(start: Date, days: number, holidays: ReadonlySet<string>): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0');
  let date = jakartaDate(start);
  if (days === 0) return endOfJakartaDay(date);
  let counted = 0;
  while (counted < days) {
    date = nextDate(date);
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
    date = nextDate(date);
    if (isWorkingDay(date, holidays)) count++;
  }
  return count;
}
