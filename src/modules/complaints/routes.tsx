import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setAgencyHeadEmail } from '../../platform/agencies/service.ts';
import { requireStaff, staffOf } from '../../platform/auth/guards.ts';
import { readFile } from '../../platform/files/index.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { pageNumber as parsePage } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { regencyName, regionName } from '../regions/service.ts';
import { open311Routes } from './open311-routes.ts';
import { ownHandler } from './policy.ts';
import {
  addHoliday,
  addReply,
  addTemplate,
  agencyOptions,
  changeState,
  complianceFigures,
  confirmFixed,
  createCategory,
  createOpen311Client,
  flagReport,
  getCategory,
  getPublicReport,
  getReportForStaff,
  kecamatanOptions,
  listCategories,
  listHolidays,
  listOpen311Clients,
  listPublicReports,
  listQueue,
  listRoutes,
  listTemplates,
  mapPoints,
  moderate,
  moderationQueue,
  nearbyReports,
  PUBLIC_PAGE_SIZE,
  photoFileFor,
  type ReportInput,
  removeHoliday,
  removeRoute,
  removeTemplate,
  reopenReport,
  revokeOpen311Client,
  saveRoute,
  setPhotoVisibility,
  submitReport,
  supportReport,
  trackingUrl,
  updateCategory,
  villageOptions,
} from './service.ts';
import { STATES } from './states.ts';
import { ComplaintsHome, type FormValues, StatsPage, TrackingPage } from './views/public.tsx';
import {
  AgencyContactsPage,
  CategoriesPage,
  CategoryEditPage,
  ClientsPage,
  HolidaysPage,
  ModerationPage,
  QueuePage,
  RulesPage,
  SlaPage,
  StaffReportPage,
  TemplatesPage,
} from './views/staff.tsx';

const here = path.dirname(fileURLToPath(import.meta.url));
const SUPPORTER_COOKIE = 'simpul_pendukung';
type Form = Record<string, string | undefined>;

function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function confidentialChoice(value: string | undefined): boolean | undefined {
  if (value === 'rahasia') return true;
  if (value === 'publik') return false;
  return undefined;
}

/** Reads the report form, multipart (with photos) or url-encoded. Photo bytes are kept apart from the echoed values. */
async function readReportForm(
  request: FastifyRequest,
): Promise<{ values: FormValues; photos: Buffer[]; photoProblem: string | null }> {
  const values: FormValues = {};
  const photos: Buffer[] = [];
  let photoProblem: string | null = null;
  if (request.isMultipart()) {
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (part.filename && bytes.length > 0) photos.push(bytes);
        } else {
          values[part.fieldname] = text(part.value);
        }
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') photoProblem = t('complaints.error.photoTooLarge');
      else if (code === 'FST_FILES_LIMIT') photoProblem = t('complaints.error.tooManyPhotos');
      else throw error;
    }
  } else {
    for (const [k, v] of Object.entries((request.body as Record<string, unknown>) ?? {})) values[k] = text(v);
  }
  return { values, photos, photoProblem };
}

function reportInputFromForm(values: FormValues, photos: Buffer[], request: FastifyRequest): ReportInput {
  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values))
    if (k.startsWith('detail_') && v !== '') details[k.slice(7)] = v;
  return {
    source: 'web',
    categoryCode: values.categoryCode ?? '',
    villageCode: values.villageCode ?? '',
    kind: values.kind,
    title: values.title ?? '',
    description: values.description ?? '',
    details,
    lat: values.lat ?? null,
    lng: values.lng ?? null,
    address: values.address ?? null,
    anonymous: values.anonymous === '1',
    confidential: confidentialChoice(values.confidential),
    name: values.name ?? null,
    phone: values.phone ?? null,
    email: values.email ?? null,
    photos,
    honeypot: values.website ?? null,
    ip: request.ip,
  };
}

async function homeProps(request: FastifyRequest, values: FormValues, errors?: Record<string, string>) {
  const ctx = request.ctx;
  const query = request.query as Form;
  const filter = {
    kategori: query.kategori || undefined,
    kecamatan: query.kecamatan || undefined,
    status: query.status || undefined,
  };
  const [categories, villages, kecamatan, list] = await Promise.all([
    listCategories(ctx),
    villageOptions(ctx),
    kecamatanOptions(ctx),
    listPublicReports(ctx, {
      category: filter.kategori,
      kecamatan: filter.kecamatan,
      state: filter.status,
      page: parsePage(query.page),
    }),
  ]);
  return {
    form: { categories, villages, values, tileUrl: ctx.config.mapTileUrl, ...(errors ? { errors } : {}) },
    list: {
      rows: list.rows,
      total: list.total,
      more: list.more,
      page: list.page,
      pageSize: PUBLIC_PAGE_SIZE,
      filter,
      categories,
      kecamatan,
      tileUrl: ctx.config.mapTileUrl,
    },
  };
}

