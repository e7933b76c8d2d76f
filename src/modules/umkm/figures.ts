import { scopeLevel } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { type FigureDefinition, homeRegion } from '../../platform/figures/index.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { regionDirectory } from '../../platform/region-directory.ts';
import { listKecamatan, listVillages } from '../regions/service.ts';
import { KBLI_CATEGORIES } from './kbli.ts';
import { assertMayReadFigures, readsRecords } from './policy.ts';
import * as repo from './repo.ts';

function regionOrAll(ctx: Ctx, region: string): string | null {
  return region === ctx.config.regencyCode ? null : region;
}

/** The counts of a key that has no enterprise. */
function noCounts(key: string): repo.CountRow {
  return { key, total: 0, mikro: 0, kecil: 0, menengah: 0, besar: 0, withoutNib: 0 };
}

async function totals(ctx: Ctx, region: string): Promise<repo.CountRow> {
  const [row] = await repo.counts(ctx.db, regionOrAll(ctx, region), 'all');
  return row ?? noCounts('all');
}

function figure(name: string, pick: (row: repo.CountRow) => number): FigureDefinition {
  return {
    name: `umkm.${name}`,
    label: `umkm.figure.${name}`,
    unit: 'enterprise',
    details: '/kelola/umkm/angka',
    async compute(ctx, region) {
      return { value: pick(await totals(ctx, region)), asOf: ctx.clock.now() };
    },
  };
}

/** Registered enterprises in each of the villages, in one query. */
async function totalsByVillage(ctx: Ctx, villages: readonly string[]): Promise<Map<string, number>> {
  const wanted = new Set(villages);
  const rows = await repo.counts(ctx.db, null, 'village');
  return new Map(rows.filter((r) => wanted.has(r.key)).map((r) => [r.key, r.total]));
}

/** Registered enterprises of a region (those still waiting for the office are not counted). */
export const umkmFigures: FigureDefinition[] = [
  { ...figure('total', (r) => r.total), computeMany: totalsByVillage },
  figure('mikro', (r) => r.mikro),
  figure('kecil', (r) => r.kecil),
  figure('menengah', (r) => r.menengah),
  figure('withoutNib', (r) => r.withoutNib),
];

export interface FigureTableRow extends repo.CountRow {
  label: string;
}

export interface FiguresPage {
  region: string;
  regionName: string;
  total: repo.CountRow;
  bySector: FigureTableRow[];
  /** one row per kecamatan (regency) or village (kecamatan); null for a village */
  byArea: FigureTableRow[] | null;
  areaLevel: 'kecamatan' | 'village' | null;
  /** may the reader open the lists (the "tanpa NIB" list) behind the figures */
  mayList: boolean;
  asOf: Date;
}

/** The staff figures page of a region: by sector, by scale, by kecamatan or village, lacking NIB. */
export async function figuresPage(ctx: Ctx, regionText?: string): Promise<FiguresPage> {
  const region = (regionText ?? '').trim() || homeRegion(ctx);
  const level = scopeLevel(region);
  if (!level) throw new Invalid({ wilayah: t('umkm.error.region') });
  assertMayReadFigures(ctx.actor, region);
  const scoped = regionOrAll(ctx, region);
  const sectorRows = new Map((await repo.counts(ctx.db, scoped, 'sector')).map((r) => [r.key.trim(), r]));
  const bySector = KBLI_CATEGORIES.map((c) => ({
    ...(sectorRows.get(c.code) ?? noCounts(c.code)),
    label: `${c.code} — ${c.name}`,
  })).filter((r) => r.total > 0);
  const areaLevel = level === 'regency' ? 'kecamatan' : level === 'kecamatan' ? 'village' : null;
  let byArea: FigureTableRow[] | null = null;
  if (areaLevel) {
    const rows = new Map((await repo.counts(ctx.db, scoped, areaLevel)).map((r) => [r.key, r]));
    const areas =
      areaLevel === 'kecamatan'
        ? (await listKecamatan(ctx)).map((k) => ({ code: k.code, name: k.name }))
        : (await listVillages(ctx, { kecamatanCode: region })).map((v) => ({ code: v.code, name: v.name }));
    byArea = areas.map((a) => ({
      ...(rows.get(a.code) ?? noCounts(a.code)),
      label: a.name,
    }));
  }
  return {
    region,
    regionName: await regionDirectory().name(ctx, region),
    total: await totals(ctx, region),
    bySector,
    byArea,
    areaLevel,
    mayList: readsRecords(ctx.actor),
    asOf: ctx.clock.now(),
  };
}

export const FIGURE_HEADER = () => [
  t('umkm.figures.area'),
  t('umkm.figures.total'),
  t('umkm.scale.mikro'),
  t('umkm.scale.kecil'),
  t('umkm.scale.menengah'),
  t('umkm.scale.besar'),
  t('umkm.figures.withoutNib'),
];

export function figureCells(row: FigureTableRow): Array<string | number> {
  return [row.label, row.total, row.mikro, row.kecil, row.menengah, row.besar, row.withoutNib];
}

/** The page's tables as one sheet: the sector table, then the area table, each under its title. */
export function figureSheet(page: FiguresPage): Array<Array<string | number>> {
  const lines: Array<Array<string | number>> = [
    [t('umkm.figures.bySector')],
    FIGURE_HEADER(),
    ...page.bySector.map(figureCells),
  ];
  if (page.byArea)
    lines.push(
      [],
      [t(`umkm.figures.by.${page.areaLevel}`)],
      FIGURE_HEADER(),
      ...page.byArea.map(figureCells),
    );
  lines.push([], figureCells({ ...page.total, label: t('umkm.figures.all') }));
  return lines;
}
