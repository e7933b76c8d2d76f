import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireResident, requireStaff } from '../../platform/auth/guards.ts';
import { csvLine } from '../../platform/csv.ts';
import { readFile } from '../../platform/files/index.ts';
import { attachment, sendPrivateFile } from '../../platform/http/download.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { queryText } from '../../platform/http/input.ts';
import { readBufferedForm, readOneUpload } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import { xlsxWriter } from '../../platform/tabular/index.ts';
import { findVillage } from '../regions/service.ts';
import { figuresTable, tableCells, tableHeader } from './figures.ts';
import { aidImportErrors, createAidImport, importPageData, takeAidUpload, templateCsv } from './import.ts';
import { mayKeepProgramme, mayKeepVillageAid, readsAidRecords } from './policy.ts';
import {
  addBeneficiary,
  createProgramme,
  familyAid,
  getBeneficiary,
  listBeneficiaries,
  listProgrammes,
  publicDanaDesaList,
  setDecile,
  stopBeneficiary,
  verifyBeneficiary,
} from './registry.ts';
import {
  applicableProgrammes,
  approve,
  fileApplication,
  forwardToDinsos,
  getApplication,
  listApplications,
  minutesScanId,
  myApplications,
  recordDisbursement,
  reject,
  resubmit,
  returnToApplicant,
  type ScanUpload,
  today,
  verifyByVillage,
} from './service.ts';
import { applicationUrl, BASE, beneficiaryUrl, familyUrl, RESIDENT_BASE } from './views/parts.tsx';
import { PublicDanaDesaPage } from './views/public.tsx';
import { MyApplicationPage, MyApplicationsPage, NewApplicationPage } from './views/resident.tsx';
import {
  ApplicationsPage,
  BeneficiariesPage,
  BeneficiaryPage,
  FamilyPage,
  FiguresPage,
  ImportPage,
  ProgrammesPage,
  StaffApplicationPage,
  StaffNewApplicationPage,
} from './views/staff.tsx';
import './messages.ts';

type Values = Record<string, string | undefined>;
type State = { values?: Values; errors?: Record<string, string> };

const MAX_SCAN = 5 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ApplicationForm = formBody({
  nik: textField({ maxLength: 32 }),
  program: textField({ maxLength: 64 }),
  alasan: textField({ maxLength: 2000 }),
  telepon: textField({ maxLength: 32 }),
});
const ReasonForm = formBody({
  alasan: textField({ maxLength: 2000 }),
  telepon: textField({ maxLength: 32 }),
});
const NoteForm = formBody({ catatan: textField({ maxLength: 2000 }) });
const VerifyForm = formBody({
  tanggal_musdes: textField({ maxLength: 20 }),
  nomor_berita_acara: textField({ maxLength: 200 }),
  catatan: textField({ maxLength: 2000 }),
});
const DisburseForm = formBody({
  tanggal: textField({ maxLength: 20 }),
  jumlah: textField({ maxLength: 20 }),
  barang: textField({ maxLength: 400 }),
});
const EntryForm = formBody({
  program: textField({ maxLength: 64 }),
  periode: textField({ maxLength: 10 }),
  nik: textField({ maxLength: 32 }),
  no_kk: textField({ maxLength: 32 }),
});
const DecileForm = formBody({
  desil: textField({ maxLength: 4 }),
  tanggal_data: textField({ maxLength: 20 }),
  sumber: textField({ maxLength: 100 }),
});
const ProgrammeForm = formBody({
  kode: textField({ maxLength: 40 }),
  nama: textField({ maxLength: 200 }),
  sumber: textField({ maxLength: 20 }),
  sasaran: textField({ maxLength: 20 }),
  manfaat: textField({ maxLength: 300 }),
  mulai: textField({ maxLength: 20 }),
  selesai: textField({ maxLength: 20 }),
});

function idOf(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

function staffVillage(request: FastifyRequest): string | null {
  const actor = request.ctx.actor;
  return actor?.kind === 'staff' &&
    actor.scope.type === 'region' &&
    mayKeepVillageAid(actor, actor.scope.code)
    ? actor.scope.code
    : null;
}

/** Reads the verification form: its fields and the one berita acara scan. */
async function readVerifyForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: { scan: ScanUpload | null; problem: string | null } }> {
  const form = await readBufferedForm(request, { fileSize: MAX_SCAN, files: 1 });
  const problem = form.tooLarge.length > 0 ? t('aid.error.scanTooLarge') : null;
  return { fields: form.fields, files: { scan: form.files[0] ?? null, problem } };
}

