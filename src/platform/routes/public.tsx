import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rotateCsrfSecret } from '../auth/csrf.ts';
import { destroySession, logOutEverywhere, SESSION_COOKIE } from '../auth/sessions.ts';
import { loginStaff } from '../auth/users.ts';
import { TooManyRequests } from '../http/errors.ts';
import { safeReturnPath, setFlash } from '../http/flash.ts';
import { formBody, formRoute, textField } from '../http/form-route.ts';
import { queryText } from '../http/input.ts';
import { t } from '../i18n/index.ts';
import { LoginPage } from '../views.tsx';
import { startSession } from './session.ts';

const loginReturn = (request: FastifyRequest) => safeReturnPath(queryText(request).kembali, '/kelola');

/** Pages anyone may open: staff login and logout, the language switch. */
export async function publicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/masuk', { schema: { hide: true } }, async (request, reply) => {
    const returnTo = loginReturn(request);
    if (request.ctx.actor?.kind === 'staff') return reply.redirect(returnTo, 303);
    return reply.page(<LoginPage returnTo={returnTo} />);
  });

  formRoute(app, '/masuk', {
    body: formBody({ email: textField(), password: textField() }),
    showOnPage: [TooManyRequests],
    page: (request, { values, errors, message }) => (
      <LoginPage
        returnTo={loginReturn(request)}
        values={{ email: values.email }}
        errors={errors}
        message={message}
      />
    ),
    handle: async (request, reply, form) => {
      const actor = await loginStaff(request.ctx, { email: form.email ?? '', password: form.password ?? '' });
      await startSession(request, reply, { kind: 'staff', id: actor.id });
      return reply.redirect(loginReturn(request), 303);
    },
  });

  app.post('/keluar', { schema: { hide: true } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await destroySession(request.ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    rotateCsrfSecret(reply);
    setFlash(reply, t('auth.loggedOut'));
    return reply.redirect('/', 303);
  });

  app.post('/keluar-semua', { schema: { hide: true } }, async (request, reply) => {
    const actor = request.ctx.actor;
    if (actor && actor.kind !== 'system') await logOutEverywhere(request.ctx, actor.kind, actor.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    rotateCsrfSecret(reply);
    setFlash(reply, t('auth.loggedOutEverywhere'));
    return reply.redirect('/', 303);
  });

  app.get('/bahasa/:lang', { schema: { hide: true } }, async (request, reply) => {
    const { lang } = request.params as { lang: string };
    reply.setCookie('lang', lang === 'en' ? 'en' : 'id', { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
    return reply.redirect(safeReturnPath(queryText(request).kembali), 303);
  });
}
