import { pointMapOption } from '../../platform/charts/echarts.ts';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import { type ComplaintCounts, complaintStats } from '../complaints/service.ts';
import { regionName } from '../regions/service.ts';
import { type DashboardPage, type DataTable, percent, tableBars } from './model.ts';
import { parsePeriod } from './period.ts';
import { agencyOf, assertMaySeeAny, pageRegion } from './policy.ts';

function header(first: string): string[] {
  return [
    first,
    t('dashboards.complaints.received'),
    t('dashboards.complaints.open'),
    t('dashboards.complaints.overdue'),
    t('dashboards.complaints.resolved'),
    t('dashboards.complaints.sla'),
  ];
}

function cells(c: ComplaintCounts) {
  return [c.name, c.received, c.open, c.overdue, c.resolved, percent(c.resolvedOnTime, c.resolved)];
}

function table(name: string, title: string, first: string, rows: ComplaintCounts[]): DataTable {
  return { name, title, header: header(first), rows: rows.map(cells) };
}

/** `/kelola/statistik/pengaduan`: reports per kecamatan, handler and category, with SLA compliance. */
export async function complaintsPage(
  ctx: Ctx,
  query: { wilayah?: string; dari?: string; sampai?: string },
): Promise<DashboardPage> {
  assertMaySeeAny(ctx.actor, ['complaints']);
  const region = pageRegion(ctx, query.wilayah);
  const period = parsePeriod(ctx, query);
  const agency = agencyOf(ctx.actor);
  const [stats, name] = await Promise.all([
    complaintStats(ctx, agency ? { agency } : { region }, period),
    regionName(ctx, region),
  ]);
  const byKecamatan = table(
    'kecamatan',
    t('dashboards.complaints.byKecamatan'),
    t('dashboards.kecamatan'),
    stats.byKecamatan,
  );
  const points = stats.byKecamatan.flatMap((k) =>
    k.lat !== null && k.lng !== null ? [{ label: k.name, lat: k.lat, lng: k.lng, value: k.received }] : [],
  );
  const total = stats.byKecamatan.reduce(
    (sum, k) => ({
      received: sum.received + k.received,
      resolved: sum.resolved + k.resolved,
      onTime: sum.onTime + k.resolvedOnTime,
    }),
    { received: 0, resolved: 0, onTime: 0 },
  );
  const sla = percent(total.onTime, total.resolved);
  return {
    path: '/kelola/statistik/pengaduan',
    title: t('dashboards.complaints.title', { region: agency ?? name }),
    region,
    regionName: name,
    asOf: ctx.clock.now(),
    rollup: { refreshedAt: stats.refreshedAt },
    query: { wilayah: region, dari: period.dari, sampai: period.sampai },
    period: { dari: period.dari, sampai: period.sampai },
    headline: [
      [t('dashboards.complaints.received'), String(total.received)],
      [t('dashboards.complaints.sla'), sla === null ? t('dashboards.noData') : `${sla} %`],
    ],
    definitions: [
      [t('dashboards.complaints.overdue'), t('dashboards.complaints.overdueDef')],
      [t('dashboards.complaints.sla'), t('dashboards.complaints.slaDef')],
      [t('dashboards.complaints.map'), t('dashboards.complaints.mapDef')],
    ],
    charts: [
      ...(byKecamatan.rows.length > 0
        ? [
            {
              title: t('dashboards.complaints.byKecamatan'),
              height: 320,
              option: tableBars(byKecamatan, [1, 2, 3]),
            },
          ]
        : []),
      ...(points.length > 0
        ? [{ title: t('dashboards.complaints.map'), height: 360, option: pointMapOption(points) }]
        : []),
    ],
    tables: [
      byKecamatan,
      table(
        'penanggung-jawab',
        t('dashboards.complaints.byHandler'),
        t('dashboards.complaints.handler'),
        stats.byHandler,
      ),
      table(
        'kategori',
        t('dashboards.complaints.byCategory'),
        t('dashboards.complaints.category'),
        stats.byCategory,
      ),
    ],
    notes: agency ? [t('dashboards.complaints.agencyNote', { agency })] : [],
  };
}
