import { describe, expect, it } from 'vitest';
import { isTwoT, judgeWeightGain, kbmGrams } from './weight-gain.ts';

// Ages in days for completed months: month m starts at ceil(m × 30.4375).
const day = (months: number) => Math.ceil(months * 30.4375);
const judge = (prevDays: number, prevKg: number, curDays: number, curKg: number) =>
  judgeWeightGain({
    sex: 1,
    previous: { ageDays: prevDays, weightKg: prevKg },
    current: { ageDays: curDays, weightKg: curKg },
  });

describe('the KBM table of reference/who-growth/kbm.csv', () => {
  it('gives the KMS minimum gains by completed month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 24, 60].map(kbmGrams)).toEqual([
      800, 900, 800, 600, 500, 400, 400, 300, 300, 200, 200, 200, 200,
    ]);
  });
  it('uses month 1 within the first month and the last row beyond 60 months', () => {
    expect(kbmGrams(0)).toBe(800);
    expect(kbmGrams(61)).toBe(200);
  });
});

describe('judgeWeightGain', () => {
  it('is baru at the first weighing', () => {
    expect(judgeWeightGain({ sex: 2, previous: null, current: { ageDays: 40, weightKg: 4 } })).toBe('baru');
  });

  it('is naik when a month’s gain reaches the KBM exactly, tidak naik one gram short', () => {
    // 2 → 3 months: KBM of month 3 is 800 g.
    expect(judge(day(2), 5.6, day(3), 6.4)).toBe('naik');
    expect(judge(day(2), 5.6, day(3), 6.399)).toBe('tidak_naik');
    // 12 → 13 months: 200 g.
    expect(judge(day(12), 9.6, day(13), 9.8)).toBe('naik');
    expect(judge(day(12), 9.6, day(13), 9.79)).toBe('tidak_naik');
  });

  it('is tidak naik when the weight stays or falls', () => {
    expect(judge(day(20), 11, day(21), 11)).toBe('tidak_naik');
    expect(judge(day(20), 11, day(21), 10.8)).toBe('tidak_naik');
  });

  it('compares a session 3 to 6 weeks after the last against one month’s KBM', () => {
    expect(judge(day(8), 8, day(8) + 25, 8.3)).toBe('naik');
    expect(judge(day(8), 8, day(8) + 45, 8.29)).toBe('tidak_naik');
  });

  it('adds up both months’ KBM when one session was missed (1.5 to 2.5 months)', () => {
    // 4 → 6 months: 500 g (month 5) + 400 g (month 6) = 900 g.
    expect(judge(day(4), 6.5, day(6), 7.4)).toBe('naik');
    expect(judge(day(4), 6.5, day(6), 7.3)).toBe('tidak_naik');
    expect(judge(100, 5, 176, 5.9)).not.toBe('baru');
  });

  it('is baru when the previous weighing is more than 2.5 months back, not before this one, or has no weight', () => {
    expect(judge(100, 5, 177, 8)).toBe('baru');
    expect(judge(day(4), 6.5, day(7), 9)).toBe('baru');
    expect(judge(200, 7, 200, 7.5)).toBe('baru');
    expect(judge(210, 7, 200, 7.5)).toBe('baru');
    expect(judge(170, Number.NaN, 200, 7.5)).toBe('baru');
    expect(judge(170, 7, 200, 0)).toBe('baru');
  });
});

describe('isTwoT', () => {
  it('is true only when the last two judgements are both tidak naik', () => {
    expect(isTwoT(['naik', 'tidak_naik', 'tidak_naik'])).toBe(true);
    expect(isTwoT(['tidak_naik', 'tidak_naik', 'naik'])).toBe(false);
    expect(isTwoT(['tidak_naik', 'baru', 'tidak_naik'])).toBe(false);
    expect(isTwoT(['tidak_naik'])).toBe(false);
    expect(isTwoT([])).toBe(false);
  });
});
