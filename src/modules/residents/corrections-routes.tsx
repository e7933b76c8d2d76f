import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireResident, requireStaff } from '../../platform/auth/guards.ts';
import { sendPrivateFile } from '../../platform/http/download.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/http/errors.ts';
import { safeReturnPath, setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { queryText } from '../../platform/http/input.ts';
import { readBufferedForm } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  applyCorrection,
  CORRECTABLE,
  CORRECTION_PHOTO_BYTES,
  correctionPhoto,
  correctionSubjects,
  getCorrection,
  listCorrections,
  refuseCorrection,
  requestCorrection,
} from './corrections.ts';
import { openingVillage, villagesWithRecords } from './service.ts';
import {
  CorrectionDecisionPage,
  CorrectionFormPage,
  CorrectionListPage,
  MyCorrectionPage,
} from './views/corrections.tsx';
import './messages.ts';

const STAFF_BASE = '/kelola/penduduk/perbaikan';

/** Where the resident goes back to once the data is fixed: a letter form or their account, nothing else. */
function returnPathOf(request: FastifyRequest): string | null {
  const path = safeReturnPath(queryText(request).kembali, '');
  return /^\/(layanan\/[a-z0-9-]+\/ajukan|akun)(\?|$)/.test(path) ? path : null;
}

interface PhotoUpload {
  photo: { filename: string; bytes: Buffer } | null;
  tooLarge: boolean;
}

/** The correction form: its text fields, and the photo (above the limit: a field error, not a 413). */
async function readCorrectionForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: PhotoUpload }> {
  const form = await readBufferedForm(request, { fileSize: CORRECTION_PHOTO_BYTES, files: 1 });
  return { fields: form.fields, files: { photo: form.files[0] ?? null, tooLarge: form.tooLarge.length > 0 } };
}

const CorrectionForm = formBody({
  ...Object.fromEntries(CORRECTABLE.map((c) => [c.column, textField({ maxLength: 200 })])),
  catatan: textField({ maxLength: 2000 }),
  telepon: textField({ maxLength: 40 }),
});

/** The resident's request form and the office's queue of correction requests. */
export async function correctionRoutes(app: FastifyInstance): Promise<void> {
  const page = { schema: { hide: true } };
  const resident = { ...page, preHandler: requireResident() };
  const staff = { ...page, preHandler: requireStaff() };

  async function formPage(
    request: FastifyRequest,
    state: { values?: Record<string, string>; errors?: Record<string, string | undefined> } = {},
  ) {
    const subjects = await correctionSubjects(request.ctx);
    const wanted = queryText(request).warga;
    const subject = wanted ? subjects.find((s) => s.id === wanted) : subjects[0];
    if (!subject) throw new NotFound(t('residents.correction.notYours'));
    return (
      <CorrectionFormPage
        subject={subject}
        subjects={subjects}
        values={state.values ?? {}}
        errors={state.errors}
        returnPath={returnPathOf(request)}
      />
    );
  }

  app.get('/akun/perbaikan/baru', resident, async (request, reply) => reply.page(await formPage(request)));

  formRoute(app, '/akun/perbaikan/baru', {
    preHandler: requireResident(),
    body: CorrectionForm,
    read: readCorrectionForm,
    page: async (request, { values, errors, files }) =>
      formPage(request, {
        values: values as Record<string, string>,
        errors: {
          ...(files?.tooLarge ? { foto: t('residents.correction.error.photoSize') } : {}),
          ...errors,
        },
      }),
    handle: async (request, reply, form, files) => {
      const subjects = await correctionSubjects(request.ctx);
      const subject = subjects.find((s) => s.id === queryText(request).warga) ?? subjects[0];
      if (!subject) throw new NotFound(t('residents.correction.notYours'));
      const { id } = await requestCorrection(request.ctx, {
        residentId: subject.id,
        values: form as Record<string, string | undefined>,
        note: form.catatan ?? '',
        contactPhone: form.telepon ?? '',
        photo: files.photo,
        photoTooLarge: files.tooLarge,
        returnPath: returnPathOf(request),
      });
      setFlash(reply, t('residents.correction.flash.sent'));
      return reply.redirect(`/akun/perbaikan/${id}`, 303);
    },
  });

  app.get('/akun/perbaikan/:id', resident, async (request, reply) => {
    const view = await getCorrection(request.ctx, (request.params as { id: string }).id);
    return reply.page(<MyCorrectionPage view={view} />);
  });

  // --- the village office ------------------------------------------------------------------------
  app.get(STAFF_BASE, staff, async (request, reply) => {
    const villages = await villagesWithRecords(request.ctx);
    const q = queryText(request);
    const village = q.desa
      ? villages.find((v) => v.code === q.desa)
      : await openingVillage(request.ctx, villages);
    if (!village) throw new Forbidden(t('residents.error.villageOutOfScope'));
    const { rows } = await listCorrections(request.ctx, { villageCode: village.code, state: q.status });
    return reply.page(
      <CorrectionListPage village={village} villages={villages} rows={rows} state={q.status ?? ''} />,
    );
  });

  app.get(`${STAFF_BASE}/:id`, staff, async (request, reply) => {
    const view = await getCorrection(request.ctx, (request.params as { id: string }).id);
    return reply.page(<CorrectionDecisionPage view={view} />);
  });

  app.get(`${STAFF_BASE}/:id/foto`, staff, async (request, reply) => {
    const file = await correctionPhoto(request.ctx, (request.params as { id: string }).id);
    return sendPrivateFile(reply, file, 'inline');
  });

  const decisionPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    state: { values?: Record<string, string>; errors?: Record<string, string | undefined>; message?: string },
  ) => (
    <CorrectionDecisionPage
      view={await getCorrection(request.ctx, request.params.id)}
      errors={state.errors}
      message={state.message}
      values={state.values}
    />
  );

  formRoute(app, `${STAFF_BASE}/:id/terapkan`, {
    preHandler: requireStaff(),
    body: formBody({ bidang: textField({ maxLength: 40 }) }),
    showOnPage: [Conflict],
    page: async (request, state) =>
      decisionPage(request, { ...state, values: state.values as Record<string, string> }),
    handle: async (request, reply, form) => {
      await applyCorrection(request.ctx, request.params.id, { field: form.bidang || undefined });
      setFlash(reply, t('residents.correction.flash.applied'));
      return reply.redirect(`${STAFF_BASE}/${request.params.id}`, 303);
    },
  });

  formRoute(app, `${STAFF_BASE}/:id/tolak`, {
    preHandler: requireStaff(),
    body: formBody({ alasan: textField({ maxLength: 2000 }) }),
    showOnPage: [Conflict],
    page: async (request, state) =>
      decisionPage(request, { ...state, values: state.values as Record<string, string> }),
    handle: async (request, reply, form) => {
      await refuseCorrection(request.ctx, request.params.id, { reason: form.alasan ?? '' });
      setFlash(reply, t('residents.correction.flash.refused'));
      return reply.redirect(`${STAFF_BASE}/${request.params.id}`, 303);
    },
  });
}
