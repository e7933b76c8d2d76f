import { regionContains } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import { listVillages, regionName } from '../regions/service.ts';
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

/** `/kelola/statistik/layanan`: how fast requests are answered, per service and village, over a period. */
export async function speedPage(
  ctx: Ctx,
  query: { wilayah?: string; dari?: string; sampai?: string },
): Promise<DashboardPage> {
  assertMaySeeAny(ctx.actor, ['services']);
  const region = pageRegion(ctx, query.wilayah);
  const period = parsePeriod(ctx, query);
  const input = { from: period.from, to: period.to, region: agencyOf(ctx.actor) ? null : region };
  const [{ rows, refreshedAt }, villages, name] = await Promise.all([
    speedReportWithClock(ctx, { ...input, grouping: 'both' }),
    listVillages(ctx),
    regionName(ctx, region),
  ]);
  const byService = rows.filter((r) => r.villageCode === '');
  const byVillageService = rows.filter((r) => r.villageCode !== '');
  const villageName = new Map(villages.map((v) => [v.code, v.name]));
  const serviceTable: DataTable = {
    name: 'layanan',
    title: t('dashboards.speed.byService'),
    header: speedHeader([t('dashboards.service')]),
    rows: byService.map((r) => [r.serviceName, ...speedCells(r)]),
  };
  const villageTable: DataTable = {
    name: 'desa-layanan',
    title: t('dashboards.speed.byVillageService'),
    header: speedHeader([t('dashboards.village'), t('dashboards.service')]),
    rows: byVillageService
      .filter((r) => regionContains(region, r.villageCode))
      .map((r) => [villageName.get(r.villageCode) ?? r.villageCode, r.serviceName, ...speedCells(r)]),
  };
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
      serviceTable.rows.length > 0
        ? [{ title: t('dashboards.speed.chart'), height: 320, option: tableBars(serviceTable, [3, 4]) }]
        : [],
    tables: [serviceTable, villageTable],
    notes: agencyOf(ctx.actor) ? [t('dashboards.speed.agencyNote')] : [],
  };
}