async function residentRoutes(app: FastifyInstance) {
  const resident = { preHandler: requireResident(), schema: { hide: true } };
  const newPage = async (request: FastifyRequest, state: State = {}) => {
    const actor = request.ctx.actor;
    const programmes =
      actor?.kind === 'resident' ? await applicableProgrammes(request.ctx, actor.villageCode) : [];
    return <NewApplicationPage programmes={programmes} {...state} />;
  };
  const onePage = async (request: FastifyRequest, state: State = {}) => (
    <MyApplicationPage page={await getApplication(request.ctx, idOf(request))} {...state} />
  );
  app.get(RESIDENT_BASE, resident, async (request, reply) =>
    reply.page(<MyApplicationsPage rows={await myApplications(request.ctx)} />),
  );
  app.get(`${RESIDENT_BASE}/baru`, resident, async (request, reply) => reply.page(await newPage(request)));
  formRoute(app, `${RESIDENT_BASE}/baru`, {
    preHandler: requireResident(),
    body: ApplicationForm,
    page: (request, { values, errors }) => newPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      const { id } = await fileApplication(request.ctx, form);
      setFlash(reply, t('aid.flash.filed'));
      return reply.redirect(`${RESIDENT_BASE}/${id}`, 303);
    },
  });
  app.get(`${RESIDENT_BASE}/:id`, resident, async (request, reply) => reply.page(await onePage(request)));
  formRoute(app, `${RESIDENT_BASE}/:id/ajukan-ulang`, {
    preHandler: requireResident(),
    body: ReasonForm,
    page: (request, { values, errors }) => onePage(request, { values, errors }),
    handle: async (request, reply, form) => {
      await resubmit(request.ctx, request.params.id, form);
      setFlash(reply, t('aid.flash.resubmitted'));
      return reply.redirect(`${RESIDENT_BASE}/${request.params.id}`, 303);
    },
  });
}

async function applicationRoutes(app: FastifyInstance) {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  const detail = async (request: FastifyRequest, state: State = {}) => (
    <StaffApplicationPage page={await getApplication(request.ctx, idOf(request))} {...state} />
  );
  app.get(BASE, staff, async (request, reply) => {
    if (!readsAidRecords(request.ctx.actor)) return reply.redirect(`${BASE}/angka`, 303);
    const q = queryText(request);
    const filter = {
      status: q.status,
      kecamatan: q.kecamatan,
      desa: q.desa,
      program: q.program,
      page: q.page,
    };
    const list = await listApplications(request.ctx, filter);
    return reply.page(
      <ApplicationsPage
        {...list}
        filter={filter}
        programmes={await listProgrammes(request.ctx)}
        mayFile={staffVillage(request) !== null}
      />,
    );
  });
  const newPage = async (request: FastifyRequest, state: State = {}) => {
    const village = staffVillage(request);
    if (!village) throw new NotFound();
    return (
      <StaffNewApplicationPage programmes={await applicableProgrammes(request.ctx, village)} {...state} />
    );
  };
  app.get(`${BASE}/usulan/baru`, staff, async (request, reply) => reply.page(await newPage(request)));
  formRoute(app, `${BASE}/usulan/baru`, {
    preHandler: requireStaff(),
    body: ApplicationForm,
    page: (request, { values, errors }) => newPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      const { id } = await fileApplication(request.ctx, form);
      setFlash(reply, t('aid.flash.filed'));
      return reply.redirect(applicationUrl(id), 303);
    },
  });
  app.get(`${BASE}/usulan/:id`, staff, async (request, reply) => reply.page(await detail(request)));
  app.get(`${BASE}/usulan/:id/berita-acara`, staff, async (request, reply) => {
    const file = await readFile(request.ctx, await minutesScanId(request.ctx, idOf(request)));
    return sendPrivateFile(reply, file, 'inline');
  });
  formRoute(app, `${BASE}/usulan/:id/verifikasi`, {
    preHandler: requireStaff(),
    body: VerifyForm,
    read: readVerifyForm,
    page: (request, { values, errors }) => detail(request, { values, errors }),
    handle: async (request, reply, form, files) => {
      if (files.problem) throw new Invalid({ berita_acara: files.problem });
      await verifyByVillage(request.ctx, request.params.id, form, files.scan);
      setFlash(reply, t('aid.flash.verified'));
      return reply.redirect(applicationUrl(request.params.id), 303);
    },
  });
  const step = (
    path: string,
    body: typeof NoteForm | typeof ReasonForm | typeof DisburseForm,
    work: (request: FastifyRequest<{ Params: { id: string } }>, form: Values) => Promise<void>,
    flash: string,
  ) =>
    formRoute(app, `${BASE}/usulan/:id/${path}`, {
      preHandler: requireStaff(),
      body,
      page: (request, { values, errors }) => detail(request, { values, errors }),
      handle: async (request, reply, form) => {
        await work(request, form as Values);
        setFlash(reply, t(flash));
        return reply.redirect(applicationUrl(request.params.id), 303);
      },
    });
  step('kembalikan', ReasonForm, (r, f) => returnToApplicant(r.ctx, r.params.id, f), 'aid.flash.returned');
  step('teruskan', NoteForm, (r) => forwardToDinsos(r.ctx, r.params.id), 'aid.flash.forwarded');
  step('setujui', NoteForm, (r, f) => approve(r.ctx, r.params.id, f), 'aid.flash.approved');
  step('tolak', ReasonForm, (r, f) => reject(r.ctx, r.params.id, f), 'aid.flash.rejected');
  step('salurkan', DisburseForm, (r, f) => recordDisbursement(r.ctx, r.params.id, f), 'aid.flash.disbursed');
}

