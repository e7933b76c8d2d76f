/**
 * WHO Child Growth Standards z-scores (LMS, daily tables at the exact age in days) and their
 * Permenkes 2/2020 categories. Pure: no clock, no database; the tables are read once.
 */
import { growthTables, type Lms, lmsAtLength, rowAt, type Sex } from './tables.ts';

export type { Sex } from './tables.ts';
export type Position = 'lying' | 'standing';

export interface GrowthInput {
  sex: Sex;
  ageDays: number;
  weightKg?: number | null;
  heightCm?: number | null;
  position?: Position | null;
  oedema?: boolean;
}

export type HeightForAge = 'sangat_pendek' | 'pendek' | 'normal' | 'tinggi';
export type WeightForAge = 'sangat_kurang' | 'kurang' | 'normal' | 'risiko_lebih';
export type WeightForHeight =
  | 'gizi_buruk'
  | 'gizi_kurang'
  | 'gizi_baik'
  | 'berisiko_gizi_lebih'
  | 'gizi_lebih'
  | 'obesitas';

export type GrowthFlag =
  | 'haz_implausible'
  | 'waz_implausible'
  | 'whz_implausible'
  | 'standing_under_9_months'
  | 'age_out_of_range'
  | 'height_out_of_table';

export interface GrowthResult {
  haz: number | null;
  waz: number | null;
  whz: number | null;
  correctedHeightCm: number | null;
  categories: {
    heightForAge: HeightForAge | null;
    weightForAge: WeightForAge | null;
    weightForHeight: WeightForHeight | null;
  };
  flags: GrowthFlag[];
}

/**
 * The oldest age given a z-score: 1856 days, the last row of the WHO daily tables (igrowup). A
 * child of "60 bulan" in Permenkes' completed months is 1826–1856 days old, and Permenkes' tables
 * include month 60, so stopping at anthro's 1826 would refuse children the regulation covers.
 */
export const MAX_AGE_DAYS = 1856;
/** From this age the WHO uses height (standing) tables; below it length (lying). */
export const HEIGHT_FROM_DAYS = 731;
/** Lying/standing difference the WHO and Permenkes apply, in cm. */
export const POSITION_CORRECTION_CM = 0.7;
/** anthro's ANTHRO_DAYS_OF_MONTH: the WHO's average month. */
export const DAYS_PER_MONTH = 30.4375;

/** Whole days from birth to measurement (ISO dates, YYYY-MM-DD); negative if measured before birth. */
export function ageInDays(birthDate: string, measuredOn: string): number {
  return Math.round((isoDay(measuredOn) - isoDay(birthDate)) / 86_400_000);
}

function isoDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  const back = Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 10);
  if (back !== date) throw new RangeError(`not an ISO date: ${date}`);
  return ms;
}

/** LMS z-score. */
export function lmsZ(y: number, { L, M, S }: Lms): number {
  return L === 0 ? Math.log(y / M) / S : ((y / M) ** L - 1) / (L * S);
}

/** The measurement at z = k SD. */
export function lmsValue(k: number, { L, M, S }: Lms): number {
  return L === 0 ? M * Math.exp(S * k) : M * (1 + L * S * k) ** (1 / L);
}

/** The WHO's restricted z for weight-based indices: beyond ±3 SD, distance in units of the 2–3 SD gap. */
export function restrictedZ(y: number, lms: Lms): number {
  const z = lmsZ(y, lms);
  if (z > 3) {
    const sd3 = lmsValue(3, lms);
    return 3 + (y - sd3) / (sd3 - lmsValue(2, lms));
  }
  if (z < -3) {
    const sd3neg = lmsValue(-3, lms);
    return -3 + (y - sd3neg) / (lmsValue(-2, lms) - sd3neg);
  }
  return z;
}

/** Two decimals, half away from zero (the WHO prints z to 2 decimals). */
export function round2(z: number): number {
  return (Math.sign(z) * Math.round(Math.abs(z) * 100)) / 100;
}

