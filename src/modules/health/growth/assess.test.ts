import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ageInDays,
  assessGrowth,
  heightForAgeCategory,
  weightForAgeCategory,
  weightForHeightCategory,
} from './assess.ts';

// Expected values are computed here by hand from table rows, each named by file and line number
// and typed out as it stands in the file (the test checks the file still says so), with the WHO
// formulas written out again rather than imported.
const DIR = new URL('../../../../reference/who-growth/', import.meta.url);
const lines = new Map<string, string[]>();
function row(file: string, line: number, text: string): { L: number; M: number; S: number } {
  if (!lines.has(file)) lines.set(file, fs.readFileSync(new URL(file, DIR), 'utf8').split('\n'));
  expect(lines.get(file)?.[line - 1]).toBe(text);
  const f = text.split(',');
  return { L: Number(f[3]), M: Number(f[4]), S: Number(f[5]) };
}
type Lms = { L: number; M: number; S: number };
const z = (y: number, { L, M, S }: Lms) => ((y / M) ** L - 1) / (L * S);
const sd = (k: number, { L, M, S }: Lms) => M * (1 + L * S * k) ** (1 / L);
const zRestricted = (y: number, r: Lms) => {
  const plain = z(y, r);
  if (plain > 3) return 3 + (y - sd(3, r)) / (sd(3, r) - sd(2, r));
  if (plain < -3) return -3 + (y - sd(-3, r)) / (sd(-2, r) - sd(-3, r));
  return plain;
};
const lerp = (a: Lms, b: Lms, f: number): Lms => ({
  L: a.L + f * (b.L - a.L),
  M: a.M + f * (b.M - a.M),
  S: a.S + f * (b.S - a.S),
});
const r2 = (x: number) => Number(x.toFixed(2));