async function registryRoutes(app: FastifyInstance) {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  const listPage = async (request: FastifyRequest, state: State = {}) => {
    const q = queryText(request);
    const filter = { program: q.program, periode: q.periode, desa: q.desa, tinjau: q.tinjau, page: q.page };
    return (
      <BeneficiariesPage
        list={await listBeneficiaries(request.ctx, filter)}
        filter={filter}
        programmes={await listProgrammes(request.ctx)}
        addTo={staffVillage(request)}
        values={state.values ?? { periode: today(request.ctx).slice(0, 4) }}
        errors={state.errors}
      />
    );
  };
  app.get(`${BASE}/penerima`, staff, async (request, reply) => reply.page(await listPage(request)));
  formRoute(app, `${BASE}/penerima`, {
    preHandler: requireStaff(),
    body: EntryForm,
    page: (request, { values, errors }) => listPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      const id = await addBeneficiary(request.ctx, staffVillage(request) ?? '', form);
      setFlash(reply, t('aid.flash.entryAdded'));
      return reply.redirect(beneficiaryUrl(id), 303);
    },
  });
  const entryPage = async (request: FastifyRequest, state: State = {}) => (
    <BeneficiaryPage data={await getBeneficiary(request.ctx, idOf(request))} {...state} />
  );
  app.get(`${BASE}/penerima/:id`, staff, async (request, reply) => reply.page(await entryPage(request)));
  formRoute(app, `${BASE}/penerima/:id/verifikasi`, {
    preHandler: requireStaff(),
    body: formBody({}),
    page: (request, { errors }) => entryPage(request, { errors }),
    handle: async (request, reply) => {
      await verifyBeneficiary(request.ctx, request.params.id);
      setFlash(reply, t('aid.flash.entryVerified'));
      return reply.redirect(beneficiaryUrl(request.params.id), 303);
    },
  });
  formRoute(app, `${BASE}/penerima/:id/hentikan`, {
    preHandler: requireStaff(),
    body: ReasonForm,
    page: (request, { values, errors }) => entryPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      await stopBeneficiary(request.ctx, request.params.id, form);
      setFlash(reply, t('aid.flash.entryStopped'));
      return reply.redirect(beneficiaryUrl(request.params.id), 303);
    },
  });
  const familyPage = async (request: FastifyRequest, state: State = {}) => (
    <FamilyPage data={await familyAid(request.ctx, (request.params as { kk: string }).kk)} {...state} />
  );
  app.get(`${BASE}/keluarga/:kk`, staff, async (request, reply) => reply.page(await familyPage(request)));
  formRoute(app, `${BASE}/keluarga/:kk/desil`, {
    preHandler: requireStaff(),
    body: DecileForm,
    page: (request, { values, errors }) => familyPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      await setDecile(request.ctx, request.params.kk, form);
      setFlash(reply, t('aid.flash.decileSaved'));
      return reply.redirect(familyUrl(request.params.kk), 303);
    },
  });
  const programmesPage = async (request: FastifyRequest, state: State = {}) => {
    const village = staffVillage(request);
    return (
      <ProgrammesPage
        programmes={await listProgrammes(request.ctx)}
        mayAdd={mayKeepProgramme(request.ctx.actor, village)}
        villageOwn={village !== null}
        {...state}
      />
    );
  };
  app.get(`${BASE}/program`, staff, async (request, reply) => reply.page(await programmesPage(request)));
  formRoute(app, `${BASE}/program`, {
    preHandler: requireStaff(),
    body: ProgrammeForm,
    page: (request, { values, errors }) => programmesPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      await createProgramme(request.ctx, staffVillage(request), form);
      setFlash(reply, t('aid.flash.programmeSaved'));
      return reply.redirect(`${BASE}/program`, 303);
    },
  });
}

