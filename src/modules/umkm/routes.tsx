import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireResident, requireStaff } from '../../platform/auth/guards.ts';
import { csvLine } from '../../platform/csv.ts';
import { attachment } from '../../platform/http/download.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { queryText } from '../../platform/http/input.ts';
import { readOneUpload } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import { xlsxWriter } from '../../platform/tabular/index.ts';
import { findVillage, listVillages } from '../regions/service.ts';
import { type ExportFormat, prepareExport, writeExport } from './export.ts';
import { figureSheet, figuresPage } from './figures.ts';
import { FIELD_NAMES } from './form.ts';
import { createUmkmImport, importPageData, takeUmkmUpload, templateCsv, umkmImportErrors } from './import.ts';
import { photoRoutes } from './photo-routes.tsx';
import { keptVillage } from './policy.ts';
import {
  confirmEnterprise,
  createEnterprise,
  deleteEnterprise,
  enteringVillage,
  getEnterprise,
  listEnterprises,
  myEnterprise,
  myEnterprises,
  registerOwnEnterprise,
  resubmitOwnEnterprise,
  returnEnterprise,
  showcase,
  updateEnterprise,
} from './service.ts';
import { MyEnterpriseFormPage, MyEnterprisePage, MyEnterprisesPage } from './views/owner.tsx';
import { BASE, OWNER_BASE, type Values, valuesOf } from './views/parts.tsx';
import { PortalShowcasePage, VillageShowcasePage } from './views/public.tsx';
import {
  EnterpriseFormPage,
  EnterprisePage,
  FiguresStaffPage,
  ImportPage,
  ListPage,
} from './views/staff.tsx';
import './messages.ts';

/** A village's list of a few hundred enterprises is a small file: 5 MB is generous. */
const MAX_UPLOAD = 5 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const EnterpriseForm = formBody({
  nik_pemilik: textField({ maxLength: 32 }),
  nama_pemilik: textField({ maxLength: 200 }),
  alasan_bukan_warga: textField({ maxLength: 400 }),
  ...Object.fromEntries(FIELD_NAMES.map((name) => [name, textField({ maxLength: 2000 })])),
} as Record<string, ReturnType<typeof textField>>);

const ReturnForm = formBody({ alasan: textField({ maxLength: 1000 }) });

type State = { values?: Values; errors?: Record<string, string> };

