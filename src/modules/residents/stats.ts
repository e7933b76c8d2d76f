import { type CodeList, codeList } from './codes.ts';
import type { StatRow } from './repo.ts';

export interface CategoryCount {
  code: number;
  label: string;
  male: number;
  female: number;
  total: number;
}

export interface PopulationStats {
  regionCode: string;
  /** the calendar year ages are counted in */
  year: number;
  total: number;
  male: number;
  female: number;
  families: number;
  headsMale: number;
  headsFemale: number;
  pyramid: Array<{ band: string; male: number; female: number }>;
  religion: CategoryCount[];
  education: CategoryCount[];
  occupation: CategoryCount[];
  marital: CategoryCount[];
}

export const AGE_BANDS = 16;

export function bandLabel(band: number): string {
  return band >= AGE_BANDS - 1 ? `${(AGE_BANDS - 1) * 5}+` : `${band * 5}–${band * 5 + 4}`;
}

/**
 * Age band of someone born in `birthYear`, by the age they reach in `year` (age at 31 December):
 * the rollup keeps counts per birth year, which stays exact without a nightly recount.
 */
export function ageBand(birthYear: number, year: number): number {
  const age = Math.max(0, year - birthYear);
  return Math.min(AGE_BANDS - 1, Math.floor(age / 5));
}

function categories(rows: StatRow[], dimension: string, list: CodeList): CategoryCount[] {
  const byCode = new Map<number, CategoryCount>();
  for (const r of rows) {
    if (r.dimension !== dimension) continue;
    let c = byCode.get(r.bucket);
    if (!c) {
      const label =
        r.bucket === 0
          ? '(belum diisi)'
          : (codeList(list).find((e) => e.code === r.bucket)?.label ?? String(r.bucket));
      c = { code: r.bucket, label, male: 0, female: 0, total: 0 };
      byCode.set(r.bucket, c);
    }
    if (r.sex === 1) c.male += r.n;
    else c.female += r.n;
    c.total += r.n;
  }
  return [...byCode.values()].sort((a, b) => (a.code === 0 ? 1 : b.code === 0 ? -1 : a.code - b.code));
}

/** Turns rollup rows (summed over a region) into the figures the statistics page shows. */
export function buildStats(regionCode: string, year: number, rows: StatRow[]): PopulationStats {
  const pyramid = Array.from({ length: AGE_BANDS }, (_, band) => ({
    band: bandLabel(band),
    male: 0,
    female: 0,
  }));
  let male = 0;
  let female = 0;
  let families = 0;
  let headsMale = 0;
  let headsFemale = 0;
  for (const r of rows) {
    if (r.dimension === 'lahir') {
      const slot = pyramid[ageBand(r.bucket, year)]!;
      if (r.sex === 1) {
        slot.male += r.n;
        male += r.n;
      } else {
        slot.female += r.n;
        female += r.n;
      }
    } else if (r.dimension === 'keluarga') families += r.n;
    else if (r.dimension === 'hubungan' && r.bucket === 1) {
      if (r.sex === 1) headsMale += r.n;
      else headsFemale += r.n;
    }
  }
  return {
    regionCode,
    year,
    total: male + female,
    male,
    female,
    families,
    headsMale,
    headsFemale,
    pyramid,
    religion: categories(rows, 'agama', 'agama'),
    education: categories(rows, 'pendidikan', 'pendidikan'),
    occupation: categories(rows, 'pekerjaan', 'pekerjaan'),
    marital: categories(rows, 'status_kawin', 'status_kawin'),
  };
}
