import { assertMayReadFigures, scopeLevel } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { type FigureDefinition, type FigureUnit, homeRegion } from '../../platform/figures/index.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { jakartaYearMonth } from '../../platform/time.ts';
import { listKecamatan, listVillages, regionExists, regionName } from '../regions/service.ts';
import * as repo from './figures-repo.ts';
import './figures-messages.ts';

/** A month as YYYY-MM. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** This month on the Jakarta calendar, as YYYY-MM. */
export function currentMonth(ctx: Ctx): string {
  const { year, month } = jakartaYearMonth(ctx.clock.now());
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** `bulan=YYYY-MM` from a page, or this month; Invalid for anything else. */
export function parseMonth(ctx: Ctx, raw: string | undefined): string {
  if (raw === undefined || raw === '') return currentMonth(ctx);
  if (!MONTH.test(raw))
    throw new Invalid({ bulan: t('health.figures.badMonth') }, t('health.figures.badMonth'));
  return raw;
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

export function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The month `n` months before (negative) or after `month`. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A share in percent with one decimal, null when nobody was counted (not 0 %: nothing is known). */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/**
 * A count as a public page may show it: below 5 children a number could point at a family
 * in a small village, so it is written "< 5" (issue #14 §7). Zero stays 0: it names nobody.
 */
export function publicCount(n: number): string {
  if (n > 0 && n < 5) return '< 5';
  return n.toLocaleString('id-ID');
}

export interface Prevalence {
  count: number;
  assessed: number;
  percent: number | null;
}

export interface RegionSummary {
  registered: number;
  measured: number;
  coverage: number | null;
  stunting: Prevalence;
  wasting: Prevalence;
  underweight: Prevalence;
}

function summarise(registered: number, counts: repo.MonthCounts): RegionSummary {
  return {
    registered,
    measured: counts.measured,
    coverage: percent(counts.measured, registered),
    stunting: {
      count: counts.stunted,
      assessed: counts.hazAssessed,
      percent: percent(counts.stunted, counts.hazAssessed),
    },
    wasting: {
      count: counts.wasted,
      assessed: counts.whzAssessed,
      percent: percent(counts.wasted, counts.whzAssessed),
    },
    underweight: {
      count: counts.underweight,
      assessed: counts.wazAssessed,
      percent: percent(counts.underweight, counts.wazAssessed),
    },
  };
}

/** A region's figures of one month (no policy question: callers ask first). */
export async function regionSummary(ctx: Ctx, region: string, month: string): Promise<RegionSummary> {
  const [registered, counts] = await Promise.all([
    repo.registeredUnderFive(ctx.db, region, lastDay(month)),
    repo.monthCounts(ctx.db, region, firstDay(month)),
  ]);
  return summarise(registered, counts);
}

export interface TrendPoint {
  month: string;
  measured: number;
  stunted: number;
  wasted: number;
  underweight: number;
  stuntingPercent: number | null;
  wastingPercent: number | null;
  underweightPercent: number | null;
}

/** The 12 months up to and including `month`, oldest first; a month without measurements has nulls. */
export async function trend(ctx: Ctx, region: string, month: string, months = 12): Promise<TrendPoint[]> {
  const from = addMonths(month, -(months - 1));
  const rows = await repo.trendCounts(ctx.db, region, firstDay(from), firstDay(month));
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: months }, (_, i) => {
    const m = addMonths(from, i);
    const c = byMonth.get(m);
    return {
      month: m,
      measured: c?.measured ?? 0,
      stunted: c?.stunted ?? 0,
      wasted: c?.wasted ?? 0,
      underweight: c?.underweight ?? 0,
      stuntingPercent: c ? percent(c.stunted, c.hazAssessed) : null,
      wastingPercent: c ? percent(c.wasted, c.whzAssessed) : null,
      underweightPercent: c ? percent(c.underweight, c.wazAssessed) : null,
    };
  });
}

export interface FigureRow extends RegionSummary {
  /** a region code, or a posyandu id on a village's page */
  key: string;
  name: string;
  /** the row's own figures page, when it is a region */
  region: string | null;
}