function idOf(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

async function detailPage(request: FastifyRequest, id: string, state: State = {}) {
  return <EnterprisePage enterprise={await getEnterprise(request.ctx, id)} {...state} />;
}

function newPage(_request: FastifyRequest, state: State = {}) {
  return (
    <EnterpriseFormPage
      action={`${BASE}/baru`}
      title={t('umkm.new')}
      back={BASE}
      values={state.values ?? { tampilkan: '1' }}
      errors={state.errors}
    />
  );
}

async function editPage(request: FastifyRequest, id: string, state: State = {}) {
  const enterprise = await getEnterprise(request.ctx, id);
  return (
    <EnterpriseFormPage
      action={`${BASE}/${id}/ubah`}
      title={t('umkm.editTitle', { name: enterprise.name })}
      back={`${BASE}/${id}`}
      values={state.values ?? valuesOf(enterprise)}
      errors={state.errors}
    />
  );
}

async function ownerEditPage(request: FastifyRequest, id: string, state: State = {}) {
  const enterprise = await myEnterprise(request.ctx, id);
  return (
    <MyEnterpriseFormPage
      action={`${OWNER_BASE}/${id}/ubah`}
      title={enterprise.name}
      note={enterprise.status === 'terdaftar' ? t('umkm.mine.consentOnly') : undefined}
      values={state.values ?? valuesOf(enterprise)}
      errors={state.errors}
    />
  );
}

function staffRoutes(app: FastifyInstance): void {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };

  app.get(BASE, staff, async (request, reply) => {
    const query = queryText(request);
    const list = await listEnterprises(request.ctx, query);
    return reply.page(
      <ListPage
        rows={list.rows}
        total={list.total}
        page={list.page}
        query={query}
        keeps={keptVillage(request.ctx.actor) !== null}
      />,
    );
  });

  app.get(`${BASE}/baru`, staff, async (request, reply) => {
    enteringVillage(request.ctx);
    return reply.page(newPage(request));
  });
  formRoute(app, `${BASE}/baru`, {
    preHandler: requireStaff(),
    body: EnterpriseForm,
    page: (request, { values, errors }) => newPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      const created = await createEnterprise(request.ctx, enteringVillage(request.ctx), form);
      setFlash(reply, t('umkm.saved'));
      return reply.redirect(`${BASE}/${created.id}`, 303);
    },
  });

  app.get(`${BASE}/angka`, staff, async (request, reply) =>
    reply.page(<FiguresStaffPage page={await figuresPage(request.ctx, queryText(request).wilayah)} />),
  );
  app.get(`${BASE}/angka.csv`, staff, async (request, reply) => {
    const page = await figuresPage(request.ctx, queryText(request).wilayah);
    const body = figureSheet(page)
      .map((line) => csvLine(line))
      .join('');
    return attachment(
      reply,
      `umkm-angka-${page.region.replaceAll('.', '')}.csv`,
      'text/csv; charset=utf-8',
    ).send(`\ufeff${body}`);
  });
  app.get(`${BASE}/angka.xlsx`, staff, async (request, reply) => {
    const page = await figuresPage(request.ctx, queryText(request).wilayah);
    const stream = new PassThrough();
    void (async () => {
      const writer = await xlsxWriter(stream, 'UMKM');
      for (const line of figureSheet(page)) await writer.row(line);
      await writer.close();
    })().catch((error: unknown) => stream.destroy(error as Error));
    return attachment(reply, `umkm-angka-${page.region.replaceAll('.', '')}.xlsx`, XLSX).send(stream);
  });

  for (const format of ['csv', 'xlsx'] as const satisfies readonly ExportFormat[]) {
    app.get(`${BASE}/ekspor.${format}`, staff, async (request, reply) => {
      const prepared = await prepareExport(request.ctx, queryText(request));
      const stream = new PassThrough();
      void writeExport(prepared, format, stream).catch((error: unknown) => stream.destroy(error as Error));
      return attachment(
        reply,
        prepared.fileName(format),
        format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8',
      ).send(stream);
    });
  }

  app.get(`${BASE}/impor`, staff, async (request, reply) => {
    const data = await importPageData(request.ctx);
    return reply.page(<ImportPage imports={data.imports} />);
  });
  formRoute(app, `${BASE}/impor`, {
    preHandler: requireStaff(),
    body: formBody({}),
    read: (request) =>
      readOneUpload(request, {
        maxBytes: MAX_UPLOAD,
        start: (fileName) => createUmkmImport(request.ctx, fileName),
        noFile: t('umkm.error.noFile'),
        tooLarge: t('umkm.error.fileTooLarge'),
      }),
    page: async (request, { errors }) => {
      const data = await importPageData(request.ctx);
      return <ImportPage imports={data.imports} error={errors.file ?? Object.values(errors).join(' ')} />;
    },
    handle: async (request, reply, _form, upload) => {
      await takeUmkmUpload(request.ctx, upload);
      setFlash(reply, t('umkm.import.queued'));
      return reply.redirect(`${BASE}/impor`, 303);
    },
  });
  app.get(`${BASE}/impor/:id/galat.csv`, staff, async (request, reply) => {
    const file = await umkmImportErrors(request.ctx, idOf(request));
    return attachment(reply, 'baris-ditolak-umkm.csv', 'text/csv; charset=utf-8').send(file.bytes);
  });

  app.get(`${BASE}/:id`, staff, async (request, reply) =>
    reply.page(await detailPage(request, idOf(request))),
  );
  app.get(`${BASE}/:id/ubah`, staff, async (request, reply) =>
    reply.page(await editPage(request, idOf(request))),
  );
  formRoute(app, `${BASE}/:id/ubah`, {
    preHandler: requireStaff(),
    body: EnterpriseForm,
    page: (request, { values, errors }) => editPage(request, request.params.id, { values, errors }),
    handle: async (request, reply, form) => {
      await updateEnterprise(request.ctx, request.params.id, form);
      setFlash(reply, t('umkm.saved'));
      return reply.redirect(`${BASE}/${request.params.id}`, 303);
    },
  });
  formRoute(app, `${BASE}/:id/terima`, {
    preHandler: requireStaff(),
    body: formBody({}),
    page: (request, { errors }) => detailPage(request, request.params.id, { errors }),
    handle: async (request, reply) => {
      await confirmEnterprise(request.ctx, request.params.id);
      setFlash(reply, t('umkm.check.confirmed'));
      return reply.redirect(`${BASE}?status=menunggu`, 303);
    },
  });
  formRoute(app, `${BASE}/:id/kembalikan`, {
    preHandler: requireStaff(),
    body: ReturnForm,
    page: (request, { values, errors }) => detailPage(request, request.params.id, { values, errors }),
    handle: async (request, reply, form) => {
      await returnEnterprise(request.ctx, request.params.id, form);
      setFlash(reply, t('umkm.check.returned'));
      return reply.redirect(`${BASE}?status=menunggu`, 303);
    },
  });
  formRoute(app, `${BASE}/:id/hapus`, {
    preHandler: requireStaff(),
    body: formBody({}),
    handle: async (request, reply) => {
      await deleteEnterprise(request.ctx, request.params.id);
      setFlash(reply, t('umkm.deleted'));
      return reply.redirect(BASE, 303);
    },
  });
}