describe('assessGrowth z-scores against the WHO tables', () => {
  it('scores a newborn boy at 0 days on the first rows of the length, weight and wfl tables', () => {
    const lhfa = row('lhfa_daily.csv', 2, '1,0,day,1,49.8842,0.03795,L');
    const wfa = row('wfa_daily.csv', 2, '1,0,day,0.3487,3.3464,0.14602');
    const wfl = row('wfl.csv', 2, '1,45,cm,-0.3521,2.441,0.09182,L');
    const r = assessGrowth({ sex: 1, ageDays: 0, heightCm: 45, weightKg: 2.6, position: 'lying' });
    expect(r.haz).toBe(r2(z(45, lhfa)));
    expect(r.haz).toBe(-2.58);
    expect(r.waz).toBe(r2(z(2.6, wfa)));
    expect(r.whz).toBe(r2(z(2.6, wfl)));
    expect(r.categories).toEqual({
      heightForAge: 'pendek',
      weightForAge: 'normal',
      weightForHeight: 'gizi_baik',
    });
    expect(r.flags).toEqual([]);
  });

  it('at 730 days uses the length tables, and adds 0.7 cm to a standing measurement', () => {
    const lhfa = row('lhfa_daily.csv', 732, '1,730,day,1,87.8018,0.03479,L');
    const wfa = row('wfa_daily.csv', 732, '1,730,day,-0.0136,12.1482,0.11425');
    const lying = assessGrowth({ sex: 1, ageDays: 730, heightCm: 85, weightKg: 11, position: 'lying' });
    expect(lying.correctedHeightCm).toBe(85);
    expect(lying.haz).toBe(r2(z(85, lhfa)));
    expect(lying.waz).toBe(r2(z(11, wfa)));
    expect(lying.whz).toBe(r2(z(11, row('wfl.csv', 402, '1,85,cm,-0.3521,11.5007,0.08181,L'))));

    const standing = assessGrowth({ sex: 1, ageDays: 730, heightCm: 85, weightKg: 11, position: 'standing' });
    expect(standing.correctedHeightCm).toBe(85.7);
    expect(standing.haz).toBe(r2(z(85.7, lhfa)));
    expect(standing.whz).toBe(r2(z(11, row('wfl.csv', 409, '1,85.7,cm,-0.3521,11.6707,0.08156,L'))));
    expect(standing.flags).toEqual([]);
  });

  it('from 731 days uses the height tables, and takes 0.7 cm off a lying measurement', () => {
    const lhfa = row('lhfa_daily.csv', 733, '1,731,day,1,87.1303,0.03508,H');
    const wfa = row('wfa_daily.csv', 733, '1,731,day,-0.0137,12.1548,0.11427');
    const lying = assessGrowth({ sex: 1, ageDays: 731, heightCm: 86, weightKg: 11, position: 'lying' });
    expect(lying.correctedHeightCm).toBe(85.3);
    expect(lying.haz).toBe(r2(z(85.3, lhfa)));
    expect(lying.waz).toBe(r2(z(11, wfa)));
    expect(lying.whz).toBe(r2(z(11, row('wfh.csv', 205, '1,85.3,cm,-0.3521,11.7444,0.08145,H'))));

    const standing = assessGrowth({ sex: 1, ageDays: 731, heightCm: 86, weightKg: 11, position: 'standing' });
    expect(standing.correctedHeightCm).toBe(86);
    expect(standing.haz).toBe(r2(z(86, lhfa)));
    expect(standing.whz).toBe(r2(z(11, row('wfh.csv', 212, '1,86,cm,-0.3521,11.9173,0.08121,H'))));

    const unrecorded = assessGrowth({ sex: 1, ageDays: 731, heightCm: 86, weightKg: 11 });
    expect(unrecorded.haz).toBe(standing.haz);
    expect(unrecorded.whz).toBe(standing.whz);
  });

  it('scores a girl at 1,826 days and interpolates weight-for-height between two 0.1 cm rows', () => {
    const lhfa = row('lhfa_daily.csv', 3685, '2,1826,day,1,109.4189,0.04346,H');
    const wfa = row('wfa_daily.csv', 3685, '2,1826,day,-0.3518,18.2179,0.14821');
    const lo = row('wfh.csv', 908, '2,100.5,cm,-0.3833,15.3687,0.09102,H');
    const hi = row('wfh.csv', 909, '2,100.6,cm,-0.3833,15.3979,0.09105,H');
    const r = assessGrowth({ sex: 2, ageDays: 1826, heightCm: 100.55, weightKg: 15, position: 'standing' });
    expect(r.haz).toBe(r2(z(100.55, lhfa)));
    expect(r.waz).toBe(r2(z(15, wfa)));
    expect(r.whz).toBe(r2(z(15, lerp(lo, hi, 0.5))));
    // The interpolated value is neither row's.
    expect([r2(z(15, lo)), r2(z(15, hi))]).not.toContain(r.whz);
  });

  it('interpolates weight-for-length three tenths of the way between 75.3 and 75.4 cm', () => {
    const lo = row('wfl.csv', 305, '1,75.3,cm,-0.3521,9.5639,0.08299,L');
    const hi = row('wfl.csv', 306, '1,75.4,cm,-0.3521,9.5841,0.083,L');
    const r = assessGrowth({ sex: 1, ageDays: 400, heightCm: 75.33, weightKg: 8.1, position: 'lying' });
    const expected = r2(z(8.1, lerp(lo, hi, 0.3)));
    expect(r.whz).toBe(expected);
    expect(r.whz).toBe(-2.07);
  });

  it('restricts weight-for-age beyond +3 and below −3 SD (the WHO SD23 rule)', () => {
    const girl = row('wfa_daily.csv', 3685, '2,1826,day,-0.3518,18.2179,0.14821');
    const heavy = assessGrowth({ sex: 2, ageDays: 1826, weightKg: 35 });
    expect(z(35, girl)).toBeGreaterThan(3);
    expect(heavy.waz).toBe(r2(zRestricted(35, girl)));
    expect(heavy.waz).not.toBe(r2(z(35, girl)));
    expect(heavy.categories.weightForAge).toBe('risiko_lebih');

    const boy = row('wfa_daily.csv', 732, '1,730,day,-0.0136,12.1482,0.11425');
    const light = assessGrowth({ sex: 1, ageDays: 730, weightKg: 7 });
    expect(z(7, boy)).toBeLessThan(-3);
    expect(light.waz).toBe(r2(zRestricted(7, boy)));
    expect(light.waz).not.toBe(r2(z(7, boy)));
    expect(light.categories.weightForAge).toBe('sangat_kurang');
  });

  it('restricts weight-for-length beyond +3 and below −3 SD', () => {
    const at85 = row('wfl.csv', 402, '1,85,cm,-0.3521,11.5007,0.08181,L');
    const heavy = assessGrowth({ sex: 1, ageDays: 730, heightCm: 85, weightKg: 17, position: 'lying' });
    expect(z(17, at85)).toBeGreaterThan(3);
    expect(heavy.whz).toBe(r2(zRestricted(17, at85)));
    expect(heavy.whz).not.toBe(r2(z(17, at85)));
    expect(heavy.categories.weightForHeight).toBe('obesitas');

    const lo = row('wfl.csv', 805, '2,60.2,cm,-0.3833,5.9252,0.09137,L');
    const hi = row('wfl.csv', 806, '2,60.3,cm,-0.3833,5.9507,0.09137,L');
    const at6025 = lerp(lo, hi, 0.5);
    const light = assessGrowth({ sex: 2, ageDays: 150, heightCm: 60.25, weightKg: 4, position: 'lying' });
    expect(z(4, at6025)).toBeLessThan(-3);
    expect(light.whz).toBe(r2(zRestricted(4, at6025)));
    expect(light.whz).not.toBe(r2(z(4, at6025)));
    expect(light.categories.weightForHeight).toBe('gizi_buruk');
  });

  it('does not restrict length-for-age, whose distribution is normal (L = 1)', () => {
    const lhfa = row('lhfa_daily.csv', 2, '1,0,day,1,49.8842,0.03795,L');
    const r = assessGrowth({ sex: 1, ageDays: 0, heightCm: 42 });
    expect(r.haz).toBe(r2((42 / lhfa.M - 1) / lhfa.S));
    expect(r.haz).toBe(-4.16);
    expect(r.categories.heightForAge).toBe('sangat_pendek');
  });

  it('gives no weight-based z-score with oedema, but still the length-for-age', () => {
    const r = assessGrowth({
      sex: 1,
      ageDays: 730,
      heightCm: 85,
      weightKg: 11,
      position: 'lying',
      oedema: true,
    });
    expect(r.waz).toBeNull();
    expect(r.whz).toBeNull();
    expect(r.haz).not.toBeNull();
    expect(r.categories.weightForAge).toBeNull();
    expect(r.categories.weightForHeight).toBeNull();
  });

  it('gives no weight-for-length/height outside the table, after the correction', () => {
    const short = assessGrowth({ sex: 1, ageDays: 500, heightCm: 44.9, weightKg: 3, position: 'lying' });
    expect(short.whz).toBeNull();
    expect(short.flags).toContain('height_out_of_table');
    expect(short.haz).not.toBeNull();
    // 65.5 cm lying at 800 days is 64.8 cm standing: below wfh's 65 cm though wfl would have it.
    const corrected = assessGrowth({ sex: 1, ageDays: 800, heightCm: 65.5, weightKg: 7, position: 'lying' });
    expect(corrected.correctedHeightCm).toBe(64.8);
    expect(corrected.whz).toBeNull();
    expect(corrected.flags).toContain('height_out_of_table');
    const tall = assessGrowth({ sex: 2, ageDays: 1500, heightCm: 120.1, weightKg: 25, position: 'standing' });
    expect(tall.whz).toBeNull();
    expect(tall.flags).toContain('height_out_of_table');
    const top = assessGrowth({ sex: 2, ageDays: 1500, heightCm: 120, weightKg: 25, position: 'standing' });
    expect(top.whz).toBe(r2(z(25, row('wfh.csv', 1103, '2,120,cm,-0.3833,22.8173,0.09828,H'))));
  });

  it('scores ages 0 to 1,856 days only', () => {
    const last = assessGrowth({ sex: 2, ageDays: 1856, heightCm: 110 });
    expect(last.haz).toBe(r2(z(110, row('lhfa_daily.csv', 3715, '2,1856,day,1,109.9352,0.04358,H'))));
    for (const ageDays of [1857, -1, 12.5]) {
      const r = assessGrowth({ sex: 2, ageDays, heightCm: 110, weightKg: 18 });
      expect(r).toMatchObject({ haz: null, waz: null, whz: null, flags: ['age_out_of_range'] });
    }
  });

  it('warns when a child under 9 months was measured standing, and still corrects by 0.7 cm', () => {
    const under = assessGrowth({ sex: 1, ageDays: 273, heightCm: 60, position: 'standing' });
    expect(under.flags).toContain('standing_under_9_months');
    expect(under.correctedHeightCm).toBe(60.7);
    const nine = assessGrowth({ sex: 1, ageDays: 274, heightCm: 60, position: 'standing' });
    expect(nine.flags).not.toContain('standing_under_9_months');
  });

  it('agrees with the WHO anthro package test values', () => {
    // anthro tests/testthat/test-zscores.R: 987 days lying 72.86 cm → zlen −6.09, flagged.
    const a = assessGrowth({ sex: 1, ageDays: 987, heightCm: 72.86, position: 'lying' });
    expect(a.haz).toBe(-6.09);
    expect(a.flags).toContain('haz_implausible');
    // 9 months (274 days) standing 60 cm → clenhei 60.7, zlen −5.02.
    const b = assessGrowth({ sex: 1, ageDays: 274, heightCm: 60, position: 'standing' });
    expect(b.haz).toBe(-5.02);
    // Girl 24 months (731 days) standing 77.5 cm → zlen −2.55.
    expect(assessGrowth({ sex: 2, ageDays: 731, heightCm: 77.5, position: 'standing' }).haz).toBe(-2.55);
  });

  it('flags implausible weight-based z-scores but keeps them', () => {
    const r = assessGrowth({ sex: 1, ageDays: 730, heightCm: 85, weightKg: 30, position: 'lying' });
    expect(r.waz).toBeGreaterThan(5);
    expect(r.whz).toBeGreaterThan(5);
    expect(r.flags).toEqual(expect.arrayContaining(['waz_implausible', 'whz_implausible']));
  });

  it('leaves out what was not measured', () => {
    const r = assessGrowth({ sex: 2, ageDays: 300, weightKg: null, heightCm: null });
    expect(r).toMatchObject({ haz: null, waz: null, whz: null, correctedHeightCm: null, flags: [] });
  });
});

