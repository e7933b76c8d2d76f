import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../platform/auth/guards.ts';
import { sendLetterPdf } from '../../platform/http/download.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { formBody, formRoute } from '../../platform/http/form-route.ts';
import { pageNumber as parsePage, queryText } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { regionName } from '../regions/service.ts';
import {
  checkLetterPdf,
  letterPdf,
  listOutgoingLetters,
  REGISTER_PAGE_SIZE,
  verifyLetter,
} from './service.ts';
import { RegisterPage, VerifyPage, VerifyStartPage } from './views/pages.tsx';
import './messages.ts';

async function readPdfUpload(request: FastifyRequest): Promise<Buffer | null> {
  if (!request.isMultipart()) return null;
  for await (const part of request.parts()) {
    if (part.type === 'file' && part.fieldname === 'pdf') {
      const bytes = await part.toBuffer();
      return bytes.length > 0 ? bytes : null;
    }
  }
  return null;
}

const letterFacts = Type.Object({
  code: Type.String(),
  title: Type.String(),
  number: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  validUntil: Type.Union([Type.String(), Type.Null()]),
  issuerName: Type.String(),
  maskedName: Type.String(),
  signedBy: Type.String(),
  sha256: Type.String(),
});

export async function letterRoutes(app: FastifyInstance): Promise<void> {
  app.get('/verifikasi', { schema: { hide: true } }, async (request, reply) => {
    const code = (queryText(request).kode ?? '').trim().toUpperCase();
    if (!code) return reply.page(<VerifyStartPage />);
    if (await verifyLetter(request.ctx, code)) return reply.redirect(`/verifikasi/${code}`, 303);
    return reply.page(<VerifyStartPage code={code} errors={{ code: t('letters.verify.unknown') }} />, 404);
  });

  app.get('/verifikasi/:code', { schema: { hide: true } }, async (request, reply) => {
    const facts = await verifyLetter(request.ctx, (request.params as { code: string }).code.toUpperCase());
    if (!facts) throw new NotFound(t('letters.verify.unknown'));
    return reply.page(<VerifyPage facts={facts} now={request.ctx.clock.now()} />);
  });

  // a PDF upload: read as multipart, no text field but the CSRF token
  formRoute(app, '/verifikasi/:code', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    body: formBody({}),
    read: async (request) => ({ fields: {}, files: await readPdfUpload(request) }),
    handle: async (request, reply, _form, pdf) => {
      const code = request.params.code.toUpperCase();
      const facts = await verifyLetter(request.ctx, code);
      if (!facts) throw new NotFound(t('letters.verify.unknown'));
      if (!pdf)
        return reply.page(
          <VerifyPage
            facts={facts}
            now={request.ctx.clock.now()}
            errors={{ pdf: t('letters.verify.noPdf') }}
          />,
          422,
        );
      const check = await checkLetterPdf(request.ctx, code, pdf);
      return reply.page(<VerifyPage facts={facts} now={request.ctx.clock.now()} check={check} />);
    },
  });

  app.get(
    '/api/v1/letters/verify/:code',
    {
      schema: {
        summary: 'Periksa keaslian surat dari kode verifikasinya',
        tags: ['letters'],
        params: Type.Object({ code: Type.String({ pattern: '^[0-9A-Za-z]{10}$' }) }),
        response: { 200: letterFacts },
      },
    },
    async (request) => {
      const facts = await verifyLetter(request.ctx, (request.params as { code: string }).code.toUpperCase());
      if (!facts) throw new NotFound(t('letters.error.unknownCode'));
      return { ...facts, issuedAt: facts.issuedAt.toISOString() };
    },
  );

  const villageStaff = {
    schema: { hide: true },
    preHandler: requireStaff('operator_desa', 'sekretaris_desa', 'kepala_desa'),
  };

  app.get('/kelola/surat', villageStaff, async (request, reply) => {
    const actor = staffOf(request);
    const q = queryText(request);
    const page = parsePage(q.page);
    const year = /^\d{4}$/.test(q.tahun ?? '') ? Number(q.tahun) : undefined;
    const { entries, total } = await listOutgoingLetters(request.ctx, actor.scope.code, { page, year });
    return reply.page(
      <RegisterPage
        villageName={await regionName(request.ctx, actor.scope.code)}
        entries={entries}
        total={total}
        page={page}
        pageSize={REGISTER_PAGE_SIZE}
        year={year ? String(year) : undefined}
      />,
    );
  });

  app.get(
    '/kelola/surat/:id.pdf',
    { schema: { hide: true }, preHandler: requireStaff() },
    async (request, reply) => {
      const file = await letterPdf(request.ctx, (request.params as { id: string }).id);
      return sendLetterPdf(reply, file, 'inline');
    },
  );
}
