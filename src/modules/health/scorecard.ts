import { audit } from '../../platform/audit/service.ts';
import { assertMayReadFigures, scopeLevel } from '../../platform/auth/policy.ts';
import { actorId } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { jakartaYearMonth } from '../../platform/time.ts';
import { getVillage, type Village } from '../regions/service.ts';
import { addMonths, lastDay, percent } from './figures.ts';
import { mayKeepPosyandu } from './policy.ts';
import * as repo from './scorecard-repo.ts';
import './figures-messages.ts';

/**
 * The village convergence scorecard (scorecard konvergensi desa): the 19 indicators villages report
 * each quarter for stunting convergence — 8 for pregnant women, 10 for children 0–23 months and 1
 * for PAUD — worded as the Kemendagri/KemenPPN village convergence report (Laporan Konvergensi
 * Pencegahan Stunting Tingkat Desa, tabel 3) and OpenSID's "Scorecard Konvergensi Desa" list them.
 * Where the registry holds the data the indicator is counted from it; the rest the village enters.
 */

export type Target = 'pregnant' | 'kek' | 'children' | 'atRisk' | 'infants' | 'paud';

export interface IndicatorDefinition {
  code: string;
  group: 'ibu_hamil' | 'anak' | 'paud';
  /** counted from the registry, or entered by the village */
  source: 'registry' | 'entered';
  /** who the indicator counts among (its denominator) */
  target: Target;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  { code: 'ih_periksa4', group: 'ibu_hamil', source: 'registry', target: 'pregnant' },
  { code: 'ih_ttd90', group: 'ibu_hamil', source: 'registry', target: 'pregnant' },
  { code: 'ih_nifas', group: 'ibu_hamil', source: 'entered', target: 'pregnant' },
  { code: 'ih_konseling', group: 'ibu_hamil', source: 'entered', target: 'pregnant' },
  { code: 'ih_kunjungan', group: 'ibu_hamil', source: 'entered', target: 'kek' },
  { code: 'ih_air', group: 'ibu_hamil', source: 'entered', target: 'pregnant' },
  { code: 'ih_jamban', group: 'ibu_hamil', source: 'entered', target: 'pregnant' },
  { code: 'ih_jkn', group: 'ibu_hamil', source: 'entered', target: 'pregnant' },
  { code: 'anak_imunisasi', group: 'anak', source: 'registry', target: 'infants' },
  { code: 'anak_timbang', group: 'anak', source: 'registry', target: 'children' },
  { code: 'anak_ukur', group: 'anak', source: 'registry', target: 'children' },
  { code: 'anak_konseling', group: 'anak', source: 'entered', target: 'children' },
  { code: 'anak_kunjungan', group: 'anak', source: 'entered', target: 'atRisk' },
  { code: 'anak_air', group: 'anak', source: 'entered', target: 'children' },
  { code: 'anak_jamban', group: 'anak', source: 'entered', target: 'children' },
  { code: 'anak_akta', group: 'anak', source: 'entered', target: 'children' },
  { code: 'anak_jkn', group: 'anak', source: 'entered', target: 'children' },
  { code: 'anak_pengasuhan', group: 'anak', source: 'entered', target: 'children' },
  { code: 'paud', group: 'paud', source: 'entered', target: 'paud' },
];

export const ENTERED = INDICATORS.filter((i) => i.source === 'entered');

/** Imunisasi dasar lengkap (Permenkes 12/2017): HB0, BCG, polio 1–4, DPT-HB-Hib 1–3, campak/MR. */
export const BASIC_IMMUNISATIONS = [
  'HB0',
  'BCG',
  'POLIO1',
  'POLIO2',
  'POLIO3',
  'POLIO4',
  'DPT1',
  'DPT2',
  'DPT3',
  'CAMPAK',
] as const;

export interface Quarter {
  year: number;
  quarter: number;
}

const QUARTER = /^(\d{4})-([1-4])$/;

export function currentQuarter(ctx: Ctx): Quarter {
  const { year, month } = jakartaYearMonth(ctx.clock.now());
  return { year, quarter: Math.ceil(month / 3) };
}

/** `triwulan=2026-3`, or this quarter; Invalid otherwise. */
export function parseQuarter(ctx: Ctx, raw: string | undefined): Quarter {
  if (raw === undefined || raw === '') return currentQuarter(ctx);
  const match = QUARTER.exec(raw);
  if (!match || Number(match[1]) < 2000 || Number(match[1]) > 2100)
    throw new Invalid({ triwulan: t('health.scorecard.badQuarter') }, t('health.scorecard.badQuarter'));
  return { year: Number(match[1]), quarter: Number(match[2]) };
}

export function quarterKey(q: Quarter): string {
  return `${q.year}-${q.quarter}`;
}

export function quarterSpan(q: Quarter): repo.QuarterSpan {
  const firstMonth = `${q.year}-${String(q.quarter * 3 - 2).padStart(2, '0')}`;
  const lastMonth = addMonths(firstMonth, 2);
  return { start: `${firstMonth}-01`, end: lastDay(lastMonth), yearStart: `${addMonths(lastMonth, -11)}-01` };
}

export interface ScorecardLine {
  code: string;
  group: IndicatorDefinition['group'];
  source: IndicatorDefinition['source'];
  /** null: an entered indicator the village has not reported for the quarter */
  achieved: number | null;
  target: number;
  percent: number | null;
}

export interface Scorecard {
  village: Village;
  quarter: Quarter;
  lines: ScorecardLine[];
  /** tingkat konvergensi: services received over services due, per group and in all */
  convergence: Record<
    'ibu_hamil' | 'anak' | 'total',
    { received: number; due: number; percent: number | null }
  >;
  targets: Record<Target, number>;
  mayKeep: boolean;
}

