import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../platform/auth/guards.ts';
import { scopeLevel } from '../../platform/auth/policy.ts';
import { csvLine } from '../../platform/csv.ts';
import { attachment } from '../../platform/http/download.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { queryText } from '../../platform/http/input.ts';
import { readOneUpload } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import { importPercent } from '../../platform/imports/index.ts';
import { xlsxWriter } from '../../platform/tabular/write.ts';
import { findVillage, getVillage, regencyName } from '../regions/service.ts';
import {
  budgetImportErrors,
  createBudgetImport,
  currentYear,
  getBudgetForStaff,
  getBudgetImport,
  getPublishedBudget,
  listBudgetImports,
  listBudgetsInScope,
  mayKeep,
  parseYear,
  publishedYears,
  queueBudgetImport,
  refuseBudgetImport,
  refuseMissingFile,
  regencySummary,
  removeLine,
  saveLine,
  setStatus,
  templateRows,
} from './service.ts';
import { RegencyBudgetPage, VillageBudgetPage } from './views/public.tsx';
import {
  BASE,
  BudgetStaffPage,
  budgetUrl,
  ImportStatusPage,
  StaffIndexPage,
  TEMPLATE_CSV,
  TEMPLATE_XLSX,
} from './views/staff.tsx';
import './messages.ts';

/** An APBDes file is a few hundred rows; 10 MB is a generous ceiling. */
const MAX_UPLOAD = 10 * 1024 * 1024;

type BudgetParams = { code: string; year: string };

async function staffPage(
  request: FastifyRequest,
  params: BudgetParams,
  state: {
    values?: Record<string, string | undefined>;
    errors?: Record<string, string>;
    importError?: string;
  } = {},
) {
  const year = parseYear(params.year);
  await getVillage(request.ctx, params.code);
  const budget = await getBudgetForStaff(request.ctx, params.code, year);
  const imports = await listBudgetImports(request.ctx, params.code, year);
  return (
    <BudgetStaffPage
      budget={budget}
      mayKeep={mayKeep(request.ctx, params.code)}
      imports={imports}
      {...state}
    />
  );
}

const LineForm = formBody({
  kode: textField({ maxLength: 40 }),
  uraian: textField({ maxLength: 400 }),
  anggaran: textField({ maxLength: 40 }),
  realisasi_semester_1: textField({ maxLength: 40 }),
  realisasi_semester_2: textField({ maxLength: 40 }),
});

