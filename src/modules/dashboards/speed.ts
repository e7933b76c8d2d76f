import { regionContains, scopeLevel } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import { listKecamatan, listVillages, regionName } from '../regions/service.ts';
import { type SpeedRow, speedReportWithClock } from '../services/service.ts';
import { type DashboardPage, type DataTable, tableBars } from './model.ts';
import { parsePeriod } from './period.ts';
import { agencyOf, assertMaySeeAny, pageRegion } from './policy.ts';

function speedHeader(first: string[]): string[] {
  return [
    ...first,
    t('dashboards.speed.submitted'),
    t('dashboards.speed.issued'),
    t('dashboards.speed.median'),
    t('dashboards.speed.p90'),
    t('dashboards.speed.withinTarget'),
    t('dashboards.speed.returned'),
  ];
}

function speedCells(r: SpeedRow) {
  return [r.submitted, r.issued, r.medianDays, r.p90Days, r.withinTargetPercent, r.returnedPercent];
}

const VILLAGE_TABLE = 'desa-layanan';

type SpeedQuery = { wilayah?: string; dari?: string; sampai?: string; tabel?: string; format?: string };
type SpeedInput = { from: Date; to: Date; region: string | null };

function serviceTable(rows: SpeedRow[]): DataTable {
  return {
    name: 'layanan',
    title: t('dashboards.speed.byService'),
    header: speedHeader([t('dashboards.service')]),
    rows: rows.filter((r) => r.villageCode === '').map((r) => [r.serviceName, ...speedCells(r)]),
  };
}

/** Per village (or kecamatan) and service, within the page's region; `link` gives a row's drill-down. */
function areaTable(
  rows: SpeedRow[],
  region: string,
  names: Map<string, string>,
  link?: (code: string) => string,
): DataTable {
  const area = rows.filter((r) => r.villageCode !== '' && regionContains(region, r.villageCode));
  const table: DataTable = {
    name: link ? 'kecamatan-layanan' : VILLAGE_TABLE,
    title: t(link ? 'dashboards.speed.byKecamatanService' : 'dashboards.speed.byVillageService'),
    header: speedHeader([t(link ? 'dashboards.kecamatan' : 'dashboards.village'), t('dashboards.service')]),
    rows: area.map((r) => [names.get(r.villageCode) ?? r.villageCode, r.serviceName, ...speedCells(r)]),
  };
  return link ? { ...table, links: area.map((r) => link(r.villageCode)) } : table;
}

async function villageTables(ctx: Ctx, input: SpeedInput, region: string) {
  const [{ rows, refreshedAt }, villages] = await Promise.all([
    speedReportWithClock(ctx, { ...input, grouping: 'both' }),
    listVillages(ctx),
  ]);
  const names = new Map(villages.map((v) => [v.code, v.name]));
  return { refreshedAt, tables: [serviceTable(rows), areaTable(rows, region, names)] };
}

/**
 * The regency's page draws kecamatan × service, each kecamatan a link to its villages (the
 * camat's page), and offers village × service as a download only: thousands of rows are no page
 * to read, and drawing and grouping them took half a second. They are counted only when the
 * download asks for them.
 */
async function regencyTables(ctx: Ctx, input: SpeedInput, region: string, link: (code: string) => string) {
  const [{ rows, refreshedAt }, kecamatan] = await Promise.all([
    speedReportWithClock(ctx, { ...input, grouping: 'both', by: 'kecamatan' }),
    listKecamatan(ctx),
  ]);
  const names = new Map(kecamatan.map((k) => [k.code, k.name]));
  const villages: DataTable = { ...areaTable([], region, names), exportOnly: true };
  return { refreshedAt, tables: [serviceTable(rows), areaTable(rows, region, names, link), villages] };
}

/** `/kelola/statistik/layanan`: how fast requests are answered, per service and village, over a period. */
export async function speedPage(ctx: Ctx, query: SpeedQuery): Promise<DashboardPage> {
  assertMaySeeAny(ctx.actor, ['services']);
  const region = pageRegion(ctx, query.wilayah);
  const period = parsePeriod(ctx, query);
  const input = { from: period.from, to: period.to, region: agencyOf(ctx.actor) ? null : region };
  const drillDown = (kecamatan: string) =>
    `/kelola/statistik/layanan?${new URLSearchParams({ wilayah: kecamatan, dari: period.dari, sampai: period.sampai })}`;
  const perKecamatan = scopeLevel(region) === 'regency' && !(query.format && query.tabel === VILLAGE_TABLE);
  const [{ refreshedAt, tables }, name] = await Promise.all([
    perKecamatan ? regencyTables(ctx, input, region, drillDown) : villageTables(ctx, input, region),
    regionName(ctx, region),
  ]);
  const [byService] = tables as [DataTable];
  return {
    path: '/kelola/statistik/layanan',
    title: t('dashboards.speed.title', { region: name }),
    region,
    regionName: name,
    asOf: ctx.clock.now(),
    rollup: { refreshedAt },
    query: { wilayah: region, dari: period.dari, sampai: period.sampai },
    period: { dari: period.dari, sampai: period.sampai },
    headline: [],
    definitions: [
      [t('dashboards.speed.median'), t('dashboards.speed.medianDef')],
      [t('dashboards.speed.withinTarget'), t('dashboards.speed.withinTargetDef')],
      [t('dashboards.speed.returned'), t('dashboards.speed.returnedDef')],
    ],
    charts:
      byService.rows.length > 0
        ? [{ title: t('dashboards.speed.chart'), height: 320, option: tableBars(byService, [3, 4]) }]
        : [],
    tables,
    notes: [
      ...(agencyOf(ctx.actor) ? [t('dashboards.speed.agencyNote')] : []),
      ...(perKecamatan ? [t('dashboards.speed.drillDown')] : []),
    ],
  };
}
