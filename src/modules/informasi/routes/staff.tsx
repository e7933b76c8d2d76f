import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../../platform/auth/guards.ts';
import { Invalid, NotFound } from '../../../platform/http/errors.ts';
import { setFlash } from '../../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../../platform/http/form-route.ts';
import { queryText } from '../../../platform/http/input.ts';
import { t } from '../../../platform/i18n/index.ts';
import { jakartaYearMonth } from '../../../platform/time.ts';
import { mayActAsPpid, mayChooseAnyBody, ownBody } from '../policy.ts';
import {
  answerRequest,
  type Body,
  bodyRegister,
  createEntry,
  decideObjection,
  deleteEntry,
  type EntryInput,
  entryForEdit,
  entryFormValues,
  extendRequest,
  findBody,
  listBodies,
  listOpenObjections,
  listStaffRequests,
  refuseRequest,
  requestForStaff,
  updateEntry,
  yearlyReport,
} from '../service.ts';
import { EntryFormPage, StaffHome, StaffReportPage, StaffRequestPage } from '../views/staff.tsx';
import { readDocumentForm } from './document-form.ts';

const BASE = '/kelola/informasi';

const EntryForm = formBody({
  category: textField(),
  title: textField({ maxLength: 300 }),
  summary: textField({ maxLength: 4000 }),
  official: textField({ maxLength: 200 }),
  period: textField({ maxLength: 100 }),
  format: textField(),
  retention: textField({ maxLength: 200 }),
  link: textField({ maxLength: 1000 }),
  legalBasis: textField({ maxLength: 1000 }),
  consequence: textField({ maxLength: 4000 }),
  publicInterest: textField({ maxLength: 4000 }),
  removeDocument: textField(),
});
type EntryValues = typeof EntryForm.static;

function entryInput(form: EntryValues): EntryInput {
  return { ...form, removeDocument: form.removeDocument === '1' };
}

/** The body the staff page is about: the officer's own, or the one admin kabupaten chose with `?badan=`. */
async function staffBody(request: FastifyRequest): Promise<Body | null> {
  const actor = staffOf(request);
  const own = ownBody(actor);
  const code = own?.code ?? (mayChooseAnyBody(actor) ? queryText(request).badan : undefined);
  return code ? findBody(request.ctx, code) : null;
}

async function requiredStaffBody(request: FastifyRequest): Promise<Body> {
  const body = await staffBody(request);
  if (!body) throw new NotFound(t('informasi.error.noBody'));
  return body;
}

function newEntryAction(body: Body, request: FastifyRequest): string {
  return mayChooseAnyBody(request.ctx.actor) && !ownBody(staffOf(request))
    ? `${BASE}/dip/baru?badan=${encodeURIComponent(body.code)}`
    : `${BASE}/dip/baru`;
}

