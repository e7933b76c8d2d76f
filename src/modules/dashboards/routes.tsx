import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/guards.ts';
import { renderChartSvg } from '../../platform/charts/echarts.ts';
import type { Ctx } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { queryText } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { xlsxWriter } from '../../platform/tabular/write.ts';
import type { DashboardPage, DataTable } from './model.ts';
import {
  adoptionPage,
  complaintsPage,
  maySee,
  publicStatistics,
  type Section,
  socialPage,
  speedPage,
} from './service.ts';
import { DashboardView } from './views/dashboard.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CHART_WIDTH = 640;

const FIRST_SECTION: Array<[Section, string]> = [
  ['adoption', '/kelola/statistik/adopsi'],
  ['services', '/kelola/statistik/layanan'],
  ['health', '/kelola/statistik/sosial'],
  ['population', '/kelola/statistik/sosial'],
  ['umkm', '/kelola/statistik/sosial'],
  ['aid', '/kelola/statistik/sosial'],
];

type PageBuilder = (ctx: Ctx, query: Record<string, string | undefined>) => Promise<DashboardPage>;

/** The table `?tabel=` names (the first when none), NotFound for a name the page has not. */
function tableOf(page: DashboardPage, name: string | undefined): DataTable {
  const table = name ? page.tables.find((x) => x.name === name) : page.tables[0];
  if (!table) throw new NotFound(t('dashboards.error.noTable'));
  return table;
}

function fileName(page: DashboardPage, table: DataTable, format: 'csv' | 'xlsx'): string {
  const slug = page.path.split('/').pop() || 'statistik';
  return `statistik-${slug}-${table.name}-${page.region.replaceAll('.', '')}.${format}`;
}

async function sendExport(
  reply: FastifyReply,
  page: DashboardPage,
  table: DataTable,
  format: 'csv' | 'xlsx',
) {
  reply
    .header('content-disposition', `attachment; filename="${fileName(page, table, format)}"`)
    .header('cache-control', 'no-store');
  if (format === 'csv') {
    // formula-safe: csvLine quotes and defuses = + - @ at the start of a cell
    const lines = [csvLine(table.header), ...table.rows.map((row) => csvLine(row))];
    return reply.header('content-type', 'text/csv; charset=utf-8').send(`\ufeff${lines.join('')}`);
  }
  const stream = new PassThrough();
  const writer = await xlsxWriter(stream, table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  void (async () => {
    await writer.row(table.header);
    for (const row of table.rows) await writer.row(row);
    await writer.close();
  })().catch((error: unknown) => stream.destroy(error as Error));
  return reply.header('content-type', XLSX).send(stream);
}

async function answer(request: FastifyRequest, reply: FastifyReply, build: PageBuilder, staff: boolean) {
  const query = queryText(request);
  const page = await build(request.ctx, query);
  const format = query.format;
  if (format !== undefined && format !== '') {
    if (!staff || (format !== 'csv' && format !== 'xlsx'))
      throw new Invalid({ format: t('dashboards.error.format') }, t('dashboards.error.format'));
    return sendExport(reply, page, tableOf(page, query.tabel), format);
  }
  const charts = [];
  for (const chart of page.charts)
    charts.push({
      title: chart.title,
      svg: await renderChartSvg(chart.option, { width: CHART_WIDTH, height: chart.height }, chart.title),
    });
  return reply.page(<DashboardView page={page} charts={charts} staff={staff} />);
}

/** The staff dashboards under `/kelola/statistik` and the public `/statistik`. */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  const pages: Array<[string, PageBuilder]> = [
    ['/kelola/statistik/adopsi', adoptionPage],
    ['/kelola/statistik/layanan', speedPage],
    ['/kelola/statistik/pengaduan', complaintsPage],
    ['/kelola/statistik/sosial', socialPage],
  ];
  // the first dashboard the officer's field has (Dinkes starts at the social figures)
  app.get('/kelola/statistik', staff, async (request, reply) => {
    const first = FIRST_SECTION.find(([section]) => maySee(request.ctx.actor, section));
    if (!first) throw new Forbidden(t('dashboards.error.notYourField'));
    return reply.redirect(first[1], 303);
  });
  for (const [path, build] of pages)
    app.get(path, staff, async (request, reply) => answer(request, reply, build, true));
  app.get('/statistik', { schema: { hide: true } }, async (request, reply) =>
    answer(request, reply, (ctx) => publicStatistics(ctx), false),
  );
}
