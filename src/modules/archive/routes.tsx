import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/guards.ts';
import { sendPrivateFile } from '../../platform/http/download.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { pageNumber, queryText } from '../../platform/http/input.ts';
import { readBufferedForm } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  classificationCode,
  deleteIncoming,
  deleteOutgoing,
  disposeIncoming,
  followUpDisposition,
  incomingLetter,
  incomingScan,
  listClassificationCodes,
  listDeleted,
  listIncoming,
  listOutgoing,
  MAX_SCAN_BYTES,
  outgoingLetter,
  outgoingReceipt,
  ownVillage,
  recordSending,
  registerIncoming,
  registerOutgoing,
  saveClassificationCode,
  type UploadedScan,
} from './service.ts';
import {
  ClassificationEditPage,
  ClassificationListPage,
  DeletedPage,
  IncomingDetailPage,
  IncomingFormPage,
  IncomingListPage,
  OutgoingDetailPage,
  OutgoingFormPage,
  OutgoingListPage,
} from './views/pages.tsx';

const BASE = '/kelola/arsip';

interface ScanUpload {
  scan: UploadedScan | null;
  problem: string | null;
}

/** A form with one optional scan (multipart, or url-encoded without one); `field` names the file input. */
function scanForm(field: string) {
  return async (request: FastifyRequest): Promise<{ fields: Record<string, unknown>; files: ScanUpload }> => {
    const form = await readBufferedForm(request, { fileSize: MAX_SCAN_BYTES });
    const scan = form.files.find((file) => file.field === field) ?? null;
    const problem = form.tooLarge.length > 0 ? t('archive.error.scanTooLarge') : null;
    return { fields: form.fields, files: { scan, problem } };
  };
}

function uploaded(files: ScanUpload, field: string): UploadedScan | null {
  if (files.problem) throw new Invalid({ [field]: files.problem });
  return files.scan;
}

const IncomingForm = formBody({
  receivedOn: textField(),
  letterNumber: textField({ maxLength: 200 }),
  letterDate: textField(),
  sender: textField({ maxLength: 300 }),
  subject: textField({ maxLength: 2000 }),
  classificationCode: textField({ maxLength: 40 }),
});
const OutgoingForm = formBody({
  letterNumber: textField({ maxLength: 200 }),
  letterDate: textField(),
  recipient: textField({ maxLength: 300 }),
  subject: textField({ maxLength: 2000 }),
  classificationCode: textField({ maxLength: 40 }),
});
const DisposeForm = formBody({
  assigneeId: textField(),
  instruction: textField({ maxLength: 2000 }),
  dueOn: textField(),
});
const FollowUpForm = formBody({ status: textField(), reply: textField({ maxLength: 4000 }) });
const DeleteForm = formBody({ reason: textField({ maxLength: 1000 }) });
const SendForm = formBody({ sentOn: textField(), receiptNoted: textField() });
const CodeForm = formBody({
  code: textField({ maxLength: 40 }),
  name: textField({ maxLength: 500 }),
  retentionActive: textField({ maxLength: 200 }),
  retentionInactive: textField({ maxLength: 200 }),
  finalDisposition: textField({ maxLength: 200 }),
  active: textField(),
});

function registerQuery(request: FastifyRequest) {
  const q = queryText(request);
  return {
    query: q,
    input: {
      year: q.year,
      classification: q.classification,
      status: q.status,
      q: q.q,
      mine: q.untuk === 'saya',
      page: pageNumber(q.page),
    },
  };
}

