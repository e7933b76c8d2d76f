import { describe, expect, it } from 'vitest';
import { ageBand, bandLabel, buildStats } from './stats.ts';

describe('statistics', () => {
  it('puts ages into 5-year bands with 75+ as the last', () => {
    expect(ageBand(2026, 2026)).toBe(0);
    expect(ageBand(2021, 2026)).toBe(1);
    expect(ageBand(1900, 2026)).toBe(15);
    expect(bandLabel(15)).toBe('75+');
  });

  it('sums rollup rows into the pyramid, categories, families and heads of family by sex', () => {
    const s = buildStats('36.04', 2026, [
      { dimension: 'lahir', sex: 1, bucket: 2024, n: 3 },
      { dimension: 'lahir', sex: 2, bucket: 1990, n: 4 },
      { dimension: 'agama', sex: 1, bucket: 1, n: 3 },
      { dimension: 'agama', sex: 2, bucket: 1, n: 4 },
      { dimension: 'hubungan', sex: 2, bucket: 1, n: 1 },
      { dimension: 'keluarga', sex: 0, bucket: 0, n: 2 },
    ]);
    expect(s.total).toBe(7);
    expect(s.pyramid[0]).toEqual({ band: '0–4', male: 3, female: 0 });
    expect(s.pyramid[7]).toEqual({ band: '35–39', male: 0, female: 4 });
    expect(s.religion).toEqual([{ code: 1, label: 'ISLAM', male: 3, female: 4, total: 7 }]);
    expect(s.families).toBe(2);
    expect(s.headsFemale).toBe(1);
  });
});
