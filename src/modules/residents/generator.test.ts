import { describe, expect, it } from 'vitest';
import { generateResidents, villagesOf } from './generator.ts';
import { checkFamilyNumber, checkNik } from './nik.ts';

const villages = villagesOf('36.04', ['36.04.05.2001', '36.04.16.2001']);

describe('synthetic residents', () => {
  it('gives valid, unique NIKs whose date and sex digits agree with the record, and valid KK numbers', () => {
    const rows = [...generateResidents({ count: 3000, villages, seed: 5, today: '2026-11-22' })];
    expect(rows).toHaveLength(3000);
    expect(new Set(rows.map((r) => r.nik)).size).toBe(3000);
    for (const r of rows) {
      expect(checkNik(r.nik, r.birthDate, r.sex)).toEqual({});
      expect(checkFamilyNumber(r.familyNumber)).toEqual({});
    }
  });

  it('spreads people over the villages and keeps mothers at least 18 years older than their children', () => {
    const rows = [...generateResidents({ count: 2000, villages, seed: 6, today: '2026-11-22' })];
    expect(rows.filter((r) => r.villageCode === '36.04.16.2001')).toHaveLength(1000);
    const byFamily = new Map<string, typeof rows>();
    for (const r of rows) byFamily.set(r.familyNumber, [...(byFamily.get(r.familyNumber) ?? []), r]);
    for (const members of byFamily.values()) {
      const wife = members.find((m) => m.familyRelationCode === 3);
      for (const child of members.filter((m) => m.familyRelationCode === 4))
        if (wife)
          expect(
            Number(child.birthDate.slice(0, 4)) - Number(wife.birthDate.slice(0, 4)),
          ).toBeGreaterThanOrEqual(18);
      expect(members.filter((m) => m.familyRelationCode === 1).length).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same rows for the same seed and different rows for another', () => {
    const a = [...generateResidents({ count: 50, villages, seed: 9, today: '2026-11-22' })];
    const b = [...generateResidents({ count: 50, villages, seed: 9, today: '2026-11-22' })];
    const c = [...generateResidents({ count: 50, villages, seed: 10, today: '2026-11-22' })];
    expect(b).toEqual(a);
    expect(c.map((r) => r.name)).not.toEqual(a.map((r) => r.name));
  });
});
