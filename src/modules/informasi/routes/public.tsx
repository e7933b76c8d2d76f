import type { FastifyInstance, FastifyRequest } from 'fastify';
import { withActor } from '../../../platform/context.ts';
import { sendPrivateFile } from '../../../platform/http/download.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { setFlash } from '../../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../../platform/http/form-route.ts';
import { pageNumber, queryText } from '../../../platform/http/input.ts';
import { t } from '../../../platform/i18n/index.ts';
import { jakartaYearMonth } from '../../../platform/time.ts';
import {
  answerDocumentForRequester,
  bodyRegister,
  entryDocument,
  fileObjection,
  findBody,
  getBody,
  getEntry,
  listBodies,
  listEntries,
  reportCsv,
  submitRequest,
  trackingPath,
  trackRequest,
  yearlyReport,
} from '../service.ts';
import {
  BodyPage,
  EntryPage,
  InformasiHome,
  ReportPage,
  RequestFormPage,
  TrackingPage,
} from '../views/public.tsx';

const RequestForm = formBody({
  name: textField(),
  idKind: textField(),
  idNumber: textField(),
  address: textField(),
  phone: textField(),
  email: textField(),
  information: textField({ maxLength: 4000 }),
  purpose: textField({ maxLength: 2000 }),
  delivery: textField(),
  copyMethod: textField(),
  website: textField(),
});

const ObjectionForm = formBody({
  kunci: textField(),
  reason: textField(),
  note: textField({ maxLength: 4000 }),
});

/** Anyone's pages: the DIP of every body, a document, the request form, tracking and objection, the yearly report. */
export async function publicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/informasi-publik', { schema: { hide: true } }, async (request, reply) => {
    const q = queryText(request);
    const bodies = await listBodies(request.ctx);
    const body = q.badan ? await findBody(request.ctx, q.badan) : null;
    const page = pageNumber(q.page);
    const list = await listEntries(request.ctx, {
      body: body ?? undefined,
      category: q.kategori,
      term: q.q,
      page,
    });
    return reply.page(
      <InformasiHome
        bodies={bodies}
        filter={{ q: q.q, badan: body?.code, kategori: q.kategori }}
        rows={list.rows}
        total={list.total}
        page={page}
      />,
    );
  });

  app.get('/informasi-publik/:body', { schema: { hide: true } }, async (request, reply) => {
    const { body: code } = request.params as { body: string };
    const body = await getBody(request.ctx, code);
    const register = await bodyRegister(request.ctx, body);
    return reply.page(
      <BodyPage body={body} register={register} year={jakartaYearMonth(request.ctx.clock.now()).year} />,
    );
  });

  // the village site's section (platform/village-site): the village's DIP and the request form link
  app.get('/desa/:code/informasi-publik', { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const body = await findBody(request.ctx, code);
    if (!body || body.kind !== 'village') throw new NotFound(t('informasi.error.noBody'));
    const register = await bodyRegister(request.ctx, body);
    return reply.page(
      <BodyPage
        body={body}
        register={register}
        year={jakartaYearMonth(request.ctx.clock.now()).year}
        villageSite
      />,
    );
  });

  app.get('/informasi-publik/:body/dip/:id', { schema: { hide: true } }, async (request, reply) => {
    const { body, id } = request.params as { body: string; id: string };
    return reply.page(<EntryPage entry={await getEntry(request.ctx, body, id)} />);
  });

  app.get('/informasi-publik/:body/dip/:id/unduh', { schema: { hide: true } }, async (request, reply) => {
    const { body, id } = request.params as { body: string; id: string };
    const file = await entryDocument(request.ctx, body, id);
    // public information: cacheable, but never sniffed into something else by the browser
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.name.replace(/[^\w.-]+/g, '_')}"`)
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  });

  app.get('/informasi-publik/:body/permohonan', { schema: { hide: true } }, async (request, reply) => {
    const { body } = request.params as { body: string };
    return reply.page(<RequestFormPage body={await getBody(request.ctx, body)} values={{}} />);
  });

  formRoute(app, '/informasi-publik/:body/permohonan', {
    body: RequestForm,
    page: async (request, { values, errors }) => (
      <RequestFormPage
        body={await getBody(request.ctx, request.params.body)}
        values={values}
        errors={errors}
      />
    ),
    handle: async (request, reply, form) => {
      const receipt = await submitRequest(request.ctx, request.params.body, form);
      return reply.redirect(`${trackingPath(receipt.number, receipt.token)}&baru=1`, 303);
    },
  });

  app.get('/informasi-publik/lacak/:number', { schema: { hide: true } }, async (request, reply) => {
    const { number } = request.params as { number: string };
    const q = queryText(request);
    const tracked = await trackRequest(request.ctx, number, q.kunci);
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'private, no-store');
    return reply.page(<TrackingPage request={tracked} token={q.kunci ?? ''} justFiled={q.baru === '1'} />);
  });

  app.get('/informasi-publik/lacak/:number/jawaban', { schema: { hide: true } }, async (request, reply) => {
    const { number } = request.params as { number: string };
    const file = await answerDocumentForRequester(request.ctx, number, queryText(request).kunci);
    return sendPrivateFile(reply, file, 'attachment');
  });

  formRoute(app, '/informasi-publik/lacak/:number/keberatan', {
    body: ObjectionForm,
    page: async (request, { values, errors }) => {
      const tracked = await trackRequest(request.ctx, request.params.number, values.kunci);
      return (
        <TrackingPage
          request={tracked}
          token={values.kunci ?? ''}
          justFiled={false}
          errors={errors}
          values={values}
        />
      );
    },
    handle: async (request, reply, form) => {
      await fileObjection(request.ctx, request.params.number, form.kunci, form);
      setFlash(reply, t('informasi.flash.objectionFiled'));
      return reply.redirect(`${trackingPath(request.params.number, form.kunci)}#keberatan`, 303);
    },
  });

  app.get('/informasi-publik/:body/laporan/:year', { schema: { hide: true } }, async (request, reply) => {
    const { body, year } = request.params as { body: string; year: string };
    return reply.page(<ReportPage report={await publicReport(request, body, year)} />);
  });

  app.get('/informasi-publik/:body/laporan/:year/csv', { schema: { hide: true } }, async (request, reply) => {
    const { body, year } = request.params as { body: string; year: string };
    const report = await publicReport(request, body, year);
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="laporan-ppid-${report.body.code}-${report.year}.csv"`,
      )
      .send(reportCsv(report));
  });
}

/** The public report: the figures only, whoever asks (no request list even for staff). */
function publicReport(request: FastifyRequest, body: string, year: string) {
  return yearlyReport(withActor(request.ctx, null), body, year);
}
