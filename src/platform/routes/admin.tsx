import type { FastifyInstance } from 'fastify';
import { listAgencies } from '../agencies/service.ts';
import { distinctAuditActions, listAudit } from '../audit/service.ts';
import { requireStaff } from '../auth/guards.ts';
import {
  createStaffUser,
  findStaffById,
  listApiTokens,
  listStaffUsers,
  setStaffActive,
} from '../auth/users.ts';
import { setFlash } from '../http/flash.ts';
import { formBody, formRoute, textField } from '../http/form-route.ts';
import { pageNumber, queryText } from '../http/input.ts';
import { t } from '../i18n/index.ts';
import { AuditPage, NewUserPage, TokensPage, UsersPage } from '../views.tsx';

/** The regency administrator's pages: staff accounts, their tokens, the audit log. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const admin = { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } };

  app.get('/kelola/pengguna', admin, async (request, reply) => {
    const query = queryText(request);
    const filter = { role: query.role || undefined, q: query.q || undefined };
    const result = await listStaffUsers(request.ctx, { ...filter, page: pageNumber(query.page) });
    return reply.page(<UsersPage {...result} filter={filter} />);
  });

  app.get('/kelola/pengguna/baru', admin, async (request, reply) => {
    return reply.page(<NewUserPage values={{}} agencies={await listAgencies(request.ctx)} />);
  });

  formRoute(app, '/kelola/pengguna/baru', {
    preHandler: requireStaff('admin_kabupaten'),
    body: formBody({
      name: textField(),
      email: textField(),
      role: textField(),
      scope: textField(),
      password: textField(),
    }),
    page: async (request, { values, errors }) => (
      <NewUserPage
        values={{
          name: values.name ?? '',
          email: values.email ?? '',
          role: values.role ?? '',
          scope: values.scope ?? '',
        }}
        errors={errors}
        agencies={await listAgencies(request.ctx)}
      />
    ),
    handle: async (request, reply, form) => {
      const email = form.email ?? '';
      await createStaffUser(request.ctx, {
        name: form.name ?? '',
        email,
        role: form.role ?? '',
        scope: form.scope ?? '',
        password: form.password ?? '',
      });
      setFlash(reply, t('users.created', { email }));
      return reply.redirect('/kelola/pengguna', 303);
    },
  });

  formRoute(app, '/kelola/pengguna/:id/status', {
    preHandler: requireStaff('admin_kabupaten'),
    body: formBody({ active: textField() }),
    handle: async (request, reply, form) => {
      const active = form.active === '1';
      await setStaffActive(request.ctx, request.params.id, active);
      setFlash(reply, active ? t('users.activated') : t('users.deactivated'));
      return reply.redirect('/kelola/pengguna', 303);
    },
  });

  app.get('/kelola/audit', admin, async (request, reply) => {
    const query = queryText(request);
    const filter = {
      action: query.action || undefined,
      entity: query.entity || undefined,
      actor: query.actor || undefined,
      villageCode: query.villageCode || undefined,
      from: query.from || undefined,
      to: query.to || undefined,
    };
    const result = await listAudit(request.ctx, { ...filter, page: pageNumber(query.page) });
    return reply.page(
      <AuditPage {...result} filter={filter} actions={await distinctAuditActions(request.ctx)} />,
    );
  });

  app.get('/kelola/pengguna/:id/token', admin, async (request, reply) => {
    const { id } = request.params as { id: string };
    const owner = await findStaffById(request.ctx, id);
    return reply.page(
      <TokensPage
        owner={owner}
        tokens={await listApiTokens(request.ctx, id)}
        now={request.ctx.clock.now()}
        canCreate={false}
      />,
    );
  });
}
