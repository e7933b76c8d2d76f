import { regionContains, scopeLevel } from '../../platform/auth/policy.ts';
import { lineOption } from '../../platform/charts/echarts.ts';
import type { Ctx } from '../../platform/context.ts';
import { readVillageFigures } from '../../platform/figures/index.ts';
import { formatDateTime, t } from '../../platform/i18n/index.ts';
import { aidFiguresTable } from '../aid/service.ts';
import { healthFiguresPage } from '../health/service.ts';
import { listVillages, regionName } from '../regions/service.ts';
import { umkmFiguresPage } from '../umkm/service.ts';
import { type ChartSpec, type DashboardPage, type DataTable, tableBars } from './model.ts';
import { assertMaySeeAny, maySee, pageRegion } from './policy.ts';
import { figureSources } from './sources.ts';

async function healthTables(ctx: Ctx, region: string, month: string | undefined) {
  const page = await healthFiguresPage(ctx, { region, month });
  const byArea: DataTable = {
    name: 'stunting',
    title: t('dashboards.social.stuntingBy', { month: page.month }),
    header: [
      t(`dashboards.${page.rowsAre}`),
      t('dashboards.social.registered'),
      t('dashboards.social.measured'),
      t('dashboards.social.coverage'),
      t('dashboards.social.stunted'),
      t('dashboards.social.assessed'),
      t('dashboards.social.stuntingPercent'),
    ],
    rows: page.rows.map((r) => [
      r.name,
      r.registered,
      r.measured,
      r.coverage,
      r.stunting.count,
      r.stunting.assessed,
      r.stunting.percent,
    ]),
  };
  const trend: DataTable = {
    name: 'tren-stunting',
    title: t('dashboards.social.trend'),
    header: [
      t('dashboards.month'),
      t('dashboards.social.measured'),
      t('dashboards.social.stunted'),
      t('dashboards.social.stuntingPercent'),
    ],
    rows: page.trend.map((p) => [p.month, p.measured, p.stunted, p.stuntingPercent]),
  };
  const chart: ChartSpec = {
    title: t('dashboards.social.trend'),
    height: 280,
    option: lineOption(
      page.trend.map((p) => p.month),
      [{ label: t('dashboards.social.stuntingPercent'), values: page.trend.map((p) => p.stuntingPercent) }],
      { unit: ' %' },
    ),
  };
  return { tables: [byArea, trend], chart, asOf: page.asOf, month: page.month };
}

async function populationTable(ctx: Ctx, region: string): Promise<DataTable> {
  const villages = (await listVillages(ctx)).filter((v) => regionContains(region, v.code));
  const { values } = await readVillageFigures(
    ctx,
    await figureSources(),
    villages.map((v) => v.code),
    ['residents.population'],
  );
  const population = values.get('residents.population') ?? new Map();
  const byKecamatan = scopeLevel(region) === 'regency';
  const rows = new Map<string, [string, number]>();
  for (const v of villages) {
    const key = byKecamatan ? v.kecamatanCode : v.code;
    const row = rows.get(key) ?? [byKecamatan ? v.kecamatanName : v.name, 0];
    row[1] += Number(population.get(v.code) ?? 0);
    rows.set(key, row);
  }
  return {
    name: 'penduduk',
    title: t('dashboards.social.population'),
    header: [
      t(byKecamatan ? 'dashboards.kecamatan' : 'dashboards.village'),
      t('dashboards.social.residents'),
    ],
    rows: [...rows.values()],
  };
}

async function umkmTable(ctx: Ctx, region: string): Promise<DataTable> {
  const page = await umkmFiguresPage(ctx, region);
  return {
    name: 'umkm',
    title: t('dashboards.social.umkmBySector'),
    header: [
      t('dashboards.social.sector'),
      t('dashboards.social.enterprises'),
      t('dashboards.social.withoutNib'),
    ],
    rows: page.bySector.map((r) => [r.label, r.total, r.withoutNib]),
  };
}

async function aidTable(ctx: Ctx, region: string): Promise<DataTable> {
  const table = await aidFiguresTable(ctx, { region });
  const totals = new Map<string, number>();
  for (const row of table.rows)
    for (const [code, n] of Object.entries(row.recipients)) totals.set(code, (totals.get(code) ?? 0) + n);
  return {
    name: 'bansos',
    title: t('dashboards.social.aidByProgramme'),
    header: [t('dashboards.social.programme'), t('dashboards.social.recipientFamilies')],
    rows: table.programmeCodes.map((code) => [code, totals.get(code) ?? 0]),
  };
}

/** `/kelola/statistik/sosial`: stunting with its trend, population, UMKM by sector, aid by programme. */
export async function socialPage(
  ctx: Ctx,
  query: { wilayah?: string; bulan?: string },
): Promise<DashboardPage> {
  const sections = assertMaySeeAny(ctx.actor, ['health', 'population', 'umkm', 'aid']);
  const region = pageRegion(ctx, query.wilayah);
  const name = await regionName(ctx, region);
  const tables: DataTable[] = [];
  const charts: ChartSpec[] = [];
  const notes: string[] = [];
  let month: string | undefined;
  if (sections.includes('health')) {
    const health = await healthTables(ctx, region, query.bulan);
    tables.push(...health.tables);
    charts.push(health.chart);
    month = health.month;
    notes.push(
      health.asOf
        ? t('dashboards.social.healthFresh', { at: formatDateTime(health.asOf) })
        : t('dashboards.social.healthEmpty'),
    );
  }
  if (maySee(ctx.actor, 'population')) {
    const population = await populationTable(ctx, region);
    tables.push(population);
    if (population.rows.length > 1)
      charts.push({ title: population.title, height: 320, option: tableBars(population, [1]) });
  }
  if (maySee(ctx.actor, 'umkm')) tables.push(await umkmTable(ctx, region));
  if (maySee(ctx.actor, 'aid')) tables.push(await aidTable(ctx, region));
  return {
    path: '/kelola/statistik/sosial',
    title: t('dashboards.social.title', { region: name }),
    region,
    regionName: name,
    asOf: ctx.clock.now(),
    query: month ? { wilayah: region, bulan: month } : { wilayah: region },
    headline: [],
    definitions: [
      [t('dashboards.social.stuntingPercent'), t('dashboards.social.stuntingDef')],
      [t('dashboards.social.coverage'), t('dashboards.social.coverageDef')],
    ],
    charts,
    tables,
    notes: [t('dashboards.aggregatesOnly'), ...notes],
  };
}