async function incomingRoutes(app: FastifyInstance): Promise<void> {
  const preHandler = requireStaff();
  app.get(`${BASE}/surat-masuk`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const { query, input } = registerQuery(request);
    return reply.page(<IncomingListPage list={await listIncoming(request.ctx, input)} query={query} />);
  });
  app.get(`${BASE}/surat-masuk/baru`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    ownVillage(request.ctx);
    return reply.page(<IncomingFormPage />);
  });
  formRoute(app, `${BASE}/surat-masuk/baru`, {
    preHandler,
    body: IncomingForm,
    read: scanForm('scan'),
    page: (_request, { values, errors }) => <IncomingFormPage values={values} errors={errors} />,
    handle: async (request, reply, form, files) => {
      const id = await registerIncoming(request.ctx, form, uploaded(files, 'scan'));
      const { entry } = await incomingLetter(request.ctx, id);
      setFlash(reply, t('archive.incoming.saved', { n: entry.agenda_number }));
      return reply.redirect(`${BASE}/surat-masuk/${id}`, 303);
    },
  });
  app.get<{ Params: { id: string } }>(
    `${BASE}/surat-masuk/:id`,
    { preHandler, schema: { hide: true } },
    async (request, reply) =>
      reply.page(<IncomingDetailPage detail={await incomingLetter(request.ctx, request.params.id)} />),
  );
  app.get<{ Params: { id: string } }>(
    `${BASE}/surat-masuk/:id/pindaian`,
    { preHandler, schema: { hide: true } },
    async (request, reply) =>
      sendPrivateFile(reply, await incomingScan(request.ctx, request.params.id), 'inline'),
  );
  formRoute(app, `${BASE}/surat-masuk/:id/disposisi`, {
    preHandler,
    body: DisposeForm,
    page: async (request, { values, errors }) => (
      <IncomingDetailPage
        detail={await incomingLetter(request.ctx, request.params.id)}
        values={values}
        errors={errors}
        form="dispose"
      />
    ),
    handle: async (request, reply, form) => {
      await disposeIncoming(request.ctx, request.params.id, form);
      setFlash(reply, t('archive.disposition.saved'));
      return reply.redirect(`${BASE}/surat-masuk/${request.params.id}`, 303);
    },
  });
  formRoute(app, `${BASE}/surat-masuk/:id/disposisi/:dispositionId`, {
    preHandler,
    body: FollowUpForm,
    page: async (request, { values, errors }) => (
      <IncomingDetailPage
        detail={await incomingLetter(request.ctx, request.params.id)}
        values={values}
        errors={errors}
        form={`d-${request.params.dispositionId}`}
      />
    ),
    handle: async (request, reply, form) => {
      const id = await followUpDisposition(request.ctx, request.params.dispositionId, form);
      setFlash(reply, t('archive.disposition.updated'));
      return reply.redirect(`${BASE}/surat-masuk/${id}`, 303);
    },
  });
  formRoute(app, `${BASE}/surat-masuk/:id/hapus`, {
    preHandler,
    body: DeleteForm,
    page: async (request, { values, errors }) => (
      <IncomingDetailPage
        detail={await incomingLetter(request.ctx, request.params.id)}
        values={values}
        errors={errors}
        form="delete"
      />
    ),
    handle: async (request, reply, form) => {
      await deleteIncoming(request.ctx, request.params.id, form.reason);
      setFlash(reply, t('archive.delete.done'));
      return reply.redirect(`${BASE}/surat-masuk`, 303);
    },
  });
}