async function importRoutes(app: FastifyInstance) {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  app.get(`${BASE}/impor`, staff, async (request, reply) =>
    reply.page(<ImportPage imports={(await importPageData(request.ctx)).imports} />),
  );
  formRoute(app, `${BASE}/impor`, {
    preHandler: requireStaff(),
    body: formBody({}),
    read: (request) =>
      readOneUpload(request, {
        maxBytes: MAX_SCAN,
        start: (fileName) => createAidImport(request.ctx, fileName),
        noFile: t('aid.import.noFile'),
        tooLarge: t('aid.import.tooLarge'),
      }),
    page: async (request, { errors }) => (
      <ImportPage
        imports={(await importPageData(request.ctx)).imports}
        error={errors.file ?? Object.values(errors).join(' ')}
      />
    ),
    handle: async (request, reply, _form, upload) => {
      await takeAidUpload(request.ctx, upload);
      setFlash(reply, t('aid.import.queued'));
      return reply.redirect(`${BASE}/impor`, 303);
    },
  });
  app.get(`${BASE}/impor/:id/galat.csv`, staff, async (request, reply) => {
    const file = await aidImportErrors(request.ctx, idOf(request));
    return attachment(reply, 'baris-ditolak-bansos.csv', 'text/csv; charset=utf-8').send(file.bytes);
  });
  app.get(`${BASE}/templat-impor.csv`, staff, async (_request, reply) =>
    attachment(reply, 'templat-penerima-bansos.csv', 'text/csv; charset=utf-8').send(templateCsv()),
  );
}

async function figuresRoutes(app: FastifyInstance) {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  const table = (request: FastifyRequest) => {
    const q = queryText(request);
    return figuresTable(request.ctx, { region: q.wilayah, period: q.periode });
  };
  app.get(`${BASE}/angka`, staff, async (request, reply) =>
    reply.page(<FiguresPage table={await table(request)} />),
  );
  app.get(`${BASE}/angka.csv`, staff, async (request, reply) => {
    const data = await table(request);
    const lines = [csvLine(tableHeader(data)), ...data.rows.map((row) => csvLine(tableCells(data, row)))];
    return attachment(reply, `bansos-${data.region.replaceAll('.', '')}.csv`, 'text/csv; charset=utf-8').send(
      `\ufeff${lines.join('')}`,
    );
  });
  app.get(`${BASE}/angka.xlsx`, staff, async (request, reply) => {
    const data = await table(request);
    const stream = new PassThrough();
    const write = async () => {
      const writer = await xlsxWriter(stream, 'Bansos');
      await writer.row(tableHeader(data));
      for (const row of data.rows) await writer.row(tableCells(data, row));
      await writer.close();
    };
    void write().catch((error: unknown) => stream.destroy(error as Error));
    return attachment(reply, `bansos-${data.region.replaceAll('.', '')}.xlsx`, XLSX).send(stream);
  });
}

/** The aid module's pages: the resident's applications, the staff's queues and registry, the public BLT-DD list. */
export async function aidRoutes(app: FastifyInstance): Promise<void> {
  await residentRoutes(app);
  await applicationRoutes(app);
  await registryRoutes(app);
  await importRoutes(app);
  await figuresRoutes(app);
  app.get('/desa/:code/blt-dd', { schema: { hide: true } }, async (request, reply) => {
    const code = (request.params as { code: string }).code;
    const village = await findVillage(request.ctx, code);
    if (!village) throw new NotFound(t('regions.error.villageNotFound'));
    if (village.code !== code) return reply.redirect(`/desa/${village.code}/blt-dd`, 301);
    const q = queryText(request);
    const period = q.periode && /^20\d{2}$/.test(q.periode) ? q.periode : today(request.ctx).slice(0, 4);
    const rows = await publicDanaDesaList(request.ctx, village.code, period);
    return reply.page(
      <PublicDanaDesaPage
        villageCode={village.code}
        villageName={village.name}
        period={period}
        rows={rows}
      />,
    );
  });
}
