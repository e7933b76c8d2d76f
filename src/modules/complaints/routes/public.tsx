import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { onReplica } from '../../../platform/db/replica.ts';
import { readFile } from '../../../platform/files/index.ts';
import { Invalid, NotFound } from '../../../platform/http/errors.ts';
import { setFlash } from '../../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../../platform/http/form-route.ts';
import { pageNumber as parsePage, queryText } from '../../../platform/http/input.ts';
import { t } from '../../../platform/i18n/index.ts';
import { findVillage } from '../../regions/service.ts';
import {
  complianceFigures,
  confirmFixed,
  getPublicReport,
  kecamatanOptions,
  listCategories,
  listPublicReports,
  mapPoints,
  normaliseTicket,
  PUBLIC_PAGE_SIZE,
  photoFileFor,
  type ReportInput,
  reopenReport,
  sendTicketsByPhone,
  submitReport,
  supportReport,
  trackingUrl,
  villageOptions,
} from '../service.ts';
import {
  ComplaintsHome,
  type FormValues,
  PhoneLookupPage,
  StatsPage,
  TrackingPage,
} from '../views/public.tsx';
import { readPhotoForm } from './photo-form.ts';

const SUPPORTER_COOKIE = 'simpul_pendukung';

/** The report form; `detail_*` fields (the category's own questions) come besides these. */
const ReportForm = formBody(
  {
    categoryCode: textField(),
    villageCode: textField(),
    kind: textField(),
    title: textField(),
    description: textField(),
    lat: textField(),
    lng: textField(),
    address: textField(),
    anonymous: textField(),
    confidential: textField(),
    name: textField(),
    phone: textField(),
    email: textField(),
    website: textField(),
  },
  { extra: 'text' },
);