/** One village's scorecard for a quarter: figures only, so `view_figures` on the village. */
export async function scorecard(ctx: Ctx, input: { village: string; quarter?: string }): Promise<Scorecard> {
  // a camat or Dinkes opens the page without a village: ask for one rather than "not found"
  if (scopeLevel(input.village) !== 'village')
    throw new Invalid({ desa: t('health.scorecard.pickVillage') }, t('health.scorecard.pickVillage'));
  const village = await getVillage(ctx, input.village);
  assertMayReadFigures(ctx.actor, village.code, t('health.figures.outOfScope'));
  const quarter = parseQuarter(ctx, input.quarter);
  const span = quarterSpan(quarter);
  const [pregnancies, children, entered] = await Promise.all([
    repo.pregnancyCounts(ctx.db, village.code, span),
    repo.childCounts(ctx.db, village.code, span, BASIC_IMMUNISATIONS),
    repo.entries(ctx.db, village.code, quarter.year, quarter.quarter),
  ]);
  const byCode = new Map(entered.map((e) => [e.indicator, e]));
  const paudTarget = byCode.get('paud')?.target ?? 0;
  const targets: Record<Target, number> = {
    pregnant: pregnancies.pregnant,
    kek: pregnancies.kek,
    children: children.children,
    atRisk: children.atRisk,
    infants: children.infants,
    paud: paudTarget,
  };
  const counted: Record<string, number> = {
    ih_periksa4: pregnancies.fourChecks,
    ih_ttd90: pregnancies.iron90,
    anak_imunisasi: children.immunised,
    anak_timbang: children.weighedMonthly,
    anak_ukur: children.heightTwice,
  };
  const lines = INDICATORS.map((def): ScorecardLine => {
    const achieved =
      def.source === 'registry' ? (counted[def.code] ?? 0) : (byCode.get(def.code)?.achieved ?? null);
    const target = targets[def.target];
    return {
      code: def.code,
      group: def.group,
      source: def.source,
      achieved,
      target,
      percent: achieved === null ? null : percent(achieved, target),
    };
  });
  const sum = (group?: 'ibu_hamil' | 'anak') => {
    const chosen = lines.filter((l) => (group ? l.group === group : l.group !== 'paud'));
    const received = chosen.reduce((n, l) => n + (l.achieved ?? 0), 0);
    const due = chosen.reduce((n, l) => n + l.target, 0);
    return { received, due, percent: percent(received, due) };
  };
  return {
    village,
    quarter,
    lines,
    convergence: { ibu_hamil: sum('ibu_hamil'), anak: sum('anak'), total: sum() },
    targets,
    // the village office keeps its posyandu, and so reports its scorecard
    mayKeep: mayKeepPosyandu(ctx.actor, village.code),
  };
}

/** The form's field of an entered indicator, and PAUD's target field. */
export function fieldOf(code: string): string {
  return `n_${code}`;
}
export const PAUD_TARGET_FIELD = 'target_paud';

function wholeNumber(raw: string): number | null {
  const value = raw.trim();
  if (!/^\d{1,7}$/.test(value)) return null;
  return Number(value);
}

/**
 * Saves what the village reports for the quarter. A field left empty withdraws that indicator's
 * report; a number above its target (the registry's count, or PAUD's entered target) is refused,
 * field by field.
 */
export async function saveScorecard(
  ctx: Ctx,
  input: { village: string; quarter: string; fields: Record<string, string | undefined> },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveScorecard(tx, input));
  const village = await getVillage(ctx, input.village);
  if (!mayKeepPosyandu(ctx.actor, village.code)) throw new Forbidden(t('health.scorecard.notYourVillage'));
  const quarter = parseQuarter(ctx, input.quarter);
  const current = await scorecard(ctx, { village: village.code, quarter: quarterKey(quarter) });
  const errors: Record<string, string> = {};
  const rawTarget = (input.fields[PAUD_TARGET_FIELD] ?? '').trim();
  const paudTarget = rawTarget === '' ? null : wholeNumber(rawTarget);
  if (rawTarget !== '' && paudTarget === null) errors[PAUD_TARGET_FIELD] = t('health.scorecard.notANumber');
  const save: Parameters<typeof repo.saveEntries>[1] = [];
  const remove: string[] = [];
  for (const def of ENTERED) {
    const field = fieldOf(def.code);
    const raw = (input.fields[field] ?? '').trim();
    if (raw === '') {
      remove.push(def.code);
      continue;
    }
    const achieved = wholeNumber(raw);
    if (achieved === null) {
      errors[field] = t('health.scorecard.notANumber');
      continue;
    }
    const target = def.target === 'paud' ? paudTarget : current.targets[def.target];
    if (def.target === 'paud' && target === null) {
      errors[PAUD_TARGET_FIELD] = t('health.scorecard.paudTargetMissing');
      continue;
    }
    if (target !== null && achieved > target) {
      errors[field] = t('health.scorecard.aboveTarget', { target: String(target) });
      continue;
    }
    save.push({
      village_code: village.code,
      year: quarter.year,
      quarter: quarter.quarter,
      indicator: def.code,
      achieved,
      target: def.target === 'paud' ? target : null,
      entered_by: actorId(ctx.actor),
    });
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors, t('health.scorecard.fixErrors'));
  await repo.saveEntries(ctx.db, save, ctx.clock.now());
  await repo.removeEntries(ctx.db, village.code, quarter.year, quarter.quarter, remove);
  await audit(ctx, {
    action: 'health_scorecard_save',
    entity: 'health_scorecard',
    entityId: `${village.code} ${quarterKey(quarter)}`,
    villageCode: village.code,
    detail: { reported: save.length, withdrawn: remove.length },
  });
}
