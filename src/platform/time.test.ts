import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDateOf,
  endOfJakartaDay,
  isCalendarDate,
  isoJakarta,
  jakartaDate,
  jakartaYearMonth,
  startOfJakartaDay,
} from './time.ts';

describe('the Jakarta calendar', () => {
  it('puts 23:00 UTC on the next calendar day, 16:59 UTC on the same one', () => {
    expect(jakartaDate(new Date('2026-03-10T23:00:00Z'))).toBe('2026-03-11');
    expect(jakartaDate(new Date('2026-03-10T16:59:59Z'))).toBe('2026-03-10');
    expect(jakartaDate(new Date('2026-03-10T17:00:00Z'))).toBe('2026-03-11');
  });

  it('takes the year and month of New Year’s morning in Jakarta, not of the UTC evening before', () => {
    expect(jakartaYearMonth(new Date('2026-12-31T18:00:00Z'))).toEqual({ year: 2027, month: 1 });
  });

  it('adds days across month ends and leap days as dates, without a time of day', () => {
    expect(addDays('2026-03-11', 30)).toBe('2026-04-10');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('bounds a Jakarta day by its first and last instant', () => {
    expect(startOfJakartaDay('2026-03-11').toISOString()).toBe('2026-03-10T17:00:00.000Z');
    expect(endOfJakartaDay('2026-03-11').toISOString()).toBe('2026-03-11T16:59:59.999Z');
    expect(isoJakarta(new Date('2026-03-10T23:00:00Z'))).toBe('2026-03-11T06:00:00+07:00');
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of [
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-1',
      'x',
      '',
      '2026-03-11T00:00',
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it('reads a date column the same whether it arrives as a string or as midnight UTC', () => {
    expect(calendarDateOf('2026-06-09')).toBe('2026-06-09');
    expect(calendarDateOf(new Date('2026-06-09T00:00:00Z'))).toBe('2026-06-09');
  });
});
