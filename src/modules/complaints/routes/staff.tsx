import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../../platform/auth/guards.ts';
import { Invalid } from '../../../platform/http/errors.ts';
import { setFlash } from '../../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../../platform/http/form-route.ts';
import { pageNumber as parsePage, queryText } from '../../../platform/http/input.ts';
import { t } from '../../../platform/i18n/index.ts';
import { regencyName, regionName } from '../../regions/service.ts';
import { complianceScopeFor } from '../policy.ts';
import {
  addAfterPhotos,
  addReply,
  agencyOptions,
  changeState,
  complianceFigures,
  flagReport,
  getReportForStaff,
  listCategories,
  listQueue,
  listTemplates,
  setPhotoVisibility,
} from '../service.ts';
import type { FormValues } from '../views/public.tsx';
import { QueuePage, SlaPage, StaffReportPage } from '../views/staff.tsx';
import { readPhotoForm } from './photo-form.ts';

/** One form per action on a report's staff page; each sends only its own fields. */
const ReportActionForm = formBody({
  state: textField(),
  reason: textField(),
  handler: textField(),
  duplicateOf: textField(),
  scheduledFor: textField(),
  body: textField(),
  internal: textField(),
  templateId: textField(),
  flagReason: textField(),
});
type ReportActionValues = typeof ReportActionForm.static;

async function staffReportPage(
  request: FastifyRequest,
  ticket: string,
  errors?: Record<string, string>,
  values?: FormValues,
) {
  const view = await getReportForStaff(request.ctx, ticket);
  const [agencies, templates] = await Promise.all([
    agencyOptions(request.ctx),
    listTemplates(request.ctx, view.row.category_code),
  ]);
  return (
    <StaffReportPage
      actor={staffOf(request)}
      view={view}
      agencies={agencies}
      templates={templates}
      {...(errors ? { errors } : {})}
      {...(values ? { values } : {})}
    />
  );
}

/** Staff handling reports: the queue, SLA figures, one report and the actions on it. */
export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };

  app.get('/kelola/pengaduan', staff, async (request, reply) => {
    const actor = staffOf(request);
    const q = queryText(request);
    const filter = {
      state: q.state || undefined,
      category: q.category || undefined,
      overdue: q.overdue === '1',
      page: parsePage(q.page),
    };
    const [queue, categories] = await Promise.all([
      listQueue(request.ctx, filter),
      listCategories(request.ctx, { activeOnly: false }),
    ]);
    const scopeName =
      actor.scope.type === 'agency'
        ? actor.scope.code
        : actor.role === 'admin_kabupaten'
          ? await regencyName(request.ctx)
          : await regionName(request.ctx, actor.scope.code);
    return reply.page(
      <QueuePage actor={actor} queue={queue} categories={categories} filter={filter} scopeName={scopeName} />,
    );
  });

  app.get('/kelola/pengaduan/sla', staff, async (request, reply) => {
    const actor = staffOf(request);
    const rows = await complianceFigures(request.ctx, { days: 90, own: true });
    return reply.page(<SlaPage actor={actor} rows={rows} scope={complianceScopeFor(actor).kind} />);
  });

  formRoute(app, '/kelola/pengaduan/foto/:id', {
    preHandler: requireStaff(),
    body: formBody({ hidden: textField() }),
    handle: async (request, reply, form) => {
      const ticket = await setPhotoVisibility(request.ctx, request.params.id, form.hidden === '1');
      setFlash(reply, t('complaints.flash.photo'));
      return reply.redirect(`/kelola/pengaduan/${ticket}`, 303);
    },
  });

  formRoute(app, '/kelola/pengaduan/:ticket/foto-sesudah', {
    preHandler: requireStaff(),
    body: formBody({}),
    read: readPhotoForm,
    page: (request, { errors }) => staffReportPage(request, request.params.ticket, errors),
    handle: async (request, reply, _form, { photos, photoProblem }) => {
      if (photoProblem) throw new Invalid({ photos: photoProblem });
      await addAfterPhotos(request.ctx, request.params.ticket, photos);
      setFlash(reply, t('complaints.flash.afterPhotos'));
      return reply.redirect(`/kelola/pengaduan/${request.params.ticket}`, 303);
    },
  });

  app.get('/kelola/pengaduan/:ticket', staff, async (request, reply) => {
    return reply.page(await staffReportPage(request, (request.params as { ticket: string }).ticket));
  });

  const staffActions: Record<
    string,
    (request: FastifyRequest, ticket: string, form: ReportActionValues) => Promise<void>
  > = {
    status: (request, ticket, form) =>
      changeState(request.ctx, ticket, {
        state: form.state ?? '',
        reason: form.reason ?? null,
        handler: form.handler || null,
        duplicateOf: form.duplicateOf || null,
        scheduledFor: form.scheduledFor || null,
      }),
    tanggapan: (request, ticket, form) =>
      addReply(request.ctx, ticket, {
        body: form.body ?? '',
        internal: form.internal === '1',
        templateId: form.templateId || null,
      }),
    moderasi: (request, ticket, form) => flagReport(request.ctx, ticket, form.flagReason ?? ''),
  };
  for (const [action, run] of Object.entries(staffActions)) {
    formRoute(app, `/kelola/pengaduan/:ticket/${action}`, {
      preHandler: requireStaff(),
      body: ReportActionForm,
      page: (request, { values, errors }) => staffReportPage(request, request.params.ticket, errors, values),
      handle: async (request, reply, form) => {
        const { ticket } = request.params;
        await run(request, ticket, form);
        setFlash(reply, t(`complaints.flash.${action}`));
        return reply.redirect(`/kelola/pengaduan/${ticket}`, 303);
      },
    });
  }
}
