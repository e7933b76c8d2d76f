import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/guards.ts';
import { csvLine, spreadsheetText } from '../../platform/csv.ts';
import { attachment } from '../../platform/http/download.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { pageNumber as parsePage, queryText } from '../../platform/http/input.ts';
import { readOneUpload } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import { importPercent } from '../../platform/imports/index.ts';
import { regionName } from '../regions/service.ts';
import { correctionRoutes } from './corrections-routes.tsx';
import { fieldLabel, fieldValue } from './display.ts';
import { CHANGE_LIMIT } from './importer.ts';
import { EXPORT_COLUMNS } from './opensid.ts';
import {
  type ArrivalKind,
  assertMayKeepRegistry,
  createImportJob,
  createResident,
  exportResidents,
  figureRegions,
  getFamily,
  getImport,
  getResident,
  getStatistics,
  importChanges,
  importErrorFile,
  listImports,
  listResidents,
  openingVillage,
  queueImportJob,
  recordDeparture,
  refuseImportJob,
  registryRights,
  residentHistory,
  residentToForm,
  today,
  updateResident,
  villageAddresses,
  villagesWithRecords,
} from './service.ts';
import {
  DeparturePage,
  DetailPage,
  FamilyPage,
  FamilyPrintPage,
  ImportPage,
  ImportStatusPage,
  ListPage,
  ResidentFormPage,
  StatsPage,
  statsCharts,
  statsCsvRows,
  type VillageChoice,
} from './views/pages.tsx';
import './messages.ts';

const BASE = '/kelola/penduduk';
const MAX_UPLOAD = 512 * 1024 * 1024;
/** updated rows listed on the import page; the CSV has every row kept */
const CHANGES_ON_PAGE = 100;

/** The village a page is about: ?desa=, else the staff member's own village, else the first in scope with residents. */
async function pickVillage(
  request: FastifyRequest,
): Promise<{ village: VillageChoice; villages: VillageChoice[] }> {
  const villages = await villagesWithRecords(request.ctx);
  const wanted = queryText(request).desa;
  const village = wanted
    ? villages.find((v) => v.code === wanted)
    : await openingVillage(request.ctx, villages);
  if (!village) throw new Forbidden(t('residents.error.villageOutOfScope'));
  return { village, villages };
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && 'value' in (value as object))
    return String((value as { value: unknown }).value ?? '');
  return String(value);
}

/** A registry form: the OpenSID column names the service reads (nama, nik, no_kk, …), all text. */
const RegistryForm = Type.Record(Type.String(), Type.String());