describe('Permenkes 2/2020 categories at their boundaries', () => {
  it('TB/U: < −3 sangat pendek, −3 to < −2 pendek, −2 to +3 normal, > +3 tinggi', () => {
    expect([-3.01, -3, -2.01, -2, 3, 3.01].map(heightForAgeCategory)).toEqual([
      'sangat_pendek',
      'pendek',
      'pendek',
      'normal',
      'normal',
      'tinggi',
    ]);
  });
  it('BB/U: < −3 sangat kurang, −3 to < −2 kurang, −2 to +1 normal, > +1 risiko lebih', () => {
    expect([-3.01, -3, -2.01, -2, 1, 1.01].map(weightForAgeCategory)).toEqual([
      'sangat_kurang',
      'kurang',
      'kurang',
      'normal',
      'normal',
      'risiko_lebih',
    ]);
  });
  it('BB/PB and BB/TB: gizi buruk, kurang, baik, berisiko lebih, lebih, obesitas', () => {
    expect([-3.01, -3, -2.01, -2, 1, 1.01, 2, 2.01, 3, 3.01].map(weightForHeightCategory)).toEqual([
      'gizi_buruk',
      'gizi_kurang',
      'gizi_kurang',
      'gizi_baik',
      'gizi_baik',
      'berisiko_gizi_lebih',
      'berisiko_gizi_lebih',
      'gizi_lebih',
      'gizi_lebih',
      'obesitas',
    ]);
  });
});

describe('ageInDays', () => {
  it('counts whole days between ISO dates, across leap days', () => {
    expect(ageInDays('2024-02-29', '2025-02-28')).toBe(365);
    expect(ageInDays('2023-01-01', '2025-01-01')).toBe(731);
    expect(ageInDays('2025-01-02', '2025-01-01')).toBe(-1);
  });
  it('refuses a date that does not exist', () => {
    expect(() => ageInDays('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => ageInDays('2025-1-1', '2025-03-01')).toThrow(RangeError);
  });
});
