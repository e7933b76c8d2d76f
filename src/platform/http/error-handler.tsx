import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../i18n/index.ts';
import { Layout } from '../ui/layout.tsx';
import { DomainError, Invalid, Unauthenticated } from './errors.ts';
import { sendProblem, validationMessages, wantsJson } from './problem.ts';
import { runWithPartialContext, runWithRequestContext } from './request-context.ts';

/**
 * SQLSTATEs that only malformed input causes: string too long (22001), numeric out of range
 * (22003), bad datetime format or field (22007, 22008), NUL byte (22021), invalid text
 * representation such as a non-UUID (22P02), untranslatable character, \u0000 in jsonb (22P05).
 */
const DATABASE_INPUT_ERRORS = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05']);

function errorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  detail: string,
) {
  const run = <T,>(fn: () => T) =>
    request.view ? runWithRequestContext(request.view, fn) : runWithPartialContext({}, fn);
  return run(() =>
    reply.page(
      <Layout title={title}>
        <h1>{title}</h1>
        <p>{detail}</p>
        <p>
          <a href="/">{t('ui.backHome')}</a>
        </p>
      </Layout>,
      status,
    ),
  );
}

/** One place where errors become a problem+json body (API) or a readable page (browser). */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error instanceof Unauthenticated && !wantsJson(request)) {
        return reply.redirect(`${error.loginPath}?kembali=${encodeURIComponent(request.url)}`, 303);
      }
      if (wantsJson(request)) {
        return sendProblem(reply, {
          title: error.title,
          status: error.status,
          detail: error.message,
          ...(error instanceof Invalid ? { errors: error.fields } : {}),
        });
      }
      const detail =
        error instanceof Invalid
          ? `${error.message} ${Object.values(error.fields).join(' ')}`
          : error.message;
      return errorPage(request, reply, error.status, error.title, detail);
    }
    if (error.validation) {
      const errors = validationMessages(error.validation);
      if (wantsJson(request)) {
        return sendProblem(reply, {
          title: 'Isian tidak valid',
          status: 400,
          detail: 'Permintaan tidak sesuai skema.',
          errors,
        });
      }
      return errorPage(
        request,
        reply,
        400,
        'Isian tidak valid',
        Object.entries(errors)
          .map(([k, v]) => `${k}: ${v}`)
          .join(' '),
      );
    }
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      const detail =
        'Formulir ini sudah kedaluwarsa atau tidak berasal dari Simpul. Muat ulang halaman lalu kirim lagi.';
      if (wantsJson(request))
        return sendProblem(reply, { title: 'Token CSRF tidak valid', status: 403, detail });
      return errorPage(request, reply, 403, 'Formulir kedaluwarsa', detail);
    }
    if (typeof error.code === 'string' && DATABASE_INPUT_ERRORS.has(error.code)) {
      // the last line of defence: routes parse their input, but a value PostgreSQL refuses as
      // malformed is the request's fault, not the server's
      request.log.warn({ err: error }, 'database refused malformed input');
      const locale = request.view?.locale ?? 'id';
      const title = t('input.title', undefined, locale);
      const detail = t('input.database', undefined, locale);
      if (wantsJson(request)) return sendProblem(reply, { title, status: 400, detail });
      return errorPage(request, reply, 400, title, detail);
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled error');
    const detail = status === 500 ? 'Terjadi kesalahan di server. Silakan coba lagi.' : error.message;
    if (wantsJson(request))
      return sendProblem(reply, {
        title: status === 500 ? 'Kesalahan server' : 'Permintaan ditolak',
        status,
        detail,
      });
    return errorPage(
      request,
      reply,
      status,
      status === 500 ? 'Kesalahan server' : 'Permintaan ditolak',
      detail,
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const detail = 'Halaman atau data yang dicari tidak ada.';
    if (wantsJson(request)) return sendProblem(reply, { title: 'Tidak ditemukan', status: 404, detail });
    return errorPage(request, reply, 404, 'Halaman tidak ditemukan', detail);
  });
}
