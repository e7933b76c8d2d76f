import { t } from '../../platform/i18n/index.ts';
import {
  assessGrowth,
  type GrowthResult,
  isTwoT,
  judgeWeightGain,
  type Position,
  type Sex,
  type WeightGain,
} from './growth/index.ts';

/**
 * One measurement as typed (a session row or a sheet row), checked and judged: the WHO z-scores and
 * categories, the KMS weight-gain judgement, and whether a value looks wrong enough that a person
 * must confirm it before it is stored.
 */
export interface MeasurementInput {
  weightKg: number | null;
  heightCm: number | null;
  position: Position | null;
  headCm: number | null;
  armCm: number | null;
  oedema: boolean;
  vitaminA: boolean;
  exclusiveBreastfeeding: boolean | null;
  immunisations: string[];
}

export interface Previous {
  measuredOn: string;
  measuredMonth: string;
  ageDays: number;
  weightKg: number | null;
  heightCm: number | null;
  weightGain: WeightGain | null;
}

export interface Judged {
  growth: GrowthResult;
  weightGain: WeightGain | null;
  twoT: boolean;
  /** growth flags and our own checks against the previous visit */
  flags: string[];
}

/** A child loses or gains more than this share of their weight in a month only when a value is mistyped. */
const MAX_WEIGHT_CHANGE_PER_MONTH = 0.25;
/** …or this much, whichever is more (a newborn's first months) */
const MIN_WEIGHT_CHANGE_BOUND_KG = 1.5;
/** a child does not shrink: more than the lying/standing difference and a reading error is a mistake */
const MAX_HEIGHT_LOSS_CM = 1.5;
/** the fastest growth (newborns) is about 4 cm a month */
const MAX_HEIGHT_GAIN_PER_MONTH_CM = 6;

/** "6,1", "6.1", " 6 " → 6.1 / 6; '' → null; anything else → NaN (the caller says what is wrong). */
export function parseDecimal(raw: string | null | undefined): number | null {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  if (!/^\d{1,3}([.,]\d{1,2})?$/.test(text)) return Number.NaN;
  return Number(text.replace(',', '.'));
}

/** The message for a decimal field outside [min, max] or not a number; null when it is fine. */
export function decimalProblem(value: number | null, min: number, max: number): string | null {
  if (value === null) return null;
  if (Number.isNaN(value)) return t('health.error.notANumber');
  if (value < min || value > max) return t('health.error.outOfRange', { min, max });
  return null;
}

export function defaultPosition(ageDays: number): Position {
  return ageDays < 731 ? 'lying' : 'standing';
}

function changeFlags(input: MeasurementInput, ageDays: number, previous: Previous | null): string[] {
  if (!previous) return [];
  const months = Math.max(1, (ageDays - previous.ageDays) / 30.4375);
  const flags: string[] = [];
  if (input.weightKg !== null && previous.weightKg !== null) {
    const bound =
      Math.max(MIN_WEIGHT_CHANGE_BOUND_KG, previous.weightKg * MAX_WEIGHT_CHANGE_PER_MONTH) * months;
    if (Math.abs(input.weightKg - previous.weightKg) > bound) flags.push('weight_jump');
  }
  if (input.heightCm !== null && previous.heightCm !== null) {
    const change = input.heightCm - previous.heightCm;
    if (change < -MAX_HEIGHT_LOSS_CM) flags.push('height_loss');
    if (change > MAX_HEIGHT_GAIN_PER_MONTH_CM * months) flags.push('height_jump');
  }
  return flags;
}

/** The month before 'YYYY-MM-01'. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 2, 1));
  return date.toISOString().slice(0, 10);
}

export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function judge(
  child: { sex: Sex },
  ageDays: number,
  input: MeasurementInput,
  previous: Previous | null,
  month: string,
): Judged {
  const growth = assessGrowth({
    sex: child.sex,
    ageDays,
    weightKg: input.weightKg,
    heightCm: input.heightCm,
    position: input.position,
    oedema: input.oedema,
  });
  const { weightGain, twoT } = gainOf(child.sex, ageDays, input.weightKg, previous, month);
  return { growth, weightGain, twoT, flags: [...growth.flags, ...changeFlags(input, ageDays, previous)] };
}

/** Flags that mean "look again" (age_out_of_range is the sheet's problem, said elsewhere). */
export function needsConfirmation(flags: string[]): boolean {
  return flags.some((f) => f !== 'age_out_of_range');
}

const OWN_FLAGS = new Set(['weight_jump', 'height_loss', 'height_jump']);

export function flagText(flags: string[]): string {
  return flags.map((f) => t(OWN_FLAGS.has(f) ? `health.flag.${f}` : `health.growth.flag.${f}`)).join('; ');
}

/** The KMS judgement of a month's weight against the previous visit, and 2T with last month's. */
export function gainOf(
  sex: Sex,
  ageDays: number,
  weightKg: number | null,
  previous: Previous | null,
  month: string,
): { weightGain: WeightGain | null; twoT: boolean } {
  if (weightKg === null) return { weightGain: null, twoT: false };
  const weightGain = judgeWeightGain({
    sex,
    previous:
      previous && previous.weightKg !== null
        ? { ageDays: previous.ageDays, weightKg: previous.weightKg }
        : null,
    current: { ageDays, weightKg },
  });
  const lastMonth = previous && previous.measuredMonth === previousMonth(month) ? previous.weightGain : null;
  return { weightGain, twoT: lastMonth !== null && isTwoT([lastMonth, weightGain]) };
}
