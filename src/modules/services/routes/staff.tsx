import type { FastifyInstance } from 'fastify';
import { requireStaff, staffOf } from '../../../platform/auth/guards.ts';
import { issuePin } from '../../../platform/auth/resident-login.ts';
import { sendPrivateFile } from '../../../platform/http/download.ts';
import { Conflict, Invalid } from '../../../platform/http/errors.ts';
import { setFlash } from '../../../platform/http/flash.ts';
import {
  type FormRequest,
  formBody,
  formRoute,
  textField,
  textFields,
} from '../../../platform/http/form-route.ts';
import { pageNumber as parsePage, queryText } from '../../../platform/http/input.ts';
import { t } from '../../../platform/i18n/index.ts';
import { sendLetterPdf } from '../../letters/service.ts';
import { regionName } from '../../regions/service.ts';
import { findResidentByNik } from '../../residents/service.ts';
import { prefilledValues } from '../forms.ts';
import { REQUEST_STATES, type RequestState } from '../schema.ts';
import {
  applicantSnapshot,
  approveStep,
  familyOf,
  getRequest,
  listCatalog,
  listQueue,
  markCollected,
  QUEUE_PAGE_SIZE,
  queueVillages,
  rejectRequest,
  requestAttachment,
  requestLetterPdf,
  requestLetterPreview,
  returnForCorrection,
  saveRequest,
  serviceSpeed,
  setVillageServices,
  startRequest,
} from '../service.ts';
import { filedRequestForm } from '../views/parts.tsx';
import {
  AssistFormPage,
  AssistStartPage,
  IssuePinPage,
  QueuePage,
  ServiceSpeedPage,
  StaffRequestPage,
} from '../views/staff.tsx';
import {
  flashFor,
  RequestForm,
  readRequestForm,
  requestInputOf,
  withUploadProblems,
} from './request-form.ts';

type StaffActionUrl = `/kelola/layanan/permohonan/:id/${string}`;

function staffEditPage(
  view: Awaited<ReturnType<typeof getRequest>>,
  errors?: Record<string, string>,
  values?: Record<string, string>,
) {
  return (
    <AssistFormPage
      action={`/kelola/layanan/permohonan/${view.id}/ubah`}
      {...filedRequestForm(view, values, errors)}
      applicantName={view.applicant.name}
    />
  );
}

