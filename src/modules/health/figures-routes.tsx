import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/guards.ts';
import { csvLine } from '../../platform/csv.ts';
import { homeRegion } from '../../platform/figures/index.ts';
import { attachment } from '../../platform/http/download.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { queryText } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { findVillage } from '../regions/service.ts';
import {
  chosenPuskesmas,
  type ExportFormat,
  mayExportMeasurements,
  prepareExport,
  writeExport,
} from './export-ppgbm.ts';
import { figuresPage, parseMonth, publicVillageFigures } from './figures.ts';
import { puskesmasArea, puskesmasChoices } from './puskesmas.ts';
import { ENTERED, fieldOf, PAUD_TARGET_FIELD, quarterKey, saveScorecard, scorecard } from './scorecard.ts';
import {
  EXPORT_URL,
  ExportPage,
  FIGURES_URL,
  FiguresStaffPage,
  SCORECARD_URL,
  tableCells,
  tableHeader,
} from './views/figures.tsx';
import { PublicHealthPage } from './views/figures-public.tsx';
import { ScorecardPage, scorecardUrl } from './views/scorecard.tsx';
import './figures-messages.ts';

const ScorecardForm = formBody(
  Object.fromEntries([
    ...ENTERED.map((d) => [fieldOf(d.code), textField({ maxLength: 10 })]),
    [PAUD_TARGET_FIELD, textField({ maxLength: 10 })],
  ]) as Record<string, ReturnType<typeof textField>>,
);

async function scorecardPage(
  request: FastifyRequest,
  state: { values?: Record<string, string | undefined>; errors?: Record<string, string> } = {},
) {
  const query = queryText(request);
  const card = await scorecard(request.ctx, {
    village: query.desa || homeRegion(request.ctx),
    quarter: query.triwulan,
  });
  return <ScorecardPage card={card} {...state} />;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The figures, scorecard and e-PPGBM export pages of the health module, and its public village section. */
export async function figuresRoutes(app: FastifyInstance): Promise<void> {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  const open = { schema: { hide: true } };

  app.get(FIGURES_URL, staff, async (request, reply) => {
    const query = queryText(request);
    const page = await figuresPage(request.ctx, { region: query.wilayah, month: query.bulan });
    return reply.page(
      <FiguresStaffPage
        page={page}
        month={page.month}
        mayExport={await mayExportMeasurements(request.ctx, { region: page.region })}
      />,
    );
  });

  app.get(`${FIGURES_URL}.csv`, staff, async (request, reply) => {
    const query = queryText(request);
    const page = await figuresPage(request.ctx, { region: query.wilayah, month: query.bulan });
    const lines = [csvLine(tableHeader()), ...page.rows.map((row) => csvLine(tableCells(row)))];
    return attachment(
      reply,
      `stunting-${page.region.replaceAll('.', '')}-${page.month}.csv`,
      'text/csv; charset=utf-8',
    ).send(`\ufeff${lines.join('')}`);
  });

  app.get(SCORECARD_URL, staff, async (request, reply) => reply.page(await scorecardPage(request)));

  formRoute(app, SCORECARD_URL, {
    preHandler: requireStaff(),
    body: ScorecardForm,
    page: (request, { values, errors }) => scorecardPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      const query = queryText(request);
      const village = query.desa || homeRegion(request.ctx);
      await saveScorecard(request.ctx, { village, quarter: query.triwulan ?? '', fields: form });
      const card = await scorecard(request.ctx, { village, quarter: query.triwulan });
      setFlash(reply, t('health.scorecard.saved', { quarter: quarterKey(card.quarter) }));
      return reply.redirect(scorecardUrl(card.village.code, quarterKey(card.quarter)), 303);
    },
  });

  app.get(EXPORT_URL, staff, async (request, reply) => {
    const query = queryText(request);
    const region = query.wilayah || homeRegion(request.ctx);
    const month = parseMonth(request.ctx, query.bulan);
    const code = await chosenPuskesmas(request.ctx, { region: query.wilayah, puskesmas: query.puskesmas });
    const puskesmas = code ? await puskesmasArea(request.ctx, code) : null;
    // the same refusal (and wording) as the download itself
    const area = puskesmas ? { puskesmas } : { region };
    if (!(await mayExportMeasurements(request.ctx, area))) throw new Forbidden(t('health.export.notAllowed'));
    return reply.page(
      <ExportPage
        region={region}
        month={month}
        puskesmas={puskesmas?.code ?? ''}
        choices={await puskesmasChoices(request.ctx)}
      />,
    );
  });

  for (const format of ['xlsx', 'csv'] as const satisfies readonly ExportFormat[]) {
    app.get(`${EXPORT_URL}.${format}`, staff, async (request, reply) => {
      const query = queryText(request);
      const prepared = await prepareExport(request.ctx, {
        region: query.wilayah,
        puskesmas: query.puskesmas,
        month: query.bulan,
      });
      const stream = new PassThrough();
      void writeExport(prepared, format, stream).catch((error: unknown) => stream.destroy(error as Error));
      return attachment(
        reply,
        prepared.fileName(format),
        format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8',
      ).send(stream);
    });
  }

  app.get('/desa/:code/kesehatan', open, async (request, reply) => {
    const code = (request.params as { code: string }).code;
    const village = await findVillage(request.ctx, code);
    if (!village) throw new NotFound(t('regions.error.villageNotFound'));
    if (village.code !== code) return reply.redirect(`/desa/${village.code}/kesehatan`, 301);
    const figures = await publicVillageFigures(request.ctx, village.code);
    return reply.page(
      <PublicHealthPage villageCode={village.code} villageName={village.name} figures={figures} />,
    );
  });
}