// Permenkes 2/2020 cut-offs on the rounded z, boundaries as the regulation writes them:
// "−3 SD sd < −2 SD" is −3 ≤ z < −2, "−2 SD sd +1 SD" is −2 ≤ z ≤ +1, "> +1 SD sd +2 SD" is +1 < z ≤ +2.
export function heightForAgeCategory(z: number): HeightForAge {
  if (z < -3) return 'sangat_pendek';
  if (z < -2) return 'pendek';
  if (z <= 3) return 'normal';
  return 'tinggi';
}

export function weightForAgeCategory(z: number): WeightForAge {
  if (z < -3) return 'sangat_kurang';
  if (z < -2) return 'kurang';
  if (z <= 1) return 'normal';
  return 'risiko_lebih';
}

export function weightForHeightCategory(z: number): WeightForHeight {
  if (z < -3) return 'gizi_buruk';
  if (z < -2) return 'gizi_kurang';
  if (z <= 1) return 'gizi_baik';
  if (z <= 2) return 'berisiko_gizi_lebih';
  if (z <= 3) return 'gizi_lebih';
  return 'obesitas';
}

const positive = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * Length/height as the tables want it: +0.7 cm for a child under 731 days measured standing,
 * −0.7 cm for one of 731 days or more measured lying; no position means the expected one.
 */
export function correctedLength(ageDays: number, heightCm: number, position?: Position | null): number {
  let cm = heightCm;
  if (position === 'standing' && ageDays < HEIGHT_FROM_DAYS) cm += POSITION_CORRECTION_CM;
  if (position === 'lying' && ageDays >= HEIGHT_FROM_DAYS) cm -= POSITION_CORRECTION_CM;
  return Math.round(cm * 1e9) / 1e9;
}

export function assessGrowth(input: GrowthInput): GrowthResult {
  const { sex, ageDays, position } = input;
  const flags: GrowthFlag[] = [];
  const result: GrowthResult = {
    haz: null,
    waz: null,
    whz: null,
    correctedHeightCm: null,
    categories: { heightForAge: null, weightForAge: null, weightForHeight: null },
    flags,
  };
  if (!Number.isInteger(ageDays) || ageDays < 0 || ageDays > MAX_AGE_DAYS) {
    flags.push('age_out_of_range');
    return result;
  }
  const t = growthTables();
  const weight = positive(input.weightKg) && !input.oedema ? input.weightKg : null;
  const height = positive(input.heightCm) ? input.heightCm : null;
  if (position === 'standing' && ageDays / DAYS_PER_MONTH < 9) flags.push('standing_under_9_months');

  if (height !== null) {
    const cm = correctedLength(ageDays, height, position);
    result.correctedHeightCm = cm;
    const row = rowAt(t.lhfa, sex, ageDays);
    if (row) {
      const haz = round2(lmsZ(cm, row));
      result.haz = haz;
      result.categories.heightForAge = heightForAgeCategory(haz);
      if (haz < -6 || haz > 6) flags.push('haz_implausible');
    }
    const lms = lmsAtLength(ageDays < HEIGHT_FROM_DAYS ? t.wfl : t.wfh, sex, cm);
    if (!lms) flags.push('height_out_of_table');
    else if (weight !== null) {
      const whz = round2(restrictedZ(weight, lms));
      result.whz = whz;
      result.categories.weightForHeight = weightForHeightCategory(whz);
      if (whz < -5 || whz > 5) flags.push('whz_implausible');
    }
  }
  if (weight !== null) {
    const row = rowAt(t.wfa, sex, ageDays);
    if (row) {
      const waz = round2(restrictedZ(weight, row));
      result.waz = waz;
      result.categories.weightForAge = weightForAgeCategory(waz);
      if (waz < -6 || waz > 5) flags.push('waz_implausible');
    }
  }
  return result;
}