/** Staff pages: the request queue and its handling, filing for a resident, PINs, the village's settings. */
export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const page = { schema: { hide: true } };
  const staffOnly = requireStaff();
  const staff = { ...page, preHandler: staffOnly };
  const villageOnly = requireStaff('operator_desa', 'sekretaris_desa', 'kepala_desa');
  const villageStaff = { ...page, preHandler: villageOnly };

  // --- staff: queue and handling ----------------------------------------------------------------
  app.get('/kelola/layanan', staff, async (request, reply) => {
    const actor = staffOf(request);
    const q = queryText(request);
    const status: RequestState | 'aktif' =
      q.status && (REQUEST_STATES as readonly string[]).includes(q.status)
        ? (q.status as RequestState)
        : 'aktif';
    const pageNumber = parsePage(q.page);
    const filter = {
      state: status,
      serviceSlug: q.layanan || undefined,
      q: q.q || undefined,
      villageCode: q.desa || undefined,
      mine: q.giliran === 'saya',
      page: pageNumber,
    };
    const [queue, services, villages] = await Promise.all([
      listQueue(request.ctx, filter),
      listCatalog(request.ctx, { includeInactive: true }),
      queueVillages(request.ctx),
    ]);
    return reply.page(
      <QueuePage
        actor={actor}
        rows={queue.rows}
        total={queue.total}
        page={pageNumber}
        pageSize={QUEUE_PAGE_SIZE}
        filter={{
          status,
          layanan: q.layanan,
          q: q.q,
          desa: q.desa,
          giliran: filter.mine ? 'saya' : undefined,
        }}
        services={services}
        villages={villages}
        now={request.ctx.clock.now()}
      />,
    );
  });

  app.get('/kelola/layanan/kinerja', staff, async (request, reply) => {
    const actor = staffOf(request);
    const year = queryText(request).tahun ?? '';
    const speed = await serviceSpeed(request.ctx, {
      year: /^20\d{2}$/.test(year) ? Number(year) : undefined,
    });
    const region =
      actor.scope.type === 'region' ? await regionName(request.ctx, actor.scope.code) : actor.scope.code;
    return reply.page(
      <ServiceSpeedPage actor={actor} regionName={region} year={speed.year} villages={speed.villages} />,
    );
  });

  app.get('/kelola/layanan/permohonan/:id', staff, async (request, reply) => {
    const view = await getRequest(request.ctx, (request.params as { id: string }).id);
    return reply.page(<StaffRequestPage view={view} />);
  });

  /** The forms on a request's staff page: each action answers with a flash, or the page again. */
  const ActionForm = formBody(
    { approvalNote: textField(), confirm: textField(), note: textField(), reason: textField() },
    { extra: 'text' }, // remark_<field> for each field returned for correction
  );
  function staffAction(
    url: StaffActionUrl,
    act: (
      request: FormRequest<StaffActionUrl>,
      id: string,
      form: typeof ActionForm.static,
    ) => Promise<string>,
  ) {
    formRoute(app, url, {
      preHandler: staffOnly,
      body: ActionForm,
      showOnPage: [Conflict],
      page: async (request, { errors, message }) => (
        <StaffRequestPage
          view={await getRequest(request.ctx, request.params.id)}
          errors={errors}
          message={message}
        />
      ),
      handle: async (request, reply, form) => {
        const { id } = request.params;
        setFlash(reply, await act(request, id, form));
        return reply.redirect(`/kelola/layanan/permohonan/${id}`, 303);
      },
    });
  }

  staffAction('/kelola/layanan/permohonan/:id/setujui', async (request, id, form) => {
    await approveStep(request.ctx, id, { note: form.approvalNote });
    return t('services.flash.approved');
  });

  staffAction('/kelola/layanan/permohonan/:id/tandatangani', async (request, id, form) => {
    if (form.confirm !== '1') throw new Invalid({ confirm: t('services.error.confirmSign') });
    const result = await approveStep(request.ctx, id);
    return t('services.flash.signed', { number: result.letterNumber ?? '' });
  });

  staffAction('/kelola/layanan/permohonan/:id/kembalikan', async (request, id, form) => {
    const remarks: Record<string, string> = {};
    for (const [key, value] of Object.entries(form))
      if (key.startsWith('remark_') && value) remarks[key.slice(7)] = value;
    await returnForCorrection(request.ctx, id, { remarks, note: form.note ?? '' });
    return t('services.flash.returned');
  });

  staffAction('/kelola/layanan/permohonan/:id/tolak', async (request, id, form) => {
    await rejectRequest(request.ctx, id, form.reason ?? '');
    return t('services.flash.rejected');
  });

  staffAction('/kelola/layanan/permohonan/:id/diambil', async (request, id) => {
    await markCollected(request.ctx, id);
    return t('services.flash.collected');
  });

  app.get('/kelola/layanan/permohonan/:id/lampiran/:attachmentId', staff, async (request, reply) => {
    const { id, attachmentId } = request.params as { id: string; attachmentId: string };
    const file = await requestAttachment(request.ctx, id, attachmentId);
    return sendPrivateFile(reply, file, 'inline');
  });

  app.get('/kelola/layanan/permohonan/:id/surat.pdf', staff, async (request, reply) => {
    const file = await requestLetterPdf(request.ctx, (request.params as { id: string }).id);
    return sendLetterPdf(reply, file, 'inline');
  });

  // the signing page shows it inline; phones that cannot, open it by the link beside it
  app.get('/kelola/layanan/permohonan/:id/pratinjau.pdf', staff, async (request, reply) => {
    const preview = await requestLetterPreview(request.ctx, (request.params as { id: string }).id);
    return sendPrivateFile(
      reply,
      {
        bytes: preview.pdf,
        contentType: 'application/pdf',
        name: `pratinjau-${preview.number.replace(/[^\w-]+/g, '_')}.pdf`,
      },
      'inline',
    );
  });

  // --- staff: filing for a resident (operator-assisted) -----------------------------------------
  app.get('/kelola/layanan/ajukan', villageStaff, async (request, reply) => {
    const actor = staffOf(request);
    const q = queryText(request);
    const services = (await listCatalog(request.ctx, { villageCode: actor.scope.code })).filter(
      (s) => s.enabledInVillage,
    );
    if (!q.nik && !q.layanan) return reply.page(<AssistStartPage actor={actor} services={services} />);
    const nik = (q.nik ?? '').replace(/\D/g, '');
    const found = await findResidentByNik(request.ctx, nik);
    const errors: Record<string, string> = {};
    if (!found) errors.nik = t('services.assist.unknownNik');
    else if (found.villageCode !== actor.scope.code) errors.nik = t('services.assist.otherVillage');
    const service = services.find((s) => s.slug === q.layanan);
    if (!service) errors.layanan = t('services.assist.chooseService');
    if (!found || !service || Object.keys(errors).length > 0)
      return reply.page(
        <AssistStartPage
          actor={actor}
          services={services}
          values={{ nik, layanan: q.layanan ?? '' }}
          errors={errors}
        />,
        422,
      );
    const applicant = await applicantSnapshot(request.ctx, found);
    return reply.page(
      <AssistFormPage
        action={`/kelola/layanan/ajukan/${service.slug}`}
        definition={service.definition}
        values={prefilledValues(service.definition, applicant)}
        family={await familyOf(request.ctx, found.familyNumber)}
        attachments={[]}
        residentNik={nik}
        applicantName={found.name}
      />,
    );
  });

  formRoute(app, '/kelola/layanan/ajukan/:slug', {
    preHandler: villageOnly,
    body: RequestForm,
    read: readRequestForm,
    handle: async (request, reply, form, uploads) => {
      const outcome = withUploadProblems(
        await startRequest(request.ctx, request.params.slug, {
          ...requestInputOf(form, uploads),
          residentNik: form.residentNik,
        }),
        uploads.uploadProblems,
      );
      if (Object.keys(outcome.problems).length === 0) {
        flashFor(reply, outcome);
        return reply.redirect(`/kelola/layanan/permohonan/${outcome.id}`, 303);
      }
      setFlash(reply, t('services.flash.savedWithProblems'));
      return reply.redirect(`/kelola/layanan/permohonan/${outcome.id}/ubah`, 303);
    },
  });

  app.get('/kelola/layanan/permohonan/:id/ubah', villageStaff, async (request, reply) => {
    const view = await getRequest(request.ctx, (request.params as { id: string }).id);
    if (!view.can.edit) return reply.redirect(`/kelola/layanan/permohonan/${view.id}`, 303);
    return reply.page(staffEditPage(view));
  });

  formRoute(app, '/kelola/layanan/permohonan/:id/ubah', {
    preHandler: villageOnly,
    body: RequestForm,
    read: readRequestForm,
    handle: async (request, reply, form, uploads) => {
      const { id } = request.params;
      const outcome = withUploadProblems(
        await saveRequest(request.ctx, id, requestInputOf(form, uploads)),
        uploads.uploadProblems,
      );
      if (Object.keys(outcome.problems).length === 0) {
        flashFor(reply, outcome);
        return reply.redirect(`/kelola/layanan/permohonan/${id}`, 303);
      }
      return reply.page(staffEditPage(await getRequest(request.ctx, id), outcome.problems, form), 422);
    },
  });

  // --- staff: PINs and the village's services (the settings page itself is the letters module's) ---
  app.get('/kelola/layanan/pin', villageStaff, async (request, reply) =>
    reply.page(<IssuePinPage actor={staffOf(request)} />),
  );

  formRoute(app, '/kelola/layanan/pin', {
    preHandler: villageOnly,
    body: formBody({ nik: textField() }),
    page: (request, { values, errors }) => (
      <IssuePinPage actor={staffOf(request)} nik={values.nik ?? ''} errors={errors} />
    ),
    handle: async (request, reply, form) => {
      const issued = await issuePin(request.ctx, form.nik ?? '');
      reply.header('cache-control', 'no-store');
      return reply.page(
        <IssuePinPage actor={staffOf(request)} issued={{ pin: issued.pin, name: issued.residentName }} />,
      );
    },
  });

  // one checkbox per service, all named aktif
  formRoute(app, '/kelola/layanan/desa/layanan', {
    preHandler: villageOnly,
    config: { repeatableFields: ['aktif'] },
    body: formBody({ aktif: textFields() }),
    handle: async (request, reply, form) => {
      // a browser sends one aktif per ticked box; an empty value names no service
      const slugs = (form.aktif ?? []).filter((slug) => slug !== '');
      await setVillageServices(request.ctx, staffOf(request).scope.code, slugs);
      setFlash(reply, t('services.flash.settingsSaved'));
      return reply.redirect('/kelola/layanan/desa', 303);
    },
  });
}
