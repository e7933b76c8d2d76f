/**
 * The KMS weight-gain judgement: N (naik) when the gain since the last weighing reaches the
 * minimum monthly gain (KBM, kenaikan berat badan minimal) for the child's age, T (tidak naik)
 * otherwise, B (baru) when there is nothing to compare with. Table in reference/who-growth/kbm.csv.
 */
import { DAYS_PER_MONTH, type Sex } from './assess.ts';
import { referenceLines } from './tables.ts';

export type WeightGain = 'naik' | 'tidak_naik' | 'baru';

/** A previous weighing further back than this many months is no basis for N/T (the card says B). */
export const MAX_GAP_MONTHS = 2;

let kbmByMonth: number[] | null = null;

/** KBM in grams by completed month of age 1–60, read once from kbm.csv. */
function kbmTable(): number[] {
  if (kbmByMonth) return kbmByMonth;
  const table: number[] = [];
  for (const line of referenceLines('kbm.csv').slice(1)) {
    const [from, to, grams] = line.split(',').map(Number);
    if (!Number.isInteger(from) || !Number.isInteger(to) || !Number.isInteger(grams))
      throw new Error(`reference/who-growth/kbm.csv: bad row ${line}`);
    for (let m = from as number; m <= (to as number); m++) table[m] = grams as number;
  }
  for (let m = 1; m <= 60; m++)
    if (table[m] === undefined) throw new Error(`reference/who-growth/kbm.csv: no row for month ${m}`);
  kbmByMonth = table;
  return table;
}

/**
 * KBM in grams for the month that ends at `months` completed months of age. Month 0 (a weighing
 * within the first month) uses month 1's gain, and beyond 60 months the last row (the card ends
 * at 60 months with the same 200 g).
 */
export function kbmGrams(months: number): number {
  const table = kbmTable();
  return table[Math.min(60, Math.max(1, Math.floor(months)))] as number;
}

/**
 * The weighings are compared over the whole months between them: ≈1 month (up to 1.5) needs the
 * KBM of the current month; ≈2 months (1.5 to 2.5, one session missed) needs the KBMs of both
 * months added up; further apart, or a previous weighing not before this one, is `baru`.
 * The KBM is the same for girls and boys on the card; `sex` is part of the contract for callers.
 */
export function judgeWeightGain(input: {
  sex: Sex;
  previous: { ageDays: number; weightKg: number } | null;
  current: { ageDays: number; weightKg: number };
}): WeightGain {
  const { previous, current } = input;
  const weighed = (w: { weightKg: number } | null): w is { weightKg: number } =>
    w !== null && Number.isFinite(w.weightKg) && w.weightKg > 0;
  if (!weighed(previous) || !weighed(current)) return 'baru';
  const gapDays = current.ageDays - previous.ageDays;
  if (gapDays <= 0) return 'baru';
  const months = Math.max(1, Math.round(gapDays / DAYS_PER_MONTH));
  if (months > MAX_GAP_MONTHS) return 'baru';
  const ageMonths = Math.floor(current.ageDays / DAYS_PER_MONTH);
  let needed = 0;
  for (let i = 0; i < months; i++) needed += kbmGrams(ageMonths - i);
  const gained = Math.round((current.weightKg - previous.weightKg) * 1000);
  return gained >= needed ? 'naik' : 'tidak_naik';
}

/** 2T: the last two judgements (most recent last) are both "tidak naik". */
export function isTwoT(judgements: readonly WeightGain[]): boolean {
  const n = judgements.length;
  return n >= 2 && judgements[n - 1] === 'tidak_naik' && judgements[n - 2] === 'tidak_naik';
}