function confidentialChoice(value: string | undefined): boolean | undefined {
  if (value === 'rahasia') return true;
  if (value === 'publik') return false;
  return undefined;
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
  const query = queryText(request);
  const filter = {
    kategori: query.kategori || undefined,
    kecamatan: query.kecamatan || undefined,
    status: query.status || undefined,
  };
  // the public list may lag the primary by a moment: it is read from the replica when there is one
  const [categories, villages, kecamatan, list] = await onReplica(ctx, (reads) =>
    Promise.all([
      listCategories(reads),
      villageOptions(reads),
      kecamatanOptions(reads),
      listPublicReports(reads, {
        category: filter.kategori,
        kecamatan: filter.kecamatan,
        state: filter.status,
        page: parsePage(query.page),
      }),
    ]),
  );
  // the village comes from the link the resident followed (?desa=code or slug) or their own village
  const formValues = { ...values };
  if (!formValues.villageCode) {
    const fromLink = query.desa ? await findVillage(ctx, query.desa) : null;
    if (fromLink) formValues.villageCode = fromLink.code;
    else if (ctx.actor?.kind === 'resident') formValues.villageCode = ctx.actor.villageCode;
  }
  if (!formValues.categoryCode && query.lapor && categories.some((c) => c.code === query.lapor))
    formValues.categoryCode = query.lapor;
  return {
    form: {
      categories,
      villages,
      values: formValues,
      tileUrl: ctx.config.mapTileUrl,
      ...(errors ? { errors } : {}),
    },
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
      now: ctx.clock.now(),
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

const TrackingForm = formBody({ kunci: textField(), reason: textField() });
type TrackingValues = typeof TrackingForm.static;

/** Anyone's pages: report a problem, the public list, map and figures, follow and support a report. */
export async function publicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/pengaduan', { schema: { hide: true } }, async (request, reply) => {
    return reply.page(<ComplaintsHome {...(await homeProps(request, {}))} />);
  });

  formRoute(app, '/pengaduan', {
    body: ReportForm,
    read: readPhotoForm,
    page: async (request, { values, errors: refused, files }) => {
      const errors = { ...refused };
      if (files?.photos.length && !errors.photos) errors.photos = t('complaints.error.choosePhotosAgain');
      return <ComplaintsHome {...(await homeProps(request, values, errors))} />;
    },
    handle: async (request, reply, form, { photos, photoProblem }) => {
      if (photoProblem) throw new Invalid({ photos: photoProblem });
      const receipt = await submitReport(request.ctx, reportInputFromForm(form, photos, request));
      return reply.redirect(`/pengaduan/${receipt.ticket}?kunci=${receipt.key}&baru=1`, 303);
    },
  });

  app.get('/pengaduan/cari', { schema: { hide: true } }, async (request, reply) => {
    const ticket = normaliseTicket(queryText(request).tiket ?? '');
    if (!ticket) throw new NotFound(t('complaints.error.noTicket'));
    return reply.redirect(`/pengaduan/${ticket}`, 303);
  });

  app.get('/pengaduan/cari-nomor', { schema: { hide: true } }, async (request, reply) => {
    return reply.page(<PhoneLookupPage values={{}} sent={queryText(request).terkirim === '1'} />);
  });

  formRoute(app, '/pengaduan/cari-nomor', {
    body: formBody({ phone: textField() }),
    page: (_request, { values, errors }) => <PhoneLookupPage values={values} errors={errors} sent={false} />,
    handle: async (request, reply, form) => {
      await sendTicketsByPhone(request.ctx, { phone: form.phone ?? '', ip: request.ip });
      return reply.redirect('/pengaduan/cari-nomor?terkirim=1', 303);
    },
  });

  app.get('/pengaduan/statistik', { schema: { hide: true } }, async (request, reply) => {
    const rows = await onReplica(request.ctx, (reads) => complianceFigures(reads, { days: 90 }));
    return reply.page(<StatsPage rows={rows} days={90} />);
  });

  app.get('/pengaduan/peta.json', { schema: { hide: true } }, async (request) => {
    const q = queryText(request);
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
    const q = queryText(request);
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
        tileUrl={request.ctx.config.mapTileUrl}
        now={request.ctx.clock.now()}
      />,
    );
  });

  formRoute(app, '/pengaduan/:ticket/dukung', {
    body: formBody({}),
    handle: async (request, reply) => {
      const { ticket } = request.params;
      const added = await supportReport(request.ctx, ticket, supporterKey(request, reply));
      setFlash(reply, added ? t('complaints.flash.supported') : t('complaints.flash.alreadySupported'));
      return reply.redirect(`/pengaduan/${ticket}`, 303);
    },
  });

  for (const [action, run] of [
    [
      'konfirmasi',
      (request: FastifyRequest, ticket: string, form: TrackingValues) =>
        confirmFixed(request.ctx, ticket, form.kunci ?? ''),
    ],
    [
      'buka-lagi',
      (request: FastifyRequest, ticket: string, form: TrackingValues) =>
        reopenReport(request.ctx, ticket, form.kunci ?? '', form.reason ?? ''),
    ],
  ] as const) {
    formRoute(app, `/pengaduan/:ticket/${action}`, {
      body: TrackingForm,
      page: async (request, { values, errors }) => {
        const { ticket } = request.params;
        const report = await getPublicReport(request.ctx, ticket, values.kunci);
        return (
          <TrackingPage
            report={report}
            justFiled={false}
            reporterKey={values.kunci ?? null}
            trackingUrl={trackingUrl(request.ctx, ticket)}
            tileUrl={request.ctx.config.mapTileUrl}
            now={request.ctx.clock.now()}
            errors={errors}
          />
        );
      },
      handle: async (request, reply, form) => {
        const { ticket } = request.params;
        await run(request, ticket, form);
        setFlash(
          reply,
          action === 'konfirmasi' ? t('complaints.flash.confirmed') : t('complaints.flash.reopened'),
        );
        return reply.redirect(`/pengaduan/${ticket}?kunci=${encodeURIComponent(form.kunci ?? '')}`, 303);
      },
    });
  }
}