function supporterKey(request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[SUPPORTER_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing)) return existing;
  const key = randomBytes(16).toString('base64url');
  reply.setCookie(SUPPORTER_COOKIE, key, {
    path: '/pengaduan',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 365 * 86_400,
  });
  return key;
}

const ReportBody = Type.Object({
  categoryCode: Type.String({ maxLength: 40 }),
  villageCode: Type.String({ maxLength: 20 }),
  kind: Type.Optional(
    Type.Union([Type.Literal('pengaduan'), Type.Literal('aspirasi'), Type.Literal('informasi')]),
  ),
  title: Type.String({ maxLength: 200 }),
  description: Type.String({ maxLength: 5000 }),
  details: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())])),
  ),
  lat: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  lng: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  anonymous: Type.Optional(Type.Boolean()),
  confidential: Type.Optional(Type.Boolean()),
  name: Type.Optional(Type.String({ maxLength: 120 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  website: Type.Optional(Type.String({ description: 'honeypot: leave empty' })),
});

const PublicReportSchema = Type.Object({
  ticket: Type.String(),
  title: Type.String(),
  description: Type.String(),
  state: Type.String(),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  villageCode: Type.String(),
  villageName: Type.String(),
  kecamatanName: Type.String(),
  handlerName: Type.String(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  resolveDueAt: Type.String(),
  supportCount: Type.Integer(),
});

export async function complaintRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: path.resolve(here, '../../../node_modules/leaflet/dist'),
    prefix: '/pengaduan/aset/leaflet/',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(here, 'assets'),
    prefix: '/pengaduan/aset/',
    decorateReply: false,
    index: false,
  });
  await app.register(open311Routes);

  // ---------- public pages ----------

  app.get('/pengaduan', { schema: { hide: true } }, async (request, reply) => {
    return reply.page(<ComplaintsHome {...(await homeProps(request, {}))} />);
  });

  app.post('/pengaduan', { schema: { hide: true } }, async (request, reply) => {
    const { values, photos, photoProblem } = await readReportForm(request);
    try {
      if (photoProblem) throw new Invalid({ photos: photoProblem });
      const receipt = await submitReport(request.ctx, reportInputFromForm(values, photos, request));
      return reply.redirect(`/pengaduan/${receipt.ticket}?kunci=${receipt.key}&baru=1`, 303);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const errors = { ...error.fields };
      if (photos.length && !errors.photos) errors.photos = t('complaints.error.choosePhotosAgain');
      return reply.page(<ComplaintsHome {...(await homeProps(request, values, errors))} />, 422);
    }
  });

  app.get('/pengaduan/cari', { schema: { hide: true } }, async (request, reply) => {
    const ticket = text((request.query as Form).tiket)
      .trim()
      .toUpperCase();
    if (!/^PGD-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(ticket)) throw new NotFound(t('complaints.error.noTicket'));
    return reply.redirect(`/pengaduan/${ticket}`, 303);
  });

  app.get('/pengaduan/statistik', { schema: { hide: true } }, async (request, reply) => {
    const rows = await complianceFigures(request.ctx, { days: 90 });
    return reply.page(<StatsPage rows={rows} days={90} />);
  });

  app.get('/pengaduan/peta.json', { schema: { hide: true } }, async (request) => {
    const q = request.query as Form;
    return mapPoints(request.ctx, { category: q.kategori, kecamatan: q.kecamatan, state: q.status });
  });

  app.get('/pengaduan/foto/:id', { schema: { hide: true } }, async (request, reply) => {
    return sendPhoto(request, reply, 'full');
  });
  app.get('/pengaduan/foto/:id/kecil', { schema: { hide: true } }, async (request, reply) => {
    return sendPhoto(request, reply, 'thumb');
  });

  app.get('/pengaduan/:ticket', { schema: { hide: true } }, async (request, reply) => {
    const { ticket } = request.params as { ticket: string };
    const q = request.query as Form;
    const key = q.kunci ?? null;
    const report = await getPublicReport(request.ctx, ticket, key);
    if (report.ticket !== ticket) return reply.redirect(`/pengaduan/${report.ticket}`, 301);
    reply.header('referrer-policy', 'no-referrer');
    return reply.page(
      <TrackingPage
        report={report}
        justFiled={q.baru === '1' && report.isReporter}
        reporterKey={report.isReporter ? key : null}
        trackingUrl={trackingUrl(request.ctx, report.ticket, key ?? undefined)}
      />,
    );
  });

  app.post('/pengaduan/:ticket/dukung', { schema: { hide: true } }, async (request, reply) => {
    const { ticket } = request.params as { ticket: string };
    const added = await supportReport(request.ctx, ticket, supporterKey(request, reply));
    setFlash(reply, added ? t('complaints.flash.supported') : t('complaints.flash.alreadySupported'));
    return reply.redirect(`/pengaduan/${ticket}`, 303);
  });

  for (const [action, run] of [
    [
      'konfirmasi',
      (request: FastifyRequest, ticket: string, form: Form) =>
        confirmFixed(request.ctx, ticket, form.kunci ?? ''),
    ],
    [
      'buka-lagi',
      (request: FastifyRequest, ticket: string, form: Form) =>
        reopenReport(request.ctx, ticket, form.kunci ?? '', form.reason ?? ''),
    ],
  ] as const) {
    app.post(`/pengaduan/:ticket/${action}`, { schema: { hide: true } }, async (request, reply) => {
      const { ticket } = request.params as { ticket: string };
      const form = request.body as Form;
      try {
        await run(request, ticket, form);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        const report = await getPublicReport(request.ctx, ticket, form.kunci);
        return reply.page(
          <TrackingPage
            report={report}
            justFiled={false}
            reporterKey={form.kunci ?? null}
            trackingUrl={trackingUrl(request.ctx, ticket)}
            errors={error.fields}
          />,
          422,
        );
      }
      setFlash(
        reply,
        action === 'konfirmasi' ? t('complaints.flash.confirmed') : t('complaints.flash.reopened'),
      );
      return reply.redirect(`/pengaduan/${ticket}?kunci=${encodeURIComponent(form.kunci ?? '')}`, 303);
    });
  }

  // ---------- staff pages ----------

  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  const admin = { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } };

  app.get('/kelola/pengaduan', staff, async (request, reply) => {
    const actor = staffOf(request);
    const q = request.query as Form;
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
    const own = ownHandler(actor) !== undefined;
    const rows = await complianceFigures(request.ctx, { days: 90, own });
    return reply.page(<SlaPage actor={actor} rows={rows} own={own} />);
  });

  app.get('/kelola/pengaduan/moderasi', admin, async (request, reply) => {
    return reply.page(<ModerationPage actor={staffOf(request)} rows={await moderationQueue(request.ctx)} />);
  });

  app.post('/kelola/pengaduan/moderasi/:ticket', admin, async (request, reply) => {
    const { ticket } = request.params as { ticket: string };
    const form = request.body as Form;
    const action = form.action === 'hide' || form.action === 'redact' ? form.action : 'approve';
    try {
      await moderate(request.ctx, ticket, {
        action,
        publicTitle: form.publicTitle ?? '',
        publicDescription: form.publicDescription ?? '',
      });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(
        <ModerationPage
          actor={staffOf(request)}
          rows={await moderationQueue(request.ctx)}
          errors={error.fields}
        />,
        422,
      );
    }
    setFlash(reply, t('complaints.flash.moderated'));
    return reply.redirect('/kelola/pengaduan/moderasi', 303);
  });

  async function rulesPage(request: FastifyRequest, errors?: Record<string, string>, values?: FormValues) {
    const ctx = request.ctx;
    const [rules, categories, agencies, villages, kecamatan, name] = await Promise.all([
      listRoutes(ctx),
      listCategories(ctx, { activeOnly: false }),
      agencyOptions(ctx),
      villageOptions(ctx),
      kecamatanOptions(ctx),
      regencyName(ctx),
    ]);
    return (
      <RulesPage
        actor={staffOf(request)}
        rules={rules}
        categories={categories}
        agencies={agencies}
        villages={villages}
        kecamatan={kecamatan}
        regency={{ code: ctx.config.regencyCode, name }}
        {...(errors ? { errors } : {})}
        {...(values ? { values } : {})}
      />
    );
  }

  app.get('/kelola/pengaduan/aturan', admin, async (request, reply) => reply.page(await rulesPage(request)));

  app.post('/kelola/pengaduan/aturan', admin, async (request, reply) => {
    const form = request.body as Form;
    try {
      await saveRoute(request.ctx, {
        categoryCode: form.categoryCode ?? '',
        regionCode: form.regionCode ?? '',
        handler: form.handler ?? '',
      });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(await rulesPage(request, error.fields, form), 422);
    }
    setFlash(reply, t('complaints.flash.ruleSaved'));
    return reply.redirect('/kelola/pengaduan/aturan', 303);
  });

  app.post('/kelola/pengaduan/aturan/:id/hapus', admin, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await removeRoute(request.ctx, id);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(await rulesPage(request, error.fields), 422);
    }
    setFlash(reply, t('complaints.flash.ruleDeleted'));
    return reply.redirect('/kelola/pengaduan/aturan', 303);
  });

  async function categoriesPage(
    request: FastifyRequest,
    errors?: Record<string, string>,
    values?: FormValues,
  ) {
    const [categories, agencies] = await Promise.all([
      listCategories(request.ctx, { activeOnly: false }),
      agencyOptions(request.ctx),
    ]);
    return (
      <CategoriesPage
        actor={staffOf(request)}
        categories={categories}
        agencies={agencies}
        {...(errors ? { errors } : {})}
        {...(values ? { values } : {})}
      />
    );
  }

  app.get('/kelola/pengaduan/kategori', admin, async (request, reply) =>
    reply.page(await categoriesPage(request)),
  );

  app.post('/kelola/pengaduan/kategori', admin, async (request, reply) => {
    const form = request.body as Form;
    try {
      await createCategory(request.ctx, {
        code: form.code ?? '',
        name: form.name ?? '',
        nameEn: form.nameEn ?? '',
        group: form.group ?? '',
        description: form.description ?? '',
        handler: form.handler ?? '',
        slaVerify: form.slaVerify ?? '',
        slaResponse: form.slaResponse ?? '',
        slaResolve: form.slaResolve ?? '',
        reopenDays: form.reopenDays ?? '',
        confidentialDefault: form.confidentialDefault === '1',
        anonymousAllowed: true,
        publicReopen: true,
        active: true,
      });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(await categoriesPage(request, error.fields, form), 422);
    }
    setFlash(reply, t('complaints.flash.categorySaved'));
    return reply.redirect('/kelola/pengaduan/kategori', 303);
  });

  app.get('/kelola/pengaduan/kategori/:code', admin, async (request, reply) => {
    const { code } = request.params as { code: string };
    const c = await getCategory(request.ctx, code);
    const flag = (b: boolean) => (b ? '1' : '');
    const values = {
      name: c.name,
      nameEn: c.nameEn,
      description: c.description,
      slaVerify: String(c.sla.verify),
      slaResponse: String(c.sla.response),
      slaResolve: String(c.sla.resolve),
      reopenDays: String(c.reopenDays),
      confidentialDefault: flag(c.confidentialDefault),
      anonymousAllowed: flag(c.anonymousAllowed),
      publicReopen: flag(c.publicReopen),
      active: flag(c.active),
    };
    return reply.page(<CategoryEditPage actor={staffOf(request)} category={c} values={values} />);
  });

  app.post('/kelola/pengaduan/kategori/:code', admin, async (request, reply) => {
    const { code } = request.params as { code: string };
    const form = request.body as Form;
    try {
      await updateCategory(request.ctx, code, {
        name: form.name ?? '',
        nameEn: form.nameEn ?? '',
        description: form.description ?? '',
        slaVerify: form.slaVerify ?? '',
        slaResponse: form.slaResponse ?? '',
        slaResolve: form.slaResolve ?? '',
        reopenDays: form.reopenDays ?? '',
        confidentialDefault: form.confidentialDefault === '1',
        anonymousAllowed: form.anonymousAllowed === '1',
        publicReopen: form.publicReopen === '1',
        active: form.active === '1',
      });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const category = await getCategory(request.ctx, code);
      return reply.page(
        <CategoryEditPage actor={staffOf(request)} category={category} values={form} errors={error.fields} />,
        422,
      );
    }
    setFlash(reply, t('complaints.flash.categorySaved'));
    return reply.redirect('/kelola/pengaduan/kategori', 303);
  });

  app.get('/kelola/pengaduan/libur', admin, async (request, reply) => {
    return reply.page(<HolidaysPage actor={staffOf(request)} holidays={await listHolidays(request.ctx)} />);
  });

  app.post('/kelola/pengaduan/libur', admin, async (request, reply) => {
    const form = request.body as Form;
    try {
      await addHoliday(request.ctx, { date: form.date ?? '', name: form.name ?? '' });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(
        <HolidaysPage
          actor={staffOf(request)}
          holidays={await listHolidays(request.ctx)}
          errors={error.fields}
          values={form}
        />,
        422,
      );
    }
    setFlash(reply, t('complaints.flash.holidaySaved'));
    return reply.redirect('/kelola/pengaduan/libur', 303);
  });

  app.post('/kelola/pengaduan/libur/:date/hapus', admin, async (request, reply) => {
    await removeHoliday(request.ctx, (request.params as { date: string }).date);
    setFlash(reply, t('complaints.flash.holidayDeleted'));
    return reply.redirect('/kelola/pengaduan/libur', 303);
  });

  async function templatesPage(
    request: FastifyRequest,
    errors?: Record<string, string>,
    values?: FormValues,
  ) {
    const [templates, categories] = await Promise.all([
      listTemplates(request.ctx),
      listCategories(request.ctx, { activeOnly: false }),
    ]);
    return (
      <TemplatesPage
        actor={staffOf(request)}
        templates={templates}
        categories={categories}
        {...(errors ? { errors } : {})}
        {...(values ? { values } : {})}
      />
    );
  }

  app.get('/kelola/pengaduan/templat', admin, async (request, reply) =>
    reply.page(await templatesPage(request)),
  );

  app.post('/kelola/pengaduan/templat', admin, async (request, reply) => {
    const form = request.body as Form;
    try {
      await addTemplate(request.ctx, {
        categoryCode: form.categoryCode ?? '',
        state: form.state ?? '',
        title: form.title ?? '',
        body: form.body ?? '',
      });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(await templatesPage(request, error.fields, form), 422);
    }
    setFlash(reply, t('complaints.flash.templateSaved'));
    return reply.redirect('/kelola/pengaduan/templat', 303);
  });

  app.post('/kelola/pengaduan/templat/:id/hapus', admin, async (request, reply) => {
    await removeTemplate(request.ctx, (request.params as { id: string }).id);
    setFlash(reply, t('complaints.flash.templateDeleted'));
    return reply.redirect('/kelola/pengaduan/templat', 303);
  });

  app.get('/kelola/pengaduan/opd', admin, async (request, reply) => {
    return reply.page(
      <AgencyContactsPage actor={staffOf(request)} agencies={await agencyOptions(request.ctx)} />,
    );
  });

  app.post('/kelola/pengaduan/opd/:code', admin, async (request, reply) => {
    const { code } = request.params as { code: string };
    const form = request.body as Form;
    try {
      await setAgencyHeadEmail(request.ctx, code, form[`head_${code}`] ?? '');
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(
        <AgencyContactsPage
          actor={staffOf(request)}
          agencies={await agencyOptions(request.ctx)}
          errors={error.fields}
          values={form}
        />,
        422,
      );
    }
    setFlash(reply, t('complaints.flash.agencySaved'));
    return reply.redirect('/kelola/pengaduan/opd', 303);
  });

  app.get('/kelola/pengaduan/klien-api', admin, async (request, reply) => {
    return reply.page(
      <ClientsPage actor={staffOf(request)} clients={await listOpen311Clients(request.ctx)} />,
    );
  });

  app.post('/kelola/pengaduan/klien-api', admin, async (request, reply) => {
    const form = request.body as Form;
    try {
      const key = await createOpen311Client(request.ctx, form.name ?? '');
      return reply.page(
        <ClientsPage actor={staffOf(request)} clients={await listOpen311Clients(request.ctx)} newKey={key} />,
      );
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(
        <ClientsPage
          actor={staffOf(request)}
          clients={await listOpen311Clients(request.ctx)}
          errors={error.fields}
        />,
        422,
      );
    }
  });

  app.post('/kelola/pengaduan/klien-api/:id/cabut', admin, async (request, reply) => {
    await revokeOpen311Client(request.ctx, (request.params as { id: string }).id);
    setFlash(reply, t('complaints.flash.clientRevoked'));
    return reply.redirect('/kelola/pengaduan/klien-api', 303);
  });

  app.post('/kelola/pengaduan/foto/:id', staff, async (request, reply) => {
    const { id } = request.params as { id: string };
    const ticket = await setPhotoVisibility(request.ctx, id, (request.body as Form).hidden === '1');
    setFlash(reply, t('complaints.flash.photo'));
    return reply.redirect(`/kelola/pengaduan/${ticket}`, 303);
  });

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

  app.get('/kelola/pengaduan/:ticket', staff, async (request, reply) => {
    return reply.page(await staffReportPage(request, (request.params as { ticket: string }).ticket));
  });

  const staffActions: Record<string, (request: FastifyRequest, ticket: string, form: Form) => Promise<void>> =
    {
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
    app.post(`/kelola/pengaduan/:ticket/${action}`, staff, async (request, reply) => {
      const { ticket } = request.params as { ticket: string };
      const form = request.body as Form;
      try {
        await run(request, ticket, form);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return reply.page(await staffReportPage(request, ticket, error.fields, form), 422);
      }
      setFlash(reply, t(`complaints.flash.${action}`));
      return reply.redirect(`/kelola/pengaduan/${ticket}`, 303);
    });
  }

  // ---------- JSON API ----------

  app.get(
    '/api/v1/complaints/categories',
    {
      schema: {
        tags: ['pengaduan'],
        summary: 'Complaint categories with their extra fields and SLA (working days)',
      },
    },
    async (request) => listCategories(request.ctx),
  );

  app.get(
    '/api/v1/complaints',
    {
      schema: {
        tags: ['pengaduan'],
        summary: 'Public, non-confidential reports (personal data redacted)',
        querystring: Type.Object({
          category: Type.Optional(Type.String({ maxLength: 40 })),
          kecamatan: Type.Optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}$' })),
          state: Type.Optional(Type.Union(STATES.map((s) => Type.Literal(s)))),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
        }),
        response: {
          200: Type.Object({
            page: Type.Integer(),
            pageSize: Type.Integer(),
            total: Type.Integer(),
            more: Type.Boolean({
              description: 'true when there are more reports than total (counting stops at 10,000)',
            }),
            rows: Type.Array(PublicReportSchema),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as { category?: string; kecamatan?: string; state?: string; page?: number };
      const list = await listPublicReports(request.ctx, q);
      return {
        ...list,
        rows: list.rows.map((r) => ({
          ...r,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
          resolveDueAt: r.resolveDueAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/complaints',
    {
      schema: {
        tags: ['pengaduan'],
        summary: 'File a report (JSON, without photos); returns the ticket and the reporter key',
        body: ReportBody,
        response: {
          201: Type.Object({
            ticket: Type.String(),
            key: Type.String(),
            trackingUrl: Type.String(),
            confidential: Type.Boolean(),
            verifyDueAt: Type.String(),
            resolveDueAt: Type.String(),
          }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as typeof ReportBody.static;
      const receipt = await submitReport(request.ctx, {
        ...body,
        source: 'api',
        honeypot: body.website ?? null,
        ip: request.ip,
      });
      return reply.code(201).send({
        ticket: receipt.ticket,
        key: receipt.key,
        trackingUrl: trackingUrl(request.ctx, receipt.ticket, receipt.key),
        confidential: receipt.confidential,
        verifyDueAt: receipt.verifyDueAt.toISOString(),
        resolveDueAt: receipt.resolveDueAt.toISOString(),
      });
    },
  );

  app.get(
    '/api/v1/complaints/nearby',
    {
      schema: {
        tags: ['pengaduan'],
        summary: 'Reports of the same category near a point (to support instead of duplicating)',
        querystring: Type.Object({
          category: Type.String({ maxLength: 40 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          lng: Type.Number({ minimum: -180, maximum: 180 }),
        }),
      },
    },
    async (request) => {
      const q = request.query as { category: string; lat: number; lng: number };
      return nearbyReports(request.ctx, { categoryCode: q.category, lat: q.lat, lng: q.lng });
    },
  );

  app.get(
    '/api/v1/complaints/stats',
    { schema: { tags: ['pengaduan'], summary: 'Response figures per agency over the last 90 days' } },
    async (request) => complianceFigures(request.ctx, { days: 90 }),
  );

  app.get(
    '/api/v1/complaints/:ticket',
    { schema: { tags: ['pengaduan'], summary: 'One report as the public sees it, with its public history' } },
    async (request) => {
      const { ticket } = request.params as { ticket: string };
      const { isReporter: _r, reporterMayAct: _m, ...report } = await getPublicReport(request.ctx, ticket);
      return report;
    },
  );
}

async function sendPhoto(request: FastifyRequest, reply: FastifyReply, size: 'full' | 'thumb') {
  const { id } = request.params as { id: string };
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFound();
  const fileId = await photoFileFor(request.ctx, id, size);
  const file = await readFile(request.ctx, fileId);
  return reply
    .type(file.contentType)
    .header('cache-control', 'private, max-age=300')
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}
