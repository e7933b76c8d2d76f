import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireResident, requireStaff, residentOf, staffOf } from '../../platform/auth/guards.ts';
import { changePin, issuePin, loginResident, pinMustChange } from '../../platform/auth/resident-login.ts';
import { sendPrivateFile } from '../../platform/http/download.ts';
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests } from '../../platform/http/errors.ts';
import { safeReturnPath, setFlash } from '../../platform/http/flash.ts';
import { MAX_PAGE, pageNumber as parsePage } from '../../platform/http/input.ts';
import { currentLocale, t } from '../../platform/i18n/index.ts';
import { startSession } from '../../platform/routes.tsx';
import { sendLetterPdf } from '../letters/service.ts';
import { findVillage } from '../regions/service.ts';
import { findResidentByNik } from '../residents/service.ts';
import { prefilledValues, textOf } from './forms.ts';
import { REQUEST_STATES, type RequestState } from './schema.ts';
import {
  applicantSnapshot,
  approveStep,
  cancelRequest,
  familyOf,
  getRequest,
  getService,
  listCatalog,
  listQueue,
  markCollected,
  myRequests,
  QUEUE_PAGE_SIZE,
  type RequestInput,
  rejectRequest,
  requestAttachment,
  requestLetterPdf,
  returnForCorrection,
  type SaveOutcome,
  saveRequest,
  saveServiceDefinition,
  setServiceActive,
  setVillageServices,
  startRequest,
  type UploadedFile,
} from './service.ts';
import {
  AccountPage,
  CatalogPage,
  ChangePinPage,
  MyRequestPage,
  NewRequestPage,
  ResidentLoginPage,
  ServicePage,
} from './views/resident.tsx';
import {
  AssistFormPage,
  AssistStartPage,
  CatalogAdminPage,
  IssuePinPage,
  QueuePage,
  ServiceEditPage,
  StaffRequestPage,
} from './views/staff.tsx';

type Form = Record<string, string | undefined>;

function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value : '';
}

/** Reads a request form (multipart with attachments, or url-encoded); an oversized file becomes a field error. */
async function readRequestForm(
  request: FastifyRequest,
): Promise<RequestInput & { values: Form; uploadProblems: Record<string, string> }> {
  const values: Form = {};
  const files: UploadedFile[] = [];
  const uploadProblems: Record<string, string> = {};
  if (request.isMultipart()) {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        try {
          const bytes = await part.toBuffer();
          if (part.filename && bytes.length > 0)
            files.push({ field: part.fieldname.replace(/^lampiran_/, ''), filename: part.filename, bytes });
        } catch (error) {
          if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
          uploadProblems[part.fieldname] = t('services.error.fileTooLarge');
        }
      } else values[part.fieldname] = text(part.value);
    }
  } else
    for (const [k, v] of Object.entries((request.body as Record<string, unknown>) ?? {})) values[k] = text(v);
  return {
    values,
    files,
    uploadProblems,
    submit: values.action === 'ajukan',
    contactPhone: values.contactPhone ?? '',
    contactChannel: values.contactChannel ?? 'whatsapp',
  };
}

function withUploadProblems(outcome: SaveOutcome, uploadProblems: Record<string, string>): SaveOutcome {
  const problems = { ...uploadProblems, ...outcome.problems };
  return { ...outcome, submitted: outcome.submitted && Object.keys(uploadProblems).length === 0, problems };
}

function flashFor(reply: FastifyReply, outcome: SaveOutcome) {
  setFlash(reply, outcome.submitted ? t('services.flash.submitted') : t('services.flash.saved'));
}

