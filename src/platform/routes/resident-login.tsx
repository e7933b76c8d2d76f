import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginResident } from '../auth/resident-login.ts';
import { TooManyRequests } from '../http/errors.ts';
import { safeReturnPath } from '../http/flash.ts';
import { formBody, formRoute, textField } from '../http/form-route.ts';
import { queryText } from '../http/input.ts';
import { t } from '../i18n/index.ts';
import { Button, ErrorSummary, type FieldErrors, Form, fieldFor, TextField } from '../ui/components.tsx';
import type { SafeHtml } from '../ui/jsx-runtime.ts';
import { Layout } from '../ui/layout.tsx';
import { startSession } from './session.ts';

// The resident's way in (NIK + PIN) is the platform's, beside the staff login: /masuk offers both,
// and every module with a resident page sends residents here (`requireResident`).

const residentReturn = (request: FastifyRequest) => safeReturnPath(queryText(request).kembali, '/akun');

export function ResidentLoginPage(props: {
  returnTo: string;
  values?: { nik?: string };
  errors?: FieldErrors;
  message?: string;
}): SafeHtml {
  return (
    <Layout title={t('auth.resident.title')}>
      <h1>{t('auth.resident.title')}</h1>
      <p>{t('auth.resident.lead')}</p>
      <ErrorSummary errors={props.errors} labels={{ nik: 'NIK', pin: 'PIN' }} />
      {props.message ? <p class="error-message">{props.message}</p> : ''}
      {props.errors?.nik || props.message ? (
        <p class="notice" role="note">
          {t('auth.noPin')}
        </p>
      ) : (
        ''
      )}
      <Form action={`/masuk/warga?kembali=${encodeURIComponent(props.returnTo)}`}>
        <TextField
          {...fieldFor(props.values, props.errors, 'nik')}
          label="NIK"
          hint={t('auth.resident.nikHint')}
          inputmode="numeric"
          autocomplete="username"
          maxlength={16}
          required
        />
        <TextField
          name="pin"
          type="password"
          label="PIN"
          hint={t('auth.resident.pinHint')}
          inputmode="numeric"
          autocomplete="current-password"
          maxlength={6}
          width="short"
          error={props.errors?.pin}
          required
        />
        <Button>{t('auth.resident.submit')}</Button>
      </Form>
      <p class="hint">{t('auth.noPin')}</p>
      {/* the regency portal's village search leads to the village page: office address, hours, phone */}
      <Form action="/" method="get" class="filters">
        <TextField name="cari" type="search" label={t('auth.findOffice')} hint={t('auth.findOfficeHint')} />
        <Button variant="secondary">{t('auth.findOfficeSubmit')}</Button>
      </Form>
      <p class="muted">
        <a href="/masuk">{t('auth.resident.staff')}</a>
      </p>
    </Layout>
  );
}

/** GET and POST /masuk/warga: NIK + PIN, then the forced PIN change or where the resident was going. */
export async function residentLoginRoutes(app: FastifyInstance): Promise<void> {
  app.get('/masuk/warga', { schema: { hide: true } }, async (request, reply) => {
    const returnTo = residentReturn(request);
    if (request.ctx.actor?.kind === 'resident') return reply.redirect(returnTo, 303);
    return reply.page(<ResidentLoginPage returnTo={returnTo} />);
  });

  formRoute(app, '/masuk/warga', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    body: formBody({ nik: textField(), pin: textField() }),
    showOnPage: [TooManyRequests],
    page: (request, { values, errors, message }) => (
      <ResidentLoginPage
        returnTo={residentReturn(request)}
        values={{ nik: values.nik }}
        errors={errors}
        message={message}
      />
    ),
    handle: async (request, reply, form) => {
      const { actor, mustChange } = await loginResident(request.ctx, {
        nik: form.nik ?? '',
        pin: form.pin ?? '',
      });
      await startSession(request, reply, actor);
      return reply.redirect(mustChange ? '/akun/pin' : residentReturn(request), 303);
    },
  });
}