async function outgoingRoutes(app: FastifyInstance): Promise<void> {
  const preHandler = requireStaff();
  app.get(`${BASE}/surat-keluar`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const { query, input } = registerQuery(request);
    return reply.page(<OutgoingListPage list={await listOutgoing(request.ctx, input)} query={query} />);
  });
  app.get(`${BASE}/surat-keluar/baru`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    ownVillage(request.ctx);
    return reply.page(<OutgoingFormPage />);
  });
  formRoute(app, `${BASE}/surat-keluar/baru`, {
    preHandler,
    body: OutgoingForm,
    page: (_request, { values, errors }) => <OutgoingFormPage values={values} errors={errors} />,
    handle: async (request, reply, form) => {
      const id = await registerOutgoing(request.ctx, form);
      setFlash(reply, t('archive.outgoing.saved'));
      return reply.redirect(`${BASE}/surat-keluar/${id}`, 303);
    },
  });
  app.get<{ Params: { id: string } }>(
    `${BASE}/surat-keluar/:id`,
    { preHandler, schema: { hide: true } },
    async (request, reply) =>
      reply.page(<OutgoingDetailPage detail={await outgoingLetter(request.ctx, request.params.id)} />),
  );
  app.get<{ Params: { id: string } }>(
    `${BASE}/surat-keluar/:id/tanda-terima`,
    { preHandler, schema: { hide: true } },
    async (request, reply) =>
      sendPrivateFile(reply, await outgoingReceipt(request.ctx, request.params.id), 'inline'),
  );
  formRoute(app, `${BASE}/surat-keluar/:id/kirim`, {
    preHandler,
    body: SendForm,
    read: scanForm('receipt'),
    page: async (request, { values, errors }) => (
      <OutgoingDetailPage
        detail={await outgoingLetter(request.ctx, request.params.id)}
        values={values}
        errors={errors}
        form="send"
      />
    ),
    handle: async (request, reply, form, files) => {
      await recordSending(
        request.ctx,
        request.params.id,
        { sentOn: form.sentOn, receiptNoted: form.receiptNoted === '1' },
        uploaded(files, 'receipt'),
      );
      setFlash(reply, t('archive.outgoing.sentSaved'));
      return reply.redirect(`${BASE}/surat-keluar/${request.params.id}`, 303);
    },
  });
  formRoute(app, `${BASE}/surat-keluar/:id/hapus`, {
    preHandler,
    body: DeleteForm,
    page: async (request, { values, errors }) => (
      <OutgoingDetailPage
        detail={await outgoingLetter(request.ctx, request.params.id)}
        values={values}
        errors={errors}
        form="delete"
      />
    ),
    handle: async (request, reply, form) => {
      await deleteOutgoing(request.ctx, request.params.id, form.reason);
      setFlash(reply, t('archive.delete.done'));
      return reply.redirect(`${BASE}/surat-keluar`, 303);
    },
  });
  app.get(`${BASE}/terhapus`, { preHandler, schema: { hide: true } }, async (request, reply) =>
    reply.page(<DeletedPage rows={await listDeleted(request.ctx)} />),
  );
}

function codeValues(row: Awaited<ReturnType<typeof classificationCode>>): Record<string, string> {
  return {
    code: row.code,
    name: row.name,
    retentionActive: row.retention_active,
    retentionInactive: row.retention_inactive,
    finalDisposition: row.final_disposition,
    active: row.active ? '1' : '',
  };
}

async function classificationRoutes(app: FastifyInstance): Promise<void> {
  const preHandler = requireStaff('admin_kabupaten');
  const listPage = async (
    request: FastifyRequest,
    state?: { values: Record<string, string | undefined>; errors: Record<string, string> },
  ) => {
    const q = queryText(request);
    const list = await listClassificationCodes(request.ctx, { q: q.q, page: pageNumber(q.page) });
    return <ClassificationListPage {...list} q={q.q ?? ''} values={state?.values} errors={state?.errors} />;
  };
  app.get(`${BASE}/klasifikasi`, { preHandler, schema: { hide: true } }, async (request, reply) =>
    reply.page(await listPage(request)),
  );
  formRoute(app, `${BASE}/klasifikasi`, {
    preHandler,
    body: CodeForm,
    page: (request, state) => listPage(request, state),
    handle: async (request, reply, form) => {
      const code = await saveClassificationCode(request.ctx, { ...form, active: form.active === '1' });
      setFlash(reply, t('archive.classification.saved', { code }));
      return reply.redirect(`${BASE}/klasifikasi?q=${encodeURIComponent(code)}`, 303);
    },
  });
  app.get<{ Params: { code: string } }>(
    `${BASE}/klasifikasi/:code`,
    { preHandler, schema: { hide: true } },
    async (request, reply) => {
      const row = await classificationCode(request.ctx, request.params.code);
      return reply.page(<ClassificationEditPage code={row.code} values={codeValues(row)} />);
    },
  );
  formRoute(app, `${BASE}/klasifikasi/:code`, {
    preHandler,
    body: CodeForm,
    page: async (request, { values, errors }) => {
      const row = await classificationCode(request.ctx, request.params.code);
      return <ClassificationEditPage code={row.code} values={values} errors={errors} />;
    },
    handle: async (request, reply, form) => {
      const row = await classificationCode(request.ctx, request.params.code);
      await saveClassificationCode(request.ctx, { ...form, code: row.code, active: form.active === '1' });
      setFlash(reply, t('archive.classification.saved', { code: row.code }));
      return reply.redirect(`${BASE}/klasifikasi/${row.code}`, 303);
    },
  });
}

export async function archiveRoutes(app: FastifyInstance): Promise<void> {
  await incomingRoutes(app);
  await outgoingRoutes(app);
  await classificationRoutes(app);
}