const RequestActionForm = formBody({
  decision: textField(),
  note: textField({ maxLength: 8000 }),
  ground: textField(),
  refusalNote: textField({ maxLength: 4000 }),
  reason: textField({ maxLength: 4000 }),
  days: textField(),
  objectionDecision: textField(),
  objectionNote: textField({ maxLength: 8000 }),
});

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const preHandler = requireStaff();

  app.get(BASE, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const actor = staffOf(request);
    const q = queryText(request);
    const body = await staffBody(request);
    const [requests, objections, bodies, register] = await Promise.all([
      listStaffRequests(request.ctx, { status: q.status }),
      listOpenObjections(request.ctx),
      mayChooseAnyBody(actor) && !ownBody(actor) ? listBodies(request.ctx) : Promise.resolve(null),
      body ? bodyRegister(request.ctx, body) : Promise.resolve(null),
    ]);
    return reply.page(
      <StaffHome
        body={body}
        bodies={bodies}
        requests={requests}
        objections={objections}
        entries={register ? register.flatMap((g) => g.entries) : null}
        mayEdit={body ? mayActAsPpid(actor, body) : false}
        status={q.status}
        year={jakartaYearMonth(request.ctx.clock.now()).year}
      />,
    );
  });

  app.get(`${BASE}/dip/baru`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const body = await requiredStaffBody(request);
    if (!mayActAsPpid(request.ctx.actor, body)) throw new NotFound(t('informasi.error.noBody'));
    return reply.page(<EntryFormPage body={body} action={newEntryAction(body, request)} values={{}} />);
  });

  formRoute(app, `${BASE}/dip/baru`, {
    preHandler,
    body: EntryForm,
    read: readDocumentForm,
    page: async (request, { values, errors }) => {
      const body = await requiredStaffBody(request);
      return (
        <EntryFormPage body={body} action={newEntryAction(body, request)} values={values} errors={errors} />
      );
    },
    handle: async (request, reply, form, files) => {
      if (files.problem) throw new Invalid({ document: files.problem });
      const body = await requiredStaffBody(request);
      await createEntry(request.ctx, body.code, entryInput(form), files.document);
      setFlash(reply, t('informasi.flash.entrySaved'));
      return reply.redirect(
        mayChooseAnyBody(request.ctx.actor) ? `${BASE}?badan=${body.code}#dip` : `${BASE}#dip`,
        303,
      );
    },
  });

  app.get(`${BASE}/dip/:id`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const row = await entryForEdit(request.ctx, id);
    const body = (await findBody(request.ctx, row.body_code))!;
    return reply.page(
      <EntryFormPage
        body={body}
        action={`${BASE}/dip/${id}`}
        values={entryFormValues(row)}
        existing={{ id, fileName: row.file_name }}
      />,
    );
  });

  formRoute(app, `${BASE}/dip/:id`, {
    preHandler,
    body: EntryForm,
    read: readDocumentForm,
    page: async (request, { values, errors }) => {
      const row = await entryForEdit(request.ctx, request.params.id);
      const body = (await findBody(request.ctx, row.body_code))!;
      return (
        <EntryFormPage
          body={body}
          action={`${BASE}/dip/${row.id}`}
          values={values}
          errors={errors}
          existing={{ id: row.id, fileName: row.file_name }}
        />
      );
    },
    handle: async (request, reply, form, files) => {
      if (files.problem) throw new Invalid({ document: files.problem });
      await updateEntry(request.ctx, request.params.id, entryInput(form), files.document);
      setFlash(reply, t('informasi.flash.entrySaved'));
      return reply.redirect(`${BASE}/dip/${request.params.id}`, 303);
    },
  });

  formRoute(app, `${BASE}/dip/:id/hapus`, {
    preHandler,
    body: formBody({}),
    handle: async (request, reply) => {
      const bodyCode = await deleteEntry(request.ctx, request.params.id);
      setFlash(reply, t('informasi.flash.entryDeleted'));
      return reply.redirect(
        mayChooseAnyBody(request.ctx.actor) ? `${BASE}?badan=${bodyCode}#dip` : `${BASE}#dip`,
        303,
      );
    },
  });

  app.get(`${BASE}/permohonan/:id`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return reply.page(<StaffRequestPage request={await requestForStaff(request.ctx, id)} />);
  });

  const actions = {
    jawab: async (
      request: FastifyRequest<{ Params: { id: string } }>,
      form: typeof RequestActionForm.static,
      files: Awaited<ReturnType<typeof readDocumentForm>>['files'],
    ) => {
      if (files.problem) throw new Invalid({ document: files.problem });
      await answerRequest(request.ctx, request.params.id, form, files.document);
      return t('informasi.flash.answered');
    },
    tolak: async (
      request: FastifyRequest<{ Params: { id: string } }>,
      form: typeof RequestActionForm.static,
    ) => {
      await refuseRequest(request.ctx, request.params.id, { ground: form.ground, note: form.refusalNote });
      return t('informasi.flash.refused');
    },
    perpanjang: async (
      request: FastifyRequest<{ Params: { id: string } }>,
      form: typeof RequestActionForm.static,
    ) => {
      await extendRequest(request.ctx, request.params.id, { reason: form.reason, days: form.days });
      return t('informasi.flash.extended');
    },
    keberatan: async (
      request: FastifyRequest<{ Params: { id: string } }>,
      form: typeof RequestActionForm.static,
    ) => {
      await decideObjection(request.ctx, request.params.id, {
        decision: form.objectionDecision,
        note: form.objectionNote,
      });
      return t('informasi.flash.objectionDecided');
    },
  } as const;

  for (const [action, run] of Object.entries(actions)) {
    formRoute(app, `${BASE}/permohonan/:id/${action}`, {
      preHandler,
      body: RequestActionForm,
      read: readDocumentForm,
      page: async (request, { values, errors }) => (
        <StaffRequestPage
          request={await requestForStaff(request.ctx, request.params.id)}
          values={values}
          errors={errors}
        />
      ),
      handle: async (request, reply, form, files) => {
        setFlash(reply, await run(request, form, files));
        return reply.redirect(`${BASE}/permohonan/${request.params.id}`, 303);
      },
    });
  }

  app.get(`${BASE}/laporan/:year`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const { year } = request.params as { year: string };
    const body = await requiredStaffBody(request);
    const report = await yearlyReport(request.ctx, body.code, year);
    return reply.page(<StaffReportPage report={report} chooses={mayChooseAnyBody(request.ctx.actor)} />);
  });
}