export async function apbdesRoutes(app: FastifyInstance): Promise<void> {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  const open = { schema: { hide: true } };

  app.get(BASE, staff, async (request, reply) => {
    const actor = staffOf(request);
    const wanted = queryText(request).tahun;
    const year = wanted ? parseYear(wanted) : currentYear(request.ctx);
    if (actor.scope.type === 'region' && scopeLevel(actor.scope.code) === 'village')
      return reply.redirect(budgetUrl(actor.scope.code, year), 303);
    return reply.page(<StaffIndexPage year={year} rows={await listBudgetsInScope(request.ctx, year)} />);
  });

  app.get('/kelola/apbdes/:code/:year', staff, async (request, reply) => {
    const params = request.params as BudgetParams;
    const editing = queryText(request).ubah;
    let values: Record<string, string> | undefined;
    if (editing) {
      const budget = await getBudgetForStaff(request.ctx, params.code, parseYear(params.year));
      const line = budget.lines.find((l) => l.code === editing);
      if (line)
        values = {
          kode: line.code,
          uraian: line.name,
          anggaran: String(line.budget),
          realisasi_semester_1: String(line.realisedS1),
          realisasi_semester_2: String(line.realisedS2),
        };
    }
    return reply.page(await staffPage(request, params, { values }));
  });

  formRoute(app, '/kelola/apbdes/:code/:year/baris', {
    preHandler: requireStaff(),
    body: LineForm,
    page: (request, { values, errors }) => staffPage(request, request.params, { values, errors }),
    handle: async (request, reply, form) => {
      const { code, year } = request.params;
      const line = await saveLine(request.ctx, code, parseYear(year), form);
      setFlash(reply, t('apbdes.lineSaved', { code: line.code }));
      return reply.redirect(budgetUrl(code, Number(year)), 303);
    },
  });

  formRoute(app, '/kelola/apbdes/:code/:year/baris/hapus', {
    preHandler: requireStaff(),
    body: formBody({ kode: textField({ maxLength: 40 }) }),
    handle: async (request, reply, form) => {
      const { code, year } = request.params;
      await removeLine(request.ctx, code, parseYear(year), form.kode ?? '');
      setFlash(reply, t('apbdes.lineDeleted', { code: form.kode ?? '' }));
      return reply.redirect(budgetUrl(code, Number(year)), 303);
    },
  });

  formRoute(app, '/kelola/apbdes/:code/:year/status', {
    preHandler: requireStaff(),
    body: formBody({ status: textField({ maxLength: 20 }) }),
    page: (request, { errors }) => staffPage(request, request.params, { errors }),
    handle: async (request, reply, form) => {
      const { code, year } = request.params;
      await setStatus(request.ctx, code, parseYear(year), form.status ?? '');
      setFlash(reply, t(form.status === 'published' ? 'apbdes.publishedFlash' : 'apbdes.withdrawnFlash'));
      return reply.redirect(budgetUrl(code, Number(year)), 303);
    },
  });

  formRoute(app, '/kelola/apbdes/:code/:year/impor', {
    preHandler: requireStaff(),
    body: formBody({}),
    read: (request) => {
      const { code, year } = request.params as BudgetParams;
      return readOneUpload(request, {
        maxBytes: MAX_UPLOAD,
        start: (fileName) =>
          createBudgetImport(request.ctx, { villageCode: code, year: parseYear(year), fileName }),
        noFile: t('apbdes.error.noFile'),
        tooLarge: t('apbdes.error.fileTooLarge'),
      });
    },
    page: (request, { errors }) =>
      staffPage(request, request.params, { importError: errors.file ?? Object.values(errors).join(' ') }),
    handle: async (request, reply, _form, upload) => {
      if (upload.problem || !upload.job) {
        if (upload.job) await refuseBudgetImport(request.ctx, upload.job.id, upload.problem ?? '');
        refuseMissingFile(request.ctx, request.params.code, upload.problem ?? t('apbdes.error.noFile'));
      }
      // the request only queues the import; the platform's `imports` job runs it
      await queueBudgetImport(request.ctx, upload.job.id);
      return reply.redirect(`${BASE}/impor/${upload.job.id}`, 303);
    },
  });

  app.get('/kelola/apbdes/impor/:id', staff, async (request, reply) => {
    const job = await getBudgetImport(request.ctx, (request.params as { id: string }).id);
    return reply.page(<ImportStatusPage job={job} percent={importPercent(job)} />);
  });

  app.get('/kelola/apbdes/impor/:id/galat.csv', staff, async (request, reply) => {
    const file = await budgetImportErrors(request.ctx, (request.params as { id: string }).id);
    return attachment(reply, 'baris-ditolak-apbdes.csv', 'text/csv; charset=utf-8').send(file.bytes);
  });

  // ---- the published template (anyone may read the format) ----

  app.get(TEMPLATE_CSV, open, async (_request, reply) => {
    return attachment(reply, 'templat-apbdes.csv', 'text/csv; charset=utf-8').send(
      templateRows().map(csvLine).join(''),
    );
  });

  app.get(TEMPLATE_XLSX, open, async (_request, reply) => {
    const stream = new PassThrough();
    const writer = await xlsxWriter(stream, 'APBDes');
    void (async () => {
      for (const row of templateRows()) await writer.row(row);
      await writer.close();
    })().catch((error: unknown) => stream.destroy(error as Error));
    return attachment(
      reply,
      'templat-apbdes.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ).send(stream);
  });

  // ---- public pages ----

  const regencyPage = async (request: FastifyRequest, reply: FastifyReply, year: number) => {
    const [summary, years, name] = await Promise.all([
      regencySummary(request.ctx, year),
      publishedYears(request.ctx),
      regencyName(request.ctx),
    ]);
    return reply.page(<RegencyBudgetPage summary={summary} years={years} regencyName={name} />);
  };

  app.get('/apbdes', open, async (request, reply) => {
    const years = await publishedYears(request.ctx);
    return regencyPage(request, reply, years[0] ?? currentYear(request.ctx));
  });

  app.get('/apbdes/:year', open, async (request, reply) => {
    return regencyPage(request, reply, parseYear((request.params as { year: string }).year));
  });

  const villagePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    year: number | null,
  ) => {
    const village = await findVillage(request.ctx, code);
    if (!village) throw new NotFound(t('apbdes.error.villageNotFound'));
    const years = await publishedYears(request.ctx, village.code);
    const shown = year ?? years[0] ?? currentYear(request.ctx);
    if (village.code !== code)
      return reply.redirect(`/desa/${village.code}/apbdes${year ? `/${year}` : ''}`, 301);
    const budget = await getPublishedBudget(request.ctx, village.code, shown);
    return reply.page(
      <VillageBudgetPage
        villageCode={village.code}
        villageName={village.name}
        year={shown}
        budget={budget}
        years={years}
      />,
    );
  };

  app.get('/desa/:code/apbdes', open, async (request, reply) => {
    return villagePage(request, reply, (request.params as { code: string }).code, null);
  });

  app.get('/desa/:code/apbdes/:year', open, async (request, reply) => {
    const params = request.params as BudgetParams;
    return villagePage(request, reply, params.code, parseYear(params.year));
  });
}