export async function serviceRoutes(app: FastifyInstance): Promise<void> {
  const page = { schema: { hide: true } };
  const resident = { ...page, preHandler: requireResident() };
  const staff = { ...page, preHandler: requireStaff() };
  const villageStaff = {
    ...page,
    preHandler: requireStaff('operator_desa', 'sekretaris_desa', 'kepala_desa'),
  };
  const admin = { ...page, preHandler: requireStaff('admin_kabupaten') };

  // --- public catalog ---------------------------------------------------------------------------
  app.get('/layanan', page, async (request, reply) => {
    const q = request.query as Form;
    const actor = request.ctx.actor;
    const villageCode = actor?.kind === 'resident' ? actor.villageCode : q.desa;
    const village = villageCode ? await findVillage(request.ctx, villageCode) : null;
    const entries = await listCatalog(request.ctx, { villageCode: village?.code });
    return reply.page(
      <CatalogPage
        entries={entries}
        villageName={village ? `Desa ${village.name}` : null}
        loggedIn={actor?.kind === 'resident'}
      />,
    );
  });

  app.get('/layanan/:slug', page, async (request, reply) => {
    const service = await getService(request.ctx, (request.params as { slug: string }).slug);
    if (!service.active) throw new NotFound(t('services.error.notFound'));
    return reply.page(<ServicePage definition={service.definition} version={service.version} />);
  });

  // --- resident login ---------------------------------------------------------------------------
  app.get('/masuk/warga', page, async (request, reply) => {
    const returnTo = safeReturnPath((request.query as Form).kembali, '/akun');
    if (request.ctx.actor?.kind === 'resident') return reply.redirect(returnTo, 303);
    return reply.page(<ResidentLoginPage returnTo={returnTo} />);
  });

  app.post(
    '/masuk/warga',
    { ...page, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const form = request.body as Form;
      const returnTo = safeReturnPath((request.query as Form).kembali, '/akun');
      try {
        const { actor, mustChange } = await loginResident(request.ctx, {
          nik: form.nik ?? '',
          pin: form.pin ?? '',
        });
        await startSession(request, reply, actor);
        return reply.redirect(mustChange ? '/akun/pin' : returnTo, 303);
      } catch (error) {
        if (error instanceof Invalid)
          return reply.page(
            <ResidentLoginPage returnTo={returnTo} values={{ nik: form.nik }} errors={error.fields} />,
            422,
          );
        if (error instanceof TooManyRequests)
          return reply.page(
            <ResidentLoginPage returnTo={returnTo} values={{ nik: form.nik }} message={error.message} />,
            429,
          );
        throw error;
      }
    },
  );

  app.get('/akun/pin', resident, async (request, reply) => {
    return reply.page(
      <ChangePinPage mustChange={await pinMustChange(request.ctx, residentOf(request).id)} />,
    );
  });

  app.post('/akun/pin', resident, async (request, reply) => {
    const form = request.body as Form;
    try {
      await changePin(
        request.ctx,
        { current: form.current ?? '', next: form.next ?? '', repeat: form.repeat ?? '' },
        request.sessionToken,
      );
      setFlash(reply, t('services.pin.changed'));
      return reply.redirect('/akun', 303);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const mustChange = await pinMustChange(request.ctx, residentOf(request).id);
      return reply.page(<ChangePinPage mustChange={mustChange} errors={error.fields} />, 422);
    }
  });

  // --- the resident's own requests --------------------------------------------------------------
  app.get('/akun', resident, async (request, reply) => {
    const actor = residentOf(request);
    if (await pinMustChange(request.ctx, actor.id)) return reply.redirect('/akun/pin', 303);
    const me = await findResidentByNik(request.ctx, actor.nik);
    if (!me) throw new NotFound();
    const [applicant, family, requests] = await Promise.all([
      applicantSnapshot(request.ctx, me),
      familyOf(request.ctx, me.familyNumber),
      myRequests(request.ctx),
    ]);
    return reply.page(<AccountPage applicant={applicant} family={family} requests={requests} />);
  });

  app.get('/layanan/:slug/ajukan', page, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const actor = request.ctx.actor;
    if (actor?.kind !== 'resident')
      return reply.redirect(`/masuk/warga?kembali=${encodeURIComponent(`/layanan/${slug}/ajukan`)}`, 303);
    const service = await getService(request.ctx, slug);
    const me = await findResidentByNik(request.ctx, actor.nik);
    if (!me || !service.active) throw new NotFound();
    if (!service.definition.selfService) throw new Forbidden(t('services.service.officeOnly'));
    const applicant = await applicantSnapshot(request.ctx, me);
    return reply.page(
      <NewRequestPage
        action={`/layanan/${slug}/ajukan`}
        definition={service.definition}
        values={prefilledValues(service.definition, applicant)}
        family={await familyOf(request.ctx, me.familyNumber)}
        attachments={[]}
        prefilledNote
      />,
    );
  });

  app.post('/layanan/:slug/ajukan', resident, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const input = await readRequestForm(request);
    const outcome = withUploadProblems(await startRequest(request.ctx, slug, input), input.uploadProblems);
    return afterResidentSave(request, reply, outcome, input.values);
  });

  app.get('/akun/permohonan/:id', resident, async (request, reply) => {
    const view = await getRequest(request.ctx, (request.params as { id: string }).id);
    return reply.page(<MyRequestPage view={view} />);
  });

  app.post('/akun/permohonan/:id', resident, async (request, reply) => {
    const input = await readRequestForm(request);
    const outcome = withUploadProblems(
      await saveRequest(request.ctx, (request.params as { id: string }).id, input),
      input.uploadProblems,
    );
    return afterResidentSave(request, reply, outcome, input.values);
  });

  async function afterResidentSave(
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: SaveOutcome,
    values: Form,
  ) {
    if (Object.keys(outcome.problems).length === 0) {
      flashFor(reply, outcome);
      return reply.redirect(`/akun/permohonan/${outcome.id}`, 303);
    }
    const view = await getRequest(request.ctx, outcome.id);
    return reply.page(
      <MyRequestPage view={view} errors={outcome.problems} values={values as Record<string, string>} />,
      422,
    );
  }

  app.post('/akun/permohonan/:id/batal', resident, async (request, reply) => {
    const { id } = request.params as { id: string };
    await cancelRequest(request.ctx, id);
    setFlash(reply, t('services.flash.cancelled'));
    return reply.redirect(`/akun/permohonan/${id}`, 303);
  });

  app.get('/akun/permohonan/:id/surat.pdf', resident, async (request, reply) => {
    const file = await requestLetterPdf(request.ctx, (request.params as { id: string }).id);
    return sendLetterPdf(reply, file, 'attachment');
  });

  // --- staff: queue and handling ----------------------------------------------------------------
  app.get('/kelola/layanan', staff, async (request, reply) => {
    const actor = staffOf(request);
    const q = request.query as Form;
    const status: RequestState | 'aktif' =
      q.status && (REQUEST_STATES as readonly string[]).includes(q.status)
        ? (q.status as RequestState)
        : 'aktif';
    const pageNumber = parsePage(q.page);
    const filter = {
      state: status,
      serviceSlug: q.layanan || undefined,
      q: q.q || undefined,
      page: pageNumber,
    };
    const [queue, services] = await Promise.all([
      listQueue(request.ctx, filter),
      listCatalog(request.ctx, { includeInactive: true }),
    ]);
    return reply.page(
      <QueuePage
        actor={actor}
        rows={queue.rows}
        total={queue.total}
        page={pageNumber}
        pageSize={QUEUE_PAGE_SIZE}
        filter={{ status, layanan: q.layanan, q: q.q }}
        services={services}
        now={request.ctx.clock.now()}
      />,
    );
  });

  app.get('/kelola/layanan/permohonan/:id', staff, async (request, reply) => {
    const view = await getRequest(request.ctx, (request.params as { id: string }).id);
    return reply.page(<StaffRequestPage view={view} />);
  });

  async function staffAction(
    request: FastifyRequest,
    reply: FastifyReply,
    act: (id: string, form: Form) => Promise<string>,
  ) {
    const { id } = request.params as { id: string };
    const form = (request.body as Form) ?? {};
    try {
      setFlash(reply, await act(id, form));
      return reply.redirect(`/kelola/layanan/permohonan/${id}`, 303);
    } catch (error) {
      if (error instanceof Invalid)
        return reply.page(
          <StaffRequestPage view={await getRequest(request.ctx, id)} errors={error.fields} />,
          422,
        );
      if (error instanceof Conflict)
        return reply.page(
          <StaffRequestPage view={await getRequest(request.ctx, id)} message={error.message} />,
          409,
        );
      throw error;
    }
  }

  app.post('/kelola/layanan/permohonan/:id/setujui', staff, (request, reply) =>
    staffAction(request, reply, async (id, form) => {
      await approveStep(request.ctx, id, { note: form.approvalNote });
      return t('services.flash.approved');
    }),
  );

  app.post('/kelola/layanan/permohonan/:id/tandatangani', staff, (request, reply) =>
    staffAction(request, reply, async (id, form) => {
      if (form.confirm !== '1') throw new Invalid({ confirm: t('services.error.confirmSign') });
      const result = await approveStep(request.ctx, id);
      return t('services.flash.signed', { number: result.letterNumber ?? '' });
    }),
  );

  app.post('/kelola/layanan/permohonan/:id/kembalikan', staff, (request, reply) =>
    staffAction(request, reply, async (id, form) => {
      const remarks: Record<string, string> = {};
      for (const [key, value] of Object.entries(form))
        if (key.startsWith('remark_') && value) remarks[key.slice(7)] = value;
      await returnForCorrection(request.ctx, id, { remarks, note: form.note ?? '' });
      return t('services.flash.returned');
    }),
  );

  app.post('/kelola/layanan/permohonan/:id/tolak', staff, (request, reply) =>
    staffAction(request, reply, async (id, form) => {
      await rejectRequest(request.ctx, id, form.reason ?? '');
      return t('services.flash.rejected');
    }),
  );

  app.post('/kelola/layanan/permohonan/:id/diambil', staff, (request, reply) =>
    staffAction(request, reply, async (id) => {
      await markCollected(request.ctx, id);
      return t('services.flash.collected');
    }),
  );

  app.get('/kelola/layanan/permohonan/:id/lampiran/:attachmentId', staff, async (request, reply) => {
    const { id, attachmentId } = request.params as { id: string; attachmentId: string };
    const file = await requestAttachment(request.ctx, id, attachmentId);
    return sendPrivateFile(reply, file, 'inline');
  });

  app.get('/kelola/layanan/permohonan/:id/surat.pdf', staff, async (request, reply) => {
    const file = await requestLetterPdf(request.ctx, (request.params as { id: string }).id);
    return sendLetterPdf(reply, file, 'inline');
  });

  // --- staff: filing for a resident (operator-assisted) -----------------------------------------
  app.get('/kelola/layanan/ajukan', villageStaff, async (request, reply) => {
    const actor = staffOf(request);
    const q = request.query as Form;
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

  app.post('/kelola/layanan/ajukan/:slug', villageStaff, async (request, reply) => {
    const input = await readRequestForm(request);
    const outcome = withUploadProblems(
      await startRequest(request.ctx, (request.params as { slug: string }).slug, {
        ...input,
        residentNik: input.values.residentNik,
      }),
      input.uploadProblems,
    );
    if (Object.keys(outcome.problems).length === 0) {
      flashFor(reply, outcome);
      return reply.redirect(`/kelola/layanan/permohonan/${outcome.id}`, 303);
    }
    setFlash(reply, t('services.flash.savedWithProblems'));
    return reply.redirect(`/kelola/layanan/permohonan/${outcome.id}/ubah`, 303);
  });

  app.get('/kelola/layanan/permohonan/:id/ubah', villageStaff, async (request, reply) => {
    const view = await getRequest(request.ctx, (request.params as { id: string }).id);
    if (!view.can.edit) return reply.redirect(`/kelola/layanan/permohonan/${view.id}`, 303);
    return reply.page(staffEditPage(view));
  });

  app.post('/kelola/layanan/permohonan/:id/ubah', villageStaff, async (request, reply) => {
    const input = await readRequestForm(request);
    const { id } = request.params as { id: string };
    const outcome = withUploadProblems(await saveRequest(request.ctx, id, input), input.uploadProblems);
    if (Object.keys(outcome.problems).length === 0) {
      flashFor(reply, outcome);
      return reply.redirect(`/kelola/layanan/permohonan/${id}`, 303);
    }
    return reply.page(
      staffEditPage(
        await getRequest(request.ctx, id),
        outcome.problems,
        input.values as Record<string, string>,
      ),
      422,
    );
  });

  function staffEditPage(
    view: Awaited<ReturnType<typeof getRequest>>,
    errors?: Record<string, string>,
    values?: Record<string, string>,
  ) {
    return (
      <AssistFormPage
        action={`/kelola/layanan/permohonan/${view.id}/ubah`}
        definition={view.definition}
        values={values ?? view.data}
        errors={errors}
        remarks={view.remarks}
        remarkNote={view.remarkNote}
        family={view.family}
        attachments={view.attachments}
        contactPhone={view.contactPhone}
        contactChannel={view.contactChannel}
        applicantName={view.applicant.name}
      />
    );
  }

  // --- staff: PINs and the village's services (the page itself is the letters module's) ---------------------------------------------------
  app.get('/kelola/layanan/pin', villageStaff, async (request, reply) =>
    reply.page(<IssuePinPage actor={staffOf(request)} />),
  );

  app.post('/kelola/layanan/pin', villageStaff, async (request, reply) => {
    const nik = (request.body as Form).nik ?? '';
    try {
      const issued = await issuePin(request.ctx, nik);
      reply.header('cache-control', 'no-store');
      return reply.page(
        <IssuePinPage actor={staffOf(request)} issued={{ pin: issued.pin, name: issued.residentName }} />,
      );
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(<IssuePinPage actor={staffOf(request)} nik={nik} errors={error.fields} />, 422);
    }
  });

  // one checkbox per service, all named aktif
  const serviceList = { ...villageStaff, config: { repeatableFields: ['aktif'] } };
  app.post('/kelola/layanan/desa/layanan', serviceList, async (request, reply) => {
    const raw = (request.body as Record<string, unknown>).aktif;
    const slugs = Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : [];
    await setVillageServices(request.ctx, staffOf(request).scope.code, slugs);
    setFlash(reply, t('services.flash.settingsSaved'));
    return reply.redirect('/kelola/layanan/desa', 303);
  });

  // --- admin: the catalog -----------------------------------------------------------------------
  app.get('/kelola/layanan/katalog', admin, async (request, reply) =>
    reply.page(
      <CatalogAdminPage
        actor={staffOf(request)}
        services={await listCatalog(request.ctx, { includeInactive: true })}
      />,
    ),
  );

  app.get('/kelola/layanan/katalog/baru', admin, async (request, reply) => {
    const template = (await getService(request.ctx, 'keterangan-umum')).definition;
    const json = JSON.stringify({ ...template, slug: 'layanan-baru' }, null, 2);
    return reply.page(<ServiceEditPage slug={null} json={json} version={null} active />);
  });

  app.post('/kelola/layanan/katalog/baru', admin, async (request, reply) => {
    const json = (request.body as Form).definition ?? '';
    try {
      const saved = await saveServiceDefinition(request.ctx, json);
      setFlash(reply, t('services.flash.serviceSaved', { version: saved.version }));
      return reply.redirect(`/kelola/layanan/katalog/${saved.slug}`, 303);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(
        <ServiceEditPage
          slug={null}
          json={json}
          version={null}
          active
          errors={error.fields}
          message={error.message}
        />,
        422,
      );
    }
  });

  app.get('/kelola/layanan/katalog/:slug', admin, async (request, reply) => {
    const service = await getService(request.ctx, (request.params as { slug: string }).slug);
    return reply.page(
      <ServiceEditPage
        slug={service.slug}
        json={JSON.stringify(service.definition, null, 2)}
        version={service.version}
        active={service.active}
      />,
    );
  });

  app.post('/kelola/layanan/katalog/:slug', admin, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const json = (request.body as Form).definition ?? '';
    try {
      const saved = await saveServiceDefinition(request.ctx, json, slug);
      setFlash(reply, t('services.flash.serviceSaved', { version: saved.version }));
      return reply.redirect(`/kelola/layanan/katalog/${slug}`, 303);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const service = await getService(request.ctx, slug);
      return reply.page(
        <ServiceEditPage
          slug={slug}
          json={json}
          version={service.version}
          active={service.active}
          errors={error.fields}
          message={error.message}
        />,
        422,
      );
    }
  });

  app.post('/kelola/layanan/katalog/:slug/status', admin, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    await setServiceActive(request.ctx, slug, (request.body as Form).active === '1');
    setFlash(reply, t('services.flash.settingsSaved'));
    return reply.redirect(`/kelola/layanan/katalog/${slug}`, 303);
  });

  // --- JSON API ---------------------------------------------------------------------------------
  const catalogItem = Type.Object({
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    owner: Type.String({ description: 'village, or the agency code' }),
    letterCode: Type.String(),
    classificationCode: Type.String(),
    slaDays: Type.Integer(),
    selfService: Type.Boolean(),
    version: Type.Integer(),
    fields: Type.Array(
      Type.Object({
        name: Type.String(),
        label: Type.String(),
        type: Type.String(),
        required: Type.Boolean(),
      }),
    ),
    attachments: Type.Array(
      Type.Object({ name: Type.String(), label: Type.String(), required: Type.Boolean() }),
    ),
  });

  app.get(
    '/api/v1/services',
    {
      schema: {
        summary: 'Katalog layanan (surat desa dan layanan OPD)',
        tags: ['services'],
        querystring: Type.Object({
          village: Type.Optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$' })),
        }),
        response: { 200: Type.Object({ services: Type.Array(catalogItem) }) },
      },
    },
    async (request) => {
      const { village } = request.query as { village?: string };
      const locale = currentLocale();
      const entries = (await listCatalog(request.ctx, { villageCode: village })).filter(
        (e) => e.enabledInVillage,
      );
      return {
        services: entries.map((e) => {
          const d = e.definition;
          return {
            slug: e.slug,
            name: textOf(d.name, locale),
            description: textOf(d.description, locale),
            owner: d.owner.type === 'agency' ? d.owner.code : 'village',
            letterCode: d.letterCode,
            classificationCode: d.classificationCode,
            slaDays: d.slaDays,
            selfService: d.selfService,
            version: e.version,
            fields: d.fields.map((f) => ({
              name: f.name,
              label: textOf(f.label, locale),
              type: f.type,
              required: Boolean(f.required),
            })),
            attachments: d.attachments.map((a) => ({
              name: a.name,
              label: textOf(a.label, locale),
              required: Boolean(a.required),
            })),
          };
        }),
      };
    },
  );

  app.get(
    '/api/v1/service-requests',
    {
      preHandler: requireStaff(),
      schema: {
        summary: 'Antrean permohonan layanan dalam cakupan pengguna',
        tags: ['services'],
        security: [{ bearer: [] }, { session: [] }],
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal('aktif'), ...REQUEST_STATES.map((s) => Type.Literal(s))]),
          ),
          service: Type.Optional(Type.String()),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            requests: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                service: Type.String(),
                state: Type.String(),
                villageCode: Type.String(),
                applicantName: Type.String(),
                applicantNik: Type.String(),
                submittedAt: Type.Union([Type.String(), Type.Null()]),
                dueAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as { status?: RequestState | 'aktif'; service?: string; page?: number };
      const queue = await listQueue(request.ctx, {
        state: q.status ?? 'aktif',
        serviceSlug: q.service,
        page: q.page ?? 1,
      });
      return {
        total: queue.total,
        requests: queue.rows.map((r) => ({
          id: r.id,
          code: r.code,
          service: r.slug,
          state: r.state,
          villageCode: r.village_code,
          applicantName: r.applicant_name,
          applicantNik: r.applicant_nik,
          submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
          dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
        })),
      };
    },
  );
}
