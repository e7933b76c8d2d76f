import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/guards.ts';
import { sendPrivateFile } from '../../platform/http/download.ts';
import { Conflict, Forbidden, Invalid, TooManyRequests } from '../../platform/http/errors.ts';
import { safeReturnPath } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { queryText } from '../../platform/http/input.ts';
import { readBufferedForm } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import { startSession } from '../../platform/routes/session.ts';
import {
  firstPageAfterSignIn,
  kecamatanChoices,
  myChecklist,
  onboardFromFile,
  onboardingLetters,
  redeemFirstLoginCode,
  reissueCode,
  villageAccounts,
  villageProgress,
} from './service.ts';
import {
  ChecklistPage,
  FirstLoginPage,
  OnboardingPage,
  ReissuedPage,
  ResultPage,
  VillageAccountsPage,
} from './views.tsx';
import './messages.ts';

const MAX_FILE_BYTES = 2 * 1024 * 1024;

type Upload = { fileName: string; bytes: Buffer } | { problem: string } | null;

async function readUpload(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: Upload }> {
  const form = await readBufferedForm(request, { fileSize: MAX_FILE_BYTES });
  const file = form.files.at(-1);
  if (form.tooLarge.length > 0)
    return { fields: form.fields, files: { problem: t('onboarding.error.fileTooLarge') } };
  return { fields: form.fields, files: file ? { fileName: file.filename, bytes: file.bytes } : null };
}

async function overview(
  request: FastifyRequest,
  state: { errors?: Record<string, string>; message?: string } = {},
) {
  const kecamatanCode = queryText(request).kecamatan?.trim() || undefined;
  const [progress, kecamatan] = await Promise.all([
    villageProgress(request.ctx, { kecamatanCode }),
    kecamatanChoices(request.ctx),
  ]);
  return (
    <OnboardingPage
      progress={progress}
      kecamatan={kecamatan}
      kecamatanCode={kecamatanCode}
      errors={state.errors}
      message={state.message}
    />
  );
}

export async function onboardingRoutes(app: FastifyInstance): Promise<void> {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };

  app.get('/kelola/onboarding', staff, async (request, reply) => reply.page(await overview(request)));

  formRoute(app, '/kelola/onboarding', {
    preHandler: requireStaff(),
    body: formBody({}),
    read: readUpload,
    showOnPage: [Conflict],
    page: (request, { errors, message }) => overview(request, { errors, message }),
    handle: async (request, reply, _form, upload) => {
      if (!upload) throw new Invalid({ file: t('onboarding.error.fileRequired') });
      if ('problem' in upload) throw new Invalid({ file: upload.problem });
      const ext = path.extname(upload.fileName).toLowerCase();
      const file = path.join(tmpdir(), `simpul-onboarding-${randomUUID()}${ext}`);
      await writeFile(file, upload.bytes, { mode: 0o600 });
      try {
        const result = await onboardFromFile(request.ctx, { path: file, fileName: upload.fileName });
        // the codes are on this answer only: it is not cached, and not a page one comes back to
        reply.header('cache-control', 'no-store');
        return reply.page(<ResultPage result={result} />);
      } finally {
        await rm(file, { force: true });
      }
    },
  });

  app.get('/kelola/onboarding/kiriman/:id/surat.pdf', staff, async (request, reply) => {
    const { id } = request.params as { id: string };
    const letters = await onboardingLetters(request.ctx, id);
    return sendPrivateFile(
      reply,
      { bytes: letters.bytes, contentType: 'application/pdf', name: letters.name },
      'attachment',
    );
  });

  app.get('/kelola/onboarding/desa/:code', staff, async (request, reply) => {
    const { code } = request.params as { code: string };
    const accounts = await villageAccounts(request.ctx, code);
    return reply.page(<VillageAccountsPage villageCode={code} accounts={accounts} />);
  });

  formRoute(app, '/kelola/onboarding/akun/:id/kode-baru', {
    preHandler: requireStaff(),
    // the page the button sits on (a posyandu's, for its kader), for the link back
    body: formBody({ kembali: textField({ maxLength: 300 }) }),
    handle: async (request, reply, form) => {
      const issued = await reissueCode(request.ctx, request.params.id);
      reply.header('cache-control', 'no-store');
      const back = safeReturnPath(form.kembali, '/kelola/onboarding');
      return reply.page(<ReissuedPage {...issued} back={back} />);
    },
  });

  app.get('/kelola/onboarding/langkah', staff, async (request, reply) => {
    const checklist = await myChecklist(request.ctx);
    if (!checklist) throw new Forbidden(t('onboarding.error.notVillageStaff'));
    return reply.page(<ChecklistPage checklist={checklist} welcome={queryText(request).baru === '1'} />);
  });

  app.get('/masuk/kode', { schema: { hide: true } }, async (request, reply) => {
    if (request.ctx.actor?.kind === 'staff') return reply.redirect('/kelola', 303);
    return reply.page(<FirstLoginPage />);
  });

  formRoute(app, '/masuk/kode', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    body: formBody({ email: textField(), code: textField(), password: textField(), confirm: textField() }),
    showOnPage: [TooManyRequests],
    page: (_request, { values, errors, message }) => (
      <FirstLoginPage values={{ email: values.email }} errors={errors} message={message} />
    ),
    handle: async (request, reply, form) => {
      const actor = await redeemFirstLoginCode(request.ctx, {
        email: form.email ?? '',
        code: form.code ?? '',
        password: form.password ?? '',
        confirm: form.confirm ?? '',
      });
      await startSession(request, reply, { kind: 'staff', id: actor.id });
      return reply.redirect(firstPageAfterSignIn(actor), 303);
    },
  });
}