export interface FiguresPage {
  region: string;
  regionName: string;
  level: 'regency' | 'kecamatan' | 'village';
  month: string;
  summary: RegionSummary;
  /** the kecamatan of the regency, the villages of a kecamatan, the posyandu of a village */
  rows: FigureRow[];
  rowsAre: 'kecamatan' | 'village' | 'posyandu';
  trend: TrendPoint[];
  /** when the counts shown last changed (the rollup's refresh time), null when nothing is counted */
  asOf: Date | null;
}

async function breakdown(
  ctx: Ctx,
  region: string,
  month: string,
  level: 'regency' | 'kecamatan' | 'village',
): Promise<{ rows: FigureRow[]; rowsAre: FiguresPage['rowsAre'] }> {
  const rowsAre = level === 'regency' ? 'kecamatan' : level === 'kecamatan' ? 'village' : 'posyandu';
  const [counts, registered, names] = await Promise.all([
    repo.monthCountsBy(ctx.db, region, firstDay(month), rowsAre),
    repo.registeredUnderFiveBy(ctx.db, region, lastDay(month), rowsAre),
    rowNames(ctx, region, rowsAre),
  ]);
  const byKey = new Map(counts.map((c) => [c.key, c]));
  // every kecamatan / village / posyandu is listed, those nobody measured too (0, not missing)
  const rows = [...names].map(([key, name]) => ({
    key,
    name,
    region: rowsAre === 'posyandu' ? null : key,
    ...summarise(registered.get(key) ?? 0, byKey.get(key) ?? emptyCounts()),
  }));
  return { rows, rowsAre };
}

function emptyCounts(): repo.MonthCounts {
  return {
    measured: 0,
    hazAssessed: 0,
    stunted: 0,
    whzAssessed: 0,
    wasted: 0,
    wazAssessed: 0,
    underweight: 0,
  };
}

async function rowNames(
  ctx: Ctx,
  region: string,
  rowsAre: FiguresPage['rowsAre'],
): Promise<Map<string, string>> {
  if (rowsAre === 'posyandu') return repo.posyanduNames(ctx.db, region);
  if (rowsAre === 'kecamatan') return new Map((await listKecamatan(ctx)).map((k) => [k.code, k.name]));
  return new Map((await listVillages(ctx, { kecamatanCode: region })).map((v) => [v.code, v.name]));
}

/**
 * What `/kelola/kesehatan/angka` shows: the region's figures of the month, its parts, the
 * 12-month trend. Aggregates only, so the question is `view_figures` on the region: a camat's
 * kecamatan, a village's own staff, Dinkes and admin the regency.
 */
export async function figuresPage(
  ctx: Ctx,
  input: { region?: string; month?: string },
): Promise<FiguresPage> {
  const region = input.region || homeRegion(ctx);
  const level = scopeLevel(region);
  if (!level) throw new Invalid({ wilayah: t('figures.badRegion') }, t('figures.badRegion'));
  if (!(await regionExists(ctx, region))) throw new NotFound(t('figures.unknownRegion'));
  assertMayReadFigures(ctx.actor, region, t('health.figures.outOfScope'));
  const month = parseMonth(ctx, input.month);
  const [summary, parts, points, name, asOf] = await Promise.all([
    regionSummary(ctx, region, month),
    breakdown(ctx, region, month, level),
    trend(ctx, region, month),
    regionName(ctx, region),
    repo.countsAsOf(ctx.db, region, firstDay(addMonths(month, -11)), firstDay(month)),
  ]);
  return { region, regionName: name, level, month, summary, ...parts, trend: points, asOf };
}

// ---- the platform's figures extension point ----

// The twelve figures of one region come from the same two queries. `readFigures` computes them one
// after the other on the request's context, so the first computes the summary and the others reuse
// it; the last one (or one second of real time, when a caller asks only for some) drops it again,
// so a context that lives long (a job, the CLI) never reads an old count.
const summaries = new WeakMap<Ctx, Map<string, { at: number; summary: Promise<RegionSummary> }>>();
const REUSE_MS = 1000;

