import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireResident, residentOf } from '../../../platform/auth/guards.ts';
import { changePin, pinMustChange } from '../../../platform/auth/resident-login.ts';
import { Forbidden, Invalid, NotFound } from '../../../platform/http/errors.ts';
import { setFlash } from '../../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../../platform/http/form-route.ts';
import { t } from '../../../platform/i18n/index.ts';
import { sendLetterPdf } from '../../letters/service.ts';
import { myCorrections } from '../../residents/index.ts';
import { findResidentByNik } from '../../residents/service.ts';
import { prefilledValues } from '../forms.ts';
import {
  applicantSnapshot,
  cancelRequest,
  deleteDraft,
  familyOf,
  getRequest,
  getService,
  handlerStart,
  myRequests,
  requestLetterPdf,
  type SaveOutcome,
  saveRequest,
  startRequest,
} from '../service.ts';
import { AccountPage, ChangePinPage, MyRequestPage, NewRequestPage } from '../views/resident.tsx';
import {
  flashFor,
  RequestForm,
  readRequestForm,
  requestInputOf,
  withUploadProblems,
} from './request-form.ts';

async function afterResidentSave(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: SaveOutcome,
  values: Record<string, string>,
) {
  if (Object.keys(outcome.problems).length === 0) {
    flashFor(reply, outcome);
    return reply.redirect(`/akun/permohonan/${outcome.id}`, 303);
  }
  const view = await getRequest(request.ctx, outcome.id);
  return reply.page(<MyRequestPage view={view} errors={outcome.problems} values={values} />, 422);
}

/** The request form of a service as the resident opens it: their registry data shown, fields pre-filled. */
async function newRequestPage(
  request: FastifyRequest,
  slug: string,
  state: { values?: Record<string, string>; errors?: Record<string, string> } = {},
) {
  const actor = residentOf(request);
  const service = await getService(request.ctx, slug);
  const me = await findResidentByNik(request.ctx, actor.nik);
  if (!me || !service.active) throw new NotFound();
  if (!service.definition.selfService) throw new Forbidden(t('services.service.officeOnly'));
  const applicant = await applicantSnapshot(request.ctx, me);
  return (
    <NewRequestPage
      action={`/layanan/${slug}/ajukan`}
      definition={service.definition}
      values={state.values ?? prefilledValues(service.definition, applicant)}
      errors={state.errors}
      family={await familyOf(request.ctx, me.familyNumber)}
      attachments={[]}
      applicant={applicant}
      villageCode={me.villageCode}
      prefilledNote
    />
  );
}

/** A resident's pages: NIK + PIN login, their PIN, their account and their own requests. */
export async function residentRoutes(app: FastifyInstance): Promise<void> {
  const page = { schema: { hide: true } };
  const resident = { ...page, preHandler: requireResident() };

  app.get('/akun/pin', resident, async (request, reply) => {
    return reply.page(
      <ChangePinPage mustChange={await pinMustChange(request.ctx, residentOf(request).id)} />,
    );
  });

  formRoute(app, '/akun/pin', {
    preHandler: requireResident(),
    body: formBody({ current: textField(), next: textField(), repeat: textField() }),
    page: async (request, { errors }) => {
      const mustChange = await pinMustChange(request.ctx, residentOf(request).id);
      return <ChangePinPage mustChange={mustChange} errors={errors} />;
    },
    handle: async (request, reply, form) => {
      await changePin(
        request.ctx,
        { current: form.current ?? '', next: form.next ?? '', repeat: form.repeat ?? '' },
        request.sessionToken,
      );
      setFlash(reply, t('services.pin.changed'));
      return reply.redirect('/akun', 303);
    },
  });

  // --- the resident's own requests --------------------------------------------------------------
  app.get('/akun', resident, async (request, reply) => {
    const actor = residentOf(request);
    if (await pinMustChange(request.ctx, actor.id)) return reply.redirect('/akun/pin', 303);
    const me = await findResidentByNik(request.ctx, actor.nik);
    if (!me) throw new NotFound();
    const [applicant, family, requests, corrections] = await Promise.all([
      applicantSnapshot(request.ctx, me),
      familyOf(request.ctx, me.familyNumber),
      myRequests(request.ctx),
      myCorrections(request.ctx),
    ]);
    return reply.page(
      <AccountPage applicant={applicant} family={family} requests={requests} corrections={corrections} />,
    );
  });

  app.get('/layanan/:slug/ajukan', page, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const start = await handlerStart(request.ctx, slug);
    if (start) return reply.redirect(start, 303);
    const actor = request.ctx.actor;
    if (actor?.kind !== 'resident')
      return reply.redirect(`/masuk/warga?kembali=${encodeURIComponent(`/layanan/${slug}/ajukan`)}`, 303);
    return reply.page(await newRequestPage(request, slug));
  });

  // a draft is made only by "Simpan draf"; a failed "Ajukan" draws the form again and saves nothing
  formRoute(app, '/layanan/:slug/ajukan', {
    preHandler: requireResident(),
    body: RequestForm,
    read: readRequestForm,
    page: async (request, { values, errors, files }) =>
      newRequestPage(request, request.params.slug, {
        values: values as Record<string, string>,
        errors: { ...files?.uploadProblems, ...errors },
      }),
    handle: async (request, reply, form, uploads) => {
      const start = await handlerStart(request.ctx, request.params.slug);
      if (start) return reply.redirect(start, 303);
      if (form.action === 'ajukan' && Object.keys(uploads.uploadProblems).length > 0)
        throw new Invalid(uploads.uploadProblems, t('services.error.notSubmitted'));
      const outcome = withUploadProblems(
        await startRequest(request.ctx, request.params.slug, requestInputOf(form, uploads)),
        uploads.uploadProblems,
      );
      return afterResidentSave(request, reply, outcome, form);
    },
  });

  app.get('/akun/permohonan/:id', resident, async (request, reply) => {
    const view = await getRequest(request.ctx, (request.params as { id: string }).id);
    return reply.page(<MyRequestPage view={view} />);
  });

  formRoute(app, '/akun/permohonan/:id', {
    preHandler: requireResident(),
    body: RequestForm,
    read: readRequestForm,
    handle: async (request, reply, form, uploads) => {
      const outcome = withUploadProblems(
        await saveRequest(request.ctx, request.params.id, requestInputOf(form, uploads)),
        uploads.uploadProblems,
      );
      return afterResidentSave(request, reply, outcome, form);
    },
  });

  formRoute(app, '/akun/permohonan/:id/batal', {
    preHandler: requireResident(),
    body: formBody({}),
    handle: async (request, reply) => {
      const { id } = request.params;
      await cancelRequest(request.ctx, id);
      setFlash(reply, t('services.flash.cancelled'));
      return reply.redirect(`/akun/permohonan/${id}`, 303);
    },
  });

  formRoute(app, '/akun/permohonan/:id/hapus', {
    preHandler: requireResident(),
    body: formBody({}),
    handle: async (request, reply) => {
      await deleteDraft(request.ctx, request.params.id);
      setFlash(reply, t('services.flash.draftDeleted'));
      return reply.redirect('/akun', 303);
    },
  });

  app.get('/akun/permohonan/:id/surat.pdf', resident, async (request, reply) => {
    const file = await requestLetterPdf(request.ctx, (request.params as { id: string }).id);
    return sendLetterPdf(reply, file, 'attachment');
  });
}