export async function residentRoutes(app: FastifyInstance): Promise<void> {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  await correctionRoutes(app);

  app.get(BASE, staff, async (request, reply) => {
    const { village, villages } = await pickVillage(request);
    const q = queryText(request);
    const filter = {
      q: q.q ?? '',
      dusun: q.dusun ?? '',
      rw: q.rw ?? '',
      rt: q.rt ?? '',
      jk: q.jk ?? '',
      umur: q.umur ?? '',
      status: q.status ?? '',
    };
    const [list, addresses] = await Promise.all([
      listResidents(request.ctx, {
        villageCode: village.code,
        search: filter.q,
        dusun: filter.dusun,
        rw: filter.rw,
        rt: filter.rt,
        sex: filter.jk,
        age: filter.umur,
        status: filter.status,
        page: parsePage(q.page),
      }),
      villageAddresses(request.ctx, village.code),
    ]);
    return reply.page(
      <ListPage
        village={village}
        villages={villages}
        filter={filter}
        residents={list.residents}
        total={list.total}
        page={list.page}
        pageSize={list.pageSize}
        addresses={addresses}
        canEdit={registryRights(request.ctx, village.code).edit}
        today={today(request.ctx)}
      />,
    );
  });

  app.get(`${BASE}/baru`, staff, async (request, reply) => {
    const { village } = await pickVillage(request);
    assertMayKeepRegistry(request.ctx, village.code);
    const q = queryText(request);
    const kind = q.peristiwa === 'lahir' || q.peristiwa === 'pindah_masuk' ? q.peristiwa : 'pendataan';
    const values: Record<string, string> = { peristiwa: kind, warganegara_id: '1' };
    if (kind === 'lahir') {
      values.kk_level = '4';
      values.status_kawin = '1';
      values.pekerjaan_id = '1';
      values.pendidikan_kk_id = '1';
      values.tanggallahir = today(request.ctx);
      if (q.kk && /^\d{16}$/.test(q.kk)) {
        const family = await getFamily(request.ctx, q.kk);
        const father = family.members.find((m) => m.familyRelationCode === 1 && m.sex === 1);
        const mother = family.members.find(
          (m) => (m.familyRelationCode === 3 || m.familyRelationCode === 1) && m.sex === 2,
        );
        Object.assign(values, {
          no_kk: q.kk,
          dusun: family.dusun,
          rw: family.rw,
          rt: family.rt,
          alamat: family.address ?? '',
          nama_ayah: father?.name ?? '',
          nama_ibu: mother?.name ?? '',
          agama_id: String(father?.religionCode ?? mother?.religionCode ?? ''),
        });
      }
    }
    return reply.page(
      <ResidentFormPage
        title={t(kind === 'lahir' ? 'residents.recordBirth' : 'residents.add')}
        action={`${BASE}/baru?desa=${village.code}`}
        values={values}
        creating
        cancel={`${BASE}?desa=${village.code}`}
      />,
    );
  });

  const arrivalKind = (values: Record<string, string>) =>
    (['lahir', 'pindah_masuk', 'pendataan'].includes(values.peristiwa ?? '')
      ? values.peristiwa
      : 'pendataan') as ArrivalKind;

  formRoute(app, `${BASE}/baru`, {
    preHandler: requireStaff(),
    body: RegistryForm,
    page: async (request, { values, errors }) => {
      const { village } = await pickVillage(request);
      return (
        <ResidentFormPage
          title={t(arrivalKind(values) === 'lahir' ? 'residents.recordBirth' : 'residents.add')}
          action={`${BASE}/baru?desa=${village.code}`}
          values={values}
          errors={errors}
          creating
          cancel={`${BASE}?desa=${village.code}`}
        />
      );
    },
    handle: async (request, reply, values) => {
      const { village } = await pickVillage(request);
      const kind = arrivalKind(values);
      const saved = await createResident(request.ctx, village.code, values, { kind, note: values.catatan });
      setFlash(reply, saved.warning ? `${t('residents.saved')} ${saved.warning}` : t('residents.saved'));
      return reply.redirect(`${BASE}/${saved.id}`, 303);
    },
  });

  app.get(`${BASE}/impor`, staff, async (request, reply) => {
    const { village } = await pickVillage(request);
    const imports = await listImports(request.ctx, village.code);
    return reply.page(<ImportPage village={village} imports={imports} values={{}} />);
  });

  app.get(`${BASE}/impor/contoh.csv`, staff, async (_request, reply) => {
    return attachment(reply, 'contoh-impor-penduduk.csv', 'text/csv; charset=utf-8').send(
      csvLine(EXPORT_COLUMNS),
    );
  });

  app.post(`${BASE}/impor`, staff, async (request, reply) => {
    const { village } = await pickVillage(request);
    // the mode comes before the file in the form, so it is known when the file arrives
    const { fields, files: upload } = await readOneUpload(request, {
      maxBytes: MAX_UPLOAD,
      start: (fileName, before) =>
        createImportJob(request.ctx, {
          villageCode: village.code,
          fileName,
          mode: before.mode === 'all_or_nothing' ? 'all_or_nothing' : 'valid_rows',
        }),
      noFile: t('residents.error.noFile'),
      tooLarge: t('residents.error.tooLarge'),
    });
    const { job, problem } = upload;
    const mode = text(fields.mode) || 'valid_rows';
    if (problem || !job) {
      if (job) await refuseImportJob(request.ctx, job.id, problem ?? '');
      const imports = await listImports(request.ctx, village.code);
      return reply.page(
        <ImportPage village={village} imports={imports} values={{ mode }} errors={{ file: problem ?? '' }} />,
        422,
      );
    }
    // the request only queues the import; the platform's `imports` job runs it and its row records
    // progress and the outcome
    await queueImportJob(request.ctx, job.id);
    return reply.redirect(`${BASE}/impor/${job.id}`, 303);
  });

  app.get(`${BASE}/impor/:id`, staff, async (request, reply) => {
    const job = await getImport(request.ctx, (request.params as { id: string }).id);
    const done = job.state === 'selesai';
    return reply.page(
      <ImportStatusPage
        job={job}
        percent={importPercent(job)}
        villageCode={job.village_code}
        hasErrors={Boolean(job.error_file_id)}
        changes={done ? await importChanges(request.ctx, job.id, CHANGES_ON_PAGE) : undefined}
      />,
    );
  });

  // every updated row kept, one line per changed field (formula-safe: names come from the file)
  app.get(`${BASE}/impor/:id/perubahan.csv`, staff, async (request, reply) => {
    const { rows } = await importChanges(request.ctx, (request.params as { id: string }).id, CHANGE_LIMIT);
    const lines = [csvLine(['baris', 'nik', 'nama', 'kolom', 'lama', 'baru'])];
    for (const r of rows)
      for (const f of r.fields)
        lines.push(
          csvLine([
            r.rowNumber,
            r.nik,
            r.name,
            fieldLabel(f.field),
            fieldValue(f.field, f.from),
            fieldValue(f.field, f.to),
          ]),
        );
    return attachment(reply, 'baris-berubah.csv', 'text/csv; charset=utf-8').send(`\uFEFF${lines.join('')}`);
  });

  app.get(`${BASE}/impor/:id/galat.csv`, staff, async (request, reply) => {
    const file = await importErrorFile(request.ctx, (request.params as { id: string }).id);
    return attachment(reply, 'baris-ditolak.csv', 'text/csv; charset=utf-8').send(file.bytes);
  });

  app.get(`${BASE}/ekspor.csv`, staff, async (request, reply) => {
    const { village } = await pickVillage(request);
    const rows = exportResidents(request.ctx, village.code);
    const first = await rows.next(); // permission errors surface before the download starts
    async function* lines() {
      yield csvLine(EXPORT_COLUMNS);
      if (!first.done) yield csvLine(first.value);
      for await (const row of rows) yield csvLine(row);
    }
    return attachment(reply, `penduduk-${village.code}.csv`, 'text/csv; charset=utf-8').send(
      Readable.from(lines()),
    );
  });

  app.get(`${BASE}/ekspor.xlsx`, staff, async (request, reply) => {
    const { village } = await pickVillage(request);
    const rows = exportResidents(request.ctx, village.code);
    const first = await rows.next();
    const stream = new (await import('node:stream')).PassThrough();
    // exceljs takes half a second to load: loaded by the first export
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet('Data Penduduk');
    void (async () => {
      sheet.addRow([...EXPORT_COLUMNS]).commit();
      if (!first.done) sheet.addRow(first.value.map(spreadsheetText)).commit();
      for await (const row of rows) sheet.addRow(row.map(spreadsheetText)).commit();
      sheet.commit();
      await workbook.commit();
    })().catch((error: unknown) => stream.destroy(error as Error));
    return attachment(
      reply,
      `penduduk-${village.code}.xlsx`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ).send(stream);
  });

  const statsRegion = async (request: FastifyRequest): Promise<string> =>
    queryText(request).wilayah || (await figureRegions(request.ctx)).home;

  app.get(`${BASE}/statistik`, staff, async (request, reply) => {
    const region = await statsRegion(request);
    const stats = await getStatistics(request.ctx, region);
    const { choices } = await figureRegions(request.ctx);
    return reply.page(
      <StatsPage
        stats={stats}
        charts={await statsCharts(stats)}
        regionName={await regionName(request.ctx, region)}
        choices={choices}
      />,
    );
  });

  app.get(`${BASE}/statistik.csv`, staff, async (request, reply) => {
    const region = await statsRegion(request);
    const stats = await getStatistics(request.ctx, region);
    return attachment(reply, `statistik-penduduk-${region}.csv`, 'text/csv; charset=utf-8').send(
      statsCsvRows(stats).map(csvLine).join(''),
    );
  });

  app.get(`${BASE}/:id`, staff, async (request, reply) => {
    const resident = await getResident(request.ctx, (request.params as { id: string }).id);
    const history = await residentHistory(request.ctx, resident);
    const canEdit = registryRights(request.ctx, resident.villageCode).edit;
    return reply.page(
      <DetailPage
        resident={resident}
        history={history}
        canEdit={canEdit}
        familyLink={/^\d{16}$/.test(resident.familyNumber)}
        today={today(request.ctx)}
      />,
    );
  });

  app.get(`${BASE}/:id/ubah`, staff, async (request, reply) => {
    const resident = await getResident(request.ctx, (request.params as { id: string }).id);
    assertMayKeepRegistry(request.ctx, resident.villageCode);
    return reply.page(
      <ResidentFormPage
        title={t('residents.editTitle', { name: resident.name })}
        action={`${BASE}/${resident.id}/ubah`}
        values={residentToForm(resident)}
        creating={false}
        cancel={`${BASE}/${resident.id}`}
      />,
    );
  });

  formRoute(app, `${BASE}/:id/ubah`, {
    preHandler: requireStaff(),
    body: RegistryForm,
    page: async (request, { values, errors }) => {
      const { id } = request.params;
      const resident = await getResident(request.ctx, id);
      return (
        <ResidentFormPage
          title={t('residents.editTitle', { name: resident.name })}
          action={`${BASE}/${id}/ubah`}
          values={values}
          errors={errors}
          creating={false}
          cancel={`${BASE}/${id}`}
        />
      );
    },
    handle: async (request, reply, values) => {
      const { id } = request.params;
      const saved = await updateResident(request.ctx, id, values);
      setFlash(reply, saved.warning ? `${t('residents.saved')} ${saved.warning}` : t('residents.saved'));
      return reply.redirect(`${BASE}/${id}`, 303);
    },
  });

  for (const [slug, kind] of [
    ['kematian', 'mati'],
    ['pindah', 'pindah_keluar'],
  ] as const) {
    app.get(`${BASE}/:id/${slug}`, staff, async (request, reply) => {
      const resident = await getResident(request.ctx, (request.params as { id: string }).id);
      assertMayKeepRegistry(request.ctx, resident.villageCode);
      return reply.page(
        <DeparturePage resident={resident} kind={kind} values={{ date: today(request.ctx) }} />,
      );
    });
    formRoute(app, `${BASE}/:id/${slug}`, {
      preHandler: requireStaff(),
      body: RegistryForm,
      page: async (request, { values, errors }) => {
        const resident = await getResident(request.ctx, request.params.id);
        return <DeparturePage resident={resident} kind={kind} values={values} errors={errors} />;
      },
      handle: async (request, reply, values) => {
        const { id } = request.params;
        await recordDeparture(request.ctx, id, kind, values);
        setFlash(reply, t(kind === 'mati' ? 'residents.deathRecorded' : 'residents.moveRecorded'));
        return reply.redirect(`${BASE}/${id}`, 303);
      },
    });
  }

  app.get('/kelola/keluarga/:kk', staff, async (request, reply) => {
    const family = await getFamily(request.ctx, (request.params as { kk: string }).kk);
    return reply.page(
      <FamilyPage
        family={family}
        canEdit={registryRights(request.ctx, family.villageCode).edit}
        today={today(request.ctx)}
        villageName={await regionName(request.ctx, family.villageCode)}
      />,
    );
  });

  app.get('/kelola/keluarga/:kk/cetak', staff, async (request, reply) => {
    const family = await getFamily(request.ctx, (request.params as { kk: string }).kk);
    const kecamatan = family.villageCode.split('.').slice(0, 3).join('.');
    return reply.page(
      <FamilyPrintPage
        family={family}
        today={today(request.ctx)}
        villageName={await regionName(request.ctx, family.villageCode)}
        kecamatanName={await regionName(request.ctx, kecamatan)}
      />,
    );
  });
}