function summaryOnce(ctx: Ctx, region: string, last: boolean): Promise<RegionSummary> {
  const byRegion = summaries.get(ctx) ?? new Map<string, { at: number; summary: Promise<RegionSummary> }>();
  summaries.set(ctx, byRegion);
  const month = currentMonth(ctx);
  const key = `${region} ${month}`;
  const known = byRegion.get(key);
  const summary =
    known && performance.now() - known.at < REUSE_MS ? known.summary : regionSummary(ctx, region, month);
  if (last) byRegion.delete(key);
  else if (summary !== known?.summary) byRegion.set(key, { at: performance.now(), summary });
  return summary;
}

function figure(
  name: string,
  unit: FigureUnit,
  pick: (s: RegionSummary) => number | null,
  last = false,
): FigureDefinition {
  return {
    name: `health.${name}`,
    label: `health.figures.${name}`,
    unit,
    details: '/kelola/kesehatan/angka',
    async compute(ctx, region) {
      return { value: pick(await summaryOnce(ctx, region, last)), asOf: ctx.clock.now() };
    },
  };
}

/**
 * One of this Jakarta month's counts in each of the villages, from the monthly rollup, in one query
 * (a page of every village, or of the regency's kecamatan, would otherwise ask once per region).
 */
function countByVillage(pick: keyof repo.MonthCounts) {
  return async (ctx: Ctx, villages: readonly string[]): Promise<Map<string, number>> => {
    const wanted = new Set(villages);
    const rows = await repo.monthCountsBy(
      ctx.db,
      ctx.config.regencyCode,
      firstDay(currentMonth(ctx)),
      'village',
    );
    return new Map(rows.filter((r) => wanted.has(r.key)).map((r) => [r.key, r[pick]]));
  };
}

/** Published for `/kelola`, `/api/v1/figures` and the dashboards: this Jakarta month, with the count behind each %. */
export const healthFigures: FigureDefinition[] = [
  figure('childrenUnderFive', 'child', (s) => s.registered),
  { ...figure('measuredThisMonth', 'child', (s) => s.measured), computeMany: countByVillage('measured') },
  figure('coverage', 'percent', (s) => s.coverage),
  { ...figure('stunted', 'child', (s) => s.stunting.count), computeMany: countByVillage('stunted') },
  {
    ...figure('heightAssessed', 'child', (s) => s.stunting.assessed),
    computeMany: countByVillage('hazAssessed'),
  },
  figure('stuntingPercent', 'percent', (s) => s.stunting.percent),
  figure('wasted', 'child', (s) => s.wasting.count),
  figure('weightForHeightAssessed', 'child', (s) => s.wasting.assessed),
  figure('wastingPercent', 'percent', (s) => s.wasting.percent),
  figure('underweight', 'child', (s) => s.underweight.count),
  figure('weightForAgeAssessed', 'child', (s) => s.underweight.assessed),
  figure('underweightPercent', 'percent', (s) => s.underweight.percent, true),
];

// ---- public pages ----

export interface PublicFigures {
  month: string | null;
  measured: string;
  registered: string;
  stunting: { count: string; percent: number | null };
  wasting: { count: string; percent: number | null };
  underweight: { count: string; percent: number | null };
}

/** A percentage with its count below 5 would give the count away (3 of 40 = 7.5 %): not shown. */
function publicPrevalence(p: Prevalence): { count: string; percent: number | null } {
  const hidden = p.count > 0 && p.count < 5;
  return { count: publicCount(p.count), percent: hidden ? null : p.percent };
}

/**
 * A village's children's-health figures for its public site: the latest month of the last 12 with
 * measurements, aggregates only, every count below 5 written "< 5" (issue #14 §7). Anyone may read it.
 */
export async function publicVillageFigures(ctx: Ctx, villageCode: string): Promise<PublicFigures> {
  const now = currentMonth(ctx);
  const points = await trend(ctx, villageCode, now);
  const latest = [...points].reverse().find((p) => p.measured > 0)?.month ?? null;
  const s = await regionSummary(ctx, villageCode, latest ?? now);
  return {
    month: latest,
    measured: publicCount(s.measured),
    registered: publicCount(s.registered),
    stunting: publicPrevalence(s.stunting),
    wasting: publicPrevalence(s.wasting),
    underweight: publicPrevalence(s.underweight),
  };
}
