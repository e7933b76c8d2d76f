import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './calendar.ts';
import { isoJakarta, jakartaDate } from './time.ts';

const none = new Set<string>();

describe('working-day calendar', () => {
  it('reads the calendar date in Jakarta, not in UTC', () => {
    expect(jakartaDate(new Date('2026-11-22T18:30:00Z'))).toBe('2026-11-23');
    expect(jakartaDate(new Date('2026-11-22T16:59:59Z'))).toBe('2026-11-22');
  });

  it('treats Saturday, Sunday and entered holidays as non-working days', () => {
    expect(isWorkingDay('2026-11-21', none)).toBe(false);
    expect(isWorkingDay('2026-11-22', none)).toBe(false);
    expect(isWorkingDay('2026-11-23', none)).toBe(true);
    expect(isWorkingDay('2026-11-23', new Set(['2026-11-23']))).toBe(false);
  });

  it('puts a three-working-day deadline for a Thursday report at the end of the next Tuesday', () => {
    const due = addWorkingDays(new Date('2026-11-19T02:00:00Z'), 3, none);
    expect(isoJakarta(due)).toBe('2026-11-24T23:59:59+07:00');
  });

  it('skips a holiday in the middle of the count', () => {
    const holidays = new Set(['2026-11-23']);
    const due = addWorkingDays(new Date('2026-11-19T02:00:00Z'), 3, holidays);
    expect(jakartaDate(due)).toBe('2026-11-25');
  });

  it('starts counting on Monday for a report that arrives on Saturday evening', () => {
    const due = addWorkingDays(new Date('2026-11-21T13:00:00Z'), 1, none);
    expect(jakartaDate(due)).toBe('2026-11-23');
  });

  it('runs across Idulfitri and its weekend as a whole block', () => {
    // Thu 19 Mar (Nyepi), Fri 20 and Sat 21 (Idulfitri), Sun 22: first working day is Mon 23
    const holidays = new Set(['2026-03-19', '2026-03-20', '2026-03-21']);
    const due = addWorkingDays(new Date('2026-03-18T03:00:00Z'), 1, holidays);
    expect(jakartaDate(due)).toBe('2026-03-23');
  });

  it('counts the working days that have passed between two instants', () => {
    expect(workingDaysBetween(new Date('2026-11-20T03:00:00Z'), new Date('2026-11-24T03:00:00Z'), none)).toBe(
      2,
    );
    expect(workingDaysBetween(new Date('2026-11-24T03:00:00Z'), new Date('2026-11-20T03:00:00Z'), none)).toBe(
      0,
    );
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays(new Date(), -1, none)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5, none)).toThrow(RangeError);
  });

  it('writes instants in ISO 8601 with the +07:00 offset', () => {
    expect(isoJakarta(new Date('2026-11-22T01:00:00Z'))).toBe('2026-11-22T08:00:00+07:00');
  });
});
