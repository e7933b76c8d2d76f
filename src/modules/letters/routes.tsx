import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../platform/auth/guards.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { pageNumber as parsePage, queryText } from '../../platform/http/input.ts';
import { readBufferedForm } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import { regionName } from '../regions/service.ts';
import { sendLetterPdf } from './download.ts';
import {
  checkLetterPdf,
  letterPdf,
  letterSettings,
  listOutgoingLetters,
  REGISTER_PAGE_SIZE,
  saveLetterSettings,
  saveVillageLogo,
  verifyLetter,
} from './service.ts';
import { villageSettingsExtensions } from './settings-page.ts';
import { RegisterPage, VerifyPage, VerifyStartPage } from './views/pages.tsx';
import { VillageSettingsPage } from './views/settings.tsx';
import './messages.ts';

/** The letterhead emblem of a multipart form; an oversized file is a problem to show beside the field. */
async function readLogoUpload(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; files: { logo: Buffer | null; uploadProblem?: string } }> {
  const form = await readBufferedForm(request);
  const logo = form.files.find((file) => file.field === 'logo')?.bytes ?? null;
  const uploadProblem = form.tooLarge.includes('logo') ? t('letters.settings.fileTooLarge') : undefined;
  return { fields: {}, files: { logo, uploadProblem } };
}

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
    const typed = (queryText(request).kode ?? '').trim();
    if (!typed) return reply.page(<VerifyStartPage />);
    const facts = await verifyLetter(request.ctx, typed);
    if (facts) return reply.redirect(`/verifikasi/${facts.code}`, 303);
    return reply.page(<VerifyStartPage code={typed} errors={{ code: t('letters.verify.unknown') }} />, 404);
  });

  app.get('/verifikasi/:code', { schema: { hide: true } }, async (request, reply) => {
    const typed = (request.params as { code: string }).code;
    const facts = await verifyLetter(request.ctx, typed);
    if (!facts) throw new NotFound(t('letters.verify.unknown'));
    // a code typed into the address bar with spaces or lower case: the letter's one address
    if (typed !== facts.code) return reply.redirect(`/verifikasi/${facts.code}`, 301);
    return reply.page(<VerifyPage facts={facts} now={request.ctx.clock.now()} />);
  });

  // a PDF upload: read as multipart, no text field but the CSRF token
  formRoute(app, '/verifikasi/:code', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    body: formBody({}),
    read: async (request) => ({ fields: {}, files: await readPdfUpload(request) }),
    page: async (request, { errors }) => {
      const facts = await verifyLetter(request.ctx, request.params.code);
      if (!facts) throw new NotFound(t('letters.verify.unknown'));
      return <VerifyPage facts={facts} now={request.ctx.clock.now()} errors={errors} />;
    },
    handle: async (request, reply, _form, pdf) => {
      const facts = await verifyLetter(request.ctx, request.params.code);
      if (!facts) throw new NotFound(t('letters.verify.unknown'));
      if (!pdf) throw new Invalid({ pdf: t('letters.verify.noPdf') });
      const check = await checkLetterPdf(request.ctx, facts.code, pdf);
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

  // --- the village's letter settings (moved here from the services module; URLs unchanged) ------
  async function villagePage(
    request: FastifyRequest,
    values?: Record<string, string>,
    errors?: Record<string, string>,
  ) {
    const actor = staffOf(request);
    const extensions = villageSettingsExtensions();
    const [settings, villageName, sections] = await Promise.all([
      letterSettings(request.ctx, actor.scope.code),
      regionName(request.ctx, actor.scope.code),
      Promise.all(extensions.map((e) => e.sections(request.ctx, actor))),
    ]);
    return (
      <VillageSettingsPage
        actor={actor}
        villageName={villageName}
        settings={settings}
        menu={extensions.flatMap((e) => (e.menu ? [e.menu(actor)] : []))}
        sections={sections}
        values={values}
        errors={errors}
      />
    );
  }

  app.get('/kelola/layanan/desa', villageStaff, async (request, reply) =>
    reply.page(await villagePage(request)),
  );

  const LetterSettingsForm = formBody({
    numberPattern: textField(),
    signatoryName: textField(),
    signatoryEmployeeNumber: textField(),
    delegateName: textField(),
    delegatePosition: textField(),
    delegateEmployeeNumber: textField(),
  });
  const letterSettingsInput = (form: typeof LetterSettingsForm.static) => ({
    numberPattern: form.numberPattern ?? '',
    signatoryName: form.signatoryName ?? '',
    signatoryEmployeeNumber: form.signatoryEmployeeNumber ?? '',
    delegateName: form.delegateName ?? '',
    delegatePosition: form.delegatePosition ?? '',
    delegateEmployeeNumber: form.delegateEmployeeNumber ?? '',
  });
  formRoute(app, '/kelola/layanan/desa/surat', {
    preHandler: villageStaff.preHandler,
    body: LetterSettingsForm,
    page: (request, { values, errors }) => villagePage(request, letterSettingsInput(values), errors),
    handle: async (request, reply, form) => {
      await saveLetterSettings(request.ctx, staffOf(request).scope.code, letterSettingsInput(form));
      setFlash(reply, t('letters.settings.saved'));
      return reply.redirect('/kelola/layanan/desa', 303);
    },
  });

  formRoute(app, '/kelola/layanan/desa/logo', {
    preHandler: villageStaff.preHandler,
    body: Type.Record(Type.String(), Type.String()),
    read: readLogoUpload,
    page: (request, { errors }) => villagePage(request, undefined, errors),
    handle: async (request, reply, _form, { logo, uploadProblem }) => {
      if (uploadProblem) throw new Invalid({ logo: uploadProblem });
      if (!logo) throw new Invalid({ logo: t('letters.settings.logoMissing') });
      await saveVillageLogo(request.ctx, staffOf(request).scope.code, logo);
      setFlash(reply, t('letters.settings.saved'));
      return reply.redirect('/kelola/layanan/desa', 303);
    },
  });
}
