/**
 * Working-day arithmetic on the Asia/Jakarta calendar (UTC+7 all year, no daylight saving):
 * Monday to Friday, less the national holidays and cuti bersama the admin has entered.
 */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Jakarta calendar date of an instant, as YYYY-MM-DD. */
export function jakartaDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 23:59:59.999 Jakarta time of a calendar date, as an instant. */
export function endOfJakartaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + DAY_MS - 1);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
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

/** ISO 8601 with the +07:00 offset, as Open311 and Indonesian readers expect. */
export function isoJakarta(instant: Date): string {
  return `${new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}