function ownerRoutes(app: FastifyInstance): void {
  const resident = { preHandler: requireResident(), schema: { hide: true } };
  const ownerNew = (state: State = {}) => (
    <MyEnterpriseFormPage
      action={`${OWNER_BASE}/baru`}
      title={t('umkm.mine.register')}
      values={state.values ?? { tampilkan: '1' }}
      errors={state.errors}
    />
  );
  app.get(OWNER_BASE, resident, async (request, reply) =>
    reply.page(<MyEnterprisesPage rows={await myEnterprises(request.ctx)} />),
  );
  app.get(`${OWNER_BASE}/baru`, resident, async (_request, reply) => reply.page(ownerNew()));
  formRoute(app, `${OWNER_BASE}/baru`, {
    preHandler: requireResident(),
    body: EnterpriseForm,
    page: (_request, { values, errors }) => ownerNew({ values, errors }),
    handle: async (request, reply, form) => {
      await registerOwnEnterprise(request.ctx, form);
      setFlash(reply, t('umkm.mine.sent'));
      return reply.redirect(OWNER_BASE, 303);
    },
  });
  app.get(`${OWNER_BASE}/:id`, resident, async (request, reply) =>
    reply.page(<MyEnterprisePage enterprise={await myEnterprise(request.ctx, idOf(request))} />),
  );
  app.get(`${OWNER_BASE}/:id/ubah`, resident, async (request, reply) =>
    reply.page(await ownerEditPage(request, idOf(request))),
  );
  formRoute(app, `${OWNER_BASE}/:id/ubah`, {
    preHandler: requireResident(),
    body: EnterpriseForm,
    page: (request, { values, errors }) => ownerEditPage(request, request.params.id, { values, errors }),
    handle: async (request, reply, form) => {
      await resubmitOwnEnterprise(request.ctx, request.params.id, form);
      setFlash(reply, t('umkm.mine.updated'));
      return reply.redirect(`${OWNER_BASE}/${request.params.id}`, 303);
    },
  });
}

function publicRoutes(app: FastifyInstance): void {
  const open = { schema: { hide: true } };
  app.get('/desa/:code/umkm', open, async (request, reply) => {
    const code = (request.params as { code: string }).code;
    const village = await findVillage(request.ctx, code);
    if (!village) throw new NotFound(t('regions.error.villageNotFound'));
    if (village.code !== code) return reply.redirect(`/desa/${village.code}/umkm`, 301);
    const result = await showcase(request.ctx, { village: village.code, page: queryText(request).page });
    return reply.page(
      <VillageShowcasePage
        villageCode={village.code}
        villageName={village.name}
        rows={result.rows}
        total={result.total}
        page={result.page}
      />,
    );
  });
  app.get('/umkm', open, async (request, reply) => {
    const query = queryText(request);
    const result = await showcase(request.ctx, { q: query.q, sektor: query.sektor, page: query.page });
    const names = new Map((await listVillages(request.ctx)).map((v) => [v.code, v.name]));
    return reply.page(
      <PortalShowcasePage
        rows={result.rows}
        total={result.total}
        page={result.page}
        query={query}
        villageNames={names}
      />,
    );
  });
  app.get('/umkm/templat-impor.csv', open, async (_request, reply) =>
    attachment(reply, 'templat-umkm.csv', 'text/csv; charset=utf-8').send(`\ufeff${templateCsv()}`),
  );
}

export async function umkmRoutes(app: FastifyInstance): Promise<void> {
  staffRoutes(app);
  ownerRoutes(app);
  publicRoutes(app);
  photoRoutes(app);
}
