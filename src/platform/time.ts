/**
 * The platform's one calendar: Western Indonesia Time (Asia/Jakarta, UTC+7 all year, no daylight
 * saving). A calendar date derived from an instant must come from here; `toISOString().slice(0, 10)`
 * gives the UTC date, which is the day before for everything from 00:00 to 06:59 WIB.
 */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Jakarta calendar date of an instant, as YYYY-MM-DD. */
export function jakartaDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Year and month (1–12) of an instant on the Jakarta calendar. */
export function jakartaYearMonth(instant: Date): { year: number; month: number } {
  const date = jakartaDate(instant);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** 00:00 Jakarta time of a calendar date, as an instant. */
export function startOfJakartaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** 23:59:59.999 Jakarta time of a calendar date, as an instant. */
export function endOfJakartaDay(date: string): Date {
  return new Date(startOfJakartaDay(date).getTime() + DAY_MS - 1);
}

/** A calendar date plus (or minus) whole days; pure date arithmetic, no time zone involved. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO 8601 with the +07:00 offset, as Open311 and Indonesian readers expect. */
export function isoJakarta(instant: Date): string {
  return `${new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 and 2026-2-3 are not). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date column's value as YYYY-MM-DD: the drivers return strings (see db/parsers.ts), but a
 * value that went through JSON or a Date-typed path arrives as midnight UTC of that date.
 */
export function calendarDateOf(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
