import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listAgencies } from './agencies/service.ts';
import { distinctAuditActions, listAudit } from './audit/service.ts';
import { rotateCsrfSecret } from './auth/csrf.ts';
import { requireStaff, staffOf } from './auth/guards.ts';
import { verifySecret } from './auth/password.ts';
import { createSession, destroySession, logOutEverywhere, SESSION_COOKIE } from './auth/sessions.ts';
import {
  changePassword,
  createApiToken,
  createStaffUser,
  findStaffById,
  listApiTokens,
  listStaffUsers,
  loginStaff,
  revokeApiToken,
  setStaffActive,
} from './auth/users.ts';
import type { Ctx } from './context.ts';
import { homeRegion, readFigures } from './figures/index.ts';
import { figureRoutes } from './figures/routes.ts';
import { Invalid, TooManyRequests, Unauthenticated } from './http/errors.ts';
import { safeReturnPath, setFlash } from './http/flash.ts';
import { MAX_PAGE, pageNumber } from './http/input.ts';
import { t } from './i18n/index.ts';
import { backgroundWorkRoutes } from './jobs/routes.tsx';
import type { NavItem, SimpulModule } from './module.ts';
import { personalDataRoutes } from './personal-data/routes.tsx';
import { regionDirectory } from './region-directory.ts';
import {
  AccountPage,
  AuditPage,
  DashboardPage,
  LoginPage,
  NewUserPage,
  TokensPage,
  UsersPage,
} from './views.tsx';

export const platformNavigation: NavItem[] = [
  {
    href: '/kelola',
    label: 'nav.dashboard',
    for: ['admin_kabupaten', 'opd', 'camat', 'kepala_desa', 'sekretaris_desa', 'operator_desa'],
  },
  { href: '/kelola/pengguna', label: 'nav.users', for: ['admin_kabupaten'] },
  { href: '/kelola/audit', label: 'nav.audit', for: ['admin_kabupaten'] },
  { href: '/kelola/tugas', label: 'nav.jobs', for: ['admin_kabupaten'] },
  { href: '/kelola/data-pribadi', label: 'nav.personalData', for: ['admin_kabupaten'] },
  {
    href: '/kelola/akun',
    label: 'nav.account',
    for: ['admin_kabupaten', 'opd', 'camat', 'kepala_desa', 'sekretaris_desa', 'operator_desa'],
  },
];

type Form = Record<string, string | undefined>;

export function sessionCookieOptions(ctx: Ctx, expires: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.publicUrl.startsWith('https://'),
    expires,
  };
}

export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  subject: Parameters<typeof createSession>[1],
) {
  const { token, expiresAt } = await createSession(request.ctx, subject, {
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  });
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(request.ctx, expiresAt));
  rotateCsrfSecret(reply);
}

/** The module list, handed in by the app: the platform reads modules' figures and personal data through it. */
export interface PlatformRouteOptions {
  modules: readonly SimpulModule[];
}

export async function platformRoutes(app: FastifyInstance, options: PlatformRouteOptions): Promise<void> {
  backgroundWorkRoutes(app);
  await app.register(figureRoutes, { sources: options.modules });
  await app.register(personalDataRoutes, { sources: options.modules });

  app.get('/masuk', { schema: { hide: true } }, async (request, reply) => {
    const returnTo = safeReturnPath((request.query as Form).kembali, '/kelola');
    if (request.ctx.actor?.kind === 'staff') return reply.redirect(returnTo, 303);
    return reply.page(<LoginPage returnTo={returnTo} />);
  });

  app.post('/masuk', { schema: { hide: true } }, async (request, reply) => {
    const form = request.body as Form;
    const returnTo = safeReturnPath((request.query as Form).kembali, '/kelola');
    try {
      const actor = await loginStaff(request.ctx, { email: form.email ?? '', password: form.password ?? '' });
      await startSession(request, reply, { kind: 'staff', id: actor.id });
      return reply.redirect(returnTo, 303);
    } catch (error) {
      if (error instanceof Invalid) {
        return reply.page(
          <LoginPage returnTo={returnTo} values={{ email: form.email }} errors={error.fields} />,
          422,
        );
      }
      if (error instanceof TooManyRequests) {
        return reply.page(
          <LoginPage returnTo={returnTo} values={{ email: form.email }} message={error.message} />,
          429,
        );
      }
      throw error;
    }
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
    return reply.redirect(safeReturnPath((request.query as Form).kembali), 303);
  });

  app.get('/kelola', { preHandler: requireStaff(), schema: { hide: true } }, async (request, reply) => {
    const actor = staffOf(request);
    const scopeName =
      actor.scope.type === 'agency'
        ? ((
            await request.ctx.db
              .selectFrom('agencies')
              .select('name')
              .where('code', '=', actor.scope.code)
              .executeTakeFirst()
          )?.name ?? actor.scope.code)
        : await regionDirectory().name(request.ctx, actor.scope.code);
    const { figures } = await readFigures(request.ctx, options.modules, homeRegion(request.ctx));
    return reply.page(<DashboardPage actor={actor} scopeName={scopeName} figures={figures} />);
  });

  app.get(
    '/kelola/pengguna',
    { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } },
    async (request, reply) => {
      const query = request.query as Form;
      const filter = { role: query.role || undefined, q: query.q || undefined };
      const result = await listStaffUsers(request.ctx, { ...filter, page: pageNumber(query.page) });
      return reply.page(<UsersPage {...result} filter={filter} />);
    },
  );

  app.get(
    '/kelola/pengguna/baru',
    { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } },
    async (request, reply) => {
      return reply.page(<NewUserPage values={{}} agencies={await listAgencies(request.ctx)} />);
    },
  );

  app.post(
    '/kelola/pengguna/baru',
    { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } },
    async (request, reply) => {
      const form = request.body as Form;
      const values = {
        name: form.name ?? '',
        email: form.email ?? '',
        role: form.role ?? '',
        scope: form.scope ?? '',
      };
      try {
        await createStaffUser(request.ctx, { ...values, password: form.password ?? '' });
        setFlash(reply, t('users.created', { email: values.email }));
        return reply.redirect('/kelola/pengguna', 303);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return reply.page(
          <NewUserPage values={values} errors={error.fields} agencies={await listAgencies(request.ctx)} />,
          422,
        );
      }
    },
  );

  app.post(
    '/kelola/pengguna/:id/status',
    { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const active = (request.body as Form).active === '1';
      await setStaffActive(request.ctx, id, active);
      setFlash(reply, active ? t('users.activated') : t('users.deactivated'));
      return reply.redirect('/kelola/pengguna', 303);
    },
  );

  app.get(
    '/kelola/audit',
    { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } },
    async (request, reply) => {
      const query = request.query as Form;
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
    },
  );

  app.get('/kelola/akun', { preHandler: requireStaff(), schema: { hide: true } }, async (request, reply) => {
    return reply.page(<AccountPage actor={staffOf(request)} />);
  });

  app.post(
    '/kelola/akun/kata-sandi',
    { preHandler: requireStaff(), schema: { hide: true } },
    async (request, reply) => {
      const actor = staffOf(request);
      const form = request.body as Form;
      const user = await request.ctx.db
        .selectFrom('staff_users')
        .select('password_hash')
        .where('id', '=', actor.id)
        .executeTakeFirstOrThrow();
      try {
        if (!(await verifySecret(user.password_hash, form.current ?? '')))
          throw new Invalid({ current: t('account.currentWrong') });
        await changePassword(request.ctx, actor.id, form.password ?? '', request.sessionToken);
        setFlash(reply, t('account.passwordChanged'));
        return reply.redirect('/kelola/akun', 303);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return reply.page(<AccountPage actor={actor} errors={error.fields} />, 422);
      }
    },
  );

  const ownTokensPage = async (
    request: FastifyRequest,
    extra: Partial<Parameters<typeof TokensPage>[0]> = {},
  ) => {
    const actor = staffOf(request);
    return (
      <TokensPage
        owner={actor}
        tokens={await listApiTokens(request.ctx, actor.id)}
        now={request.ctx.clock.now()}
        canCreate
        {...extra}
      />
    );
  };

  app.get(
    '/kelola/akun/token',
    { preHandler: requireStaff(), schema: { hide: true } },
    async (request, reply) => reply.page(await ownTokensPage(request)),
  );

  app.post(
    '/kelola/akun/token',
    { preHandler: requireStaff(), schema: { hide: true } },
    async (request, reply) => {
      const actor = staffOf(request);
      const form = request.body as Form;
      const values = { name: form.name ?? '', days: form.days ?? '90' };
      try {
        const token = await createApiToken(request.ctx, actor.id, values.name, Number(values.days));
        // the token is on this page only, once: nothing may keep a copy
        reply.header('cache-control', 'no-store');
        return reply.page(await ownTokensPage(request, { newToken: token }));
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return reply.page(await ownTokensPage(request, { errors: error.fields, values }), 422);
      }
    },
  );

  app.get(
    '/kelola/pengguna/:id/token',
    { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } },
    async (request, reply) => {
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
    },
  );

  app.post(
    '/kelola/token/:id/cabut',
    { preHandler: requireStaff(), schema: { hide: true } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { userId } = await revokeApiToken(request.ctx, id);
      setFlash(reply, t('account.tokenRevokedFlash'));
      const own = userId === staffOf(request).id;
      return reply.redirect(own ? '/kelola/akun/token' : `/kelola/pengguna/${userId}/token`, 303);
    },
  );

  // ---- JSON API ----
  const Problem = Type.Object({
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Record(Type.String(), Type.String())),
  });
  const StaffUser = Type.Object({
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: Type.String(),
    scope: Type.Object({ type: Type.String(), code: Type.String() }),
  });

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['akun'],
        summary: 'Who is calling',
        security: [{ bearer: [] }, { session: [] }],
        response: {
          200: Type.Object({
            kind: Type.String(),
            id: Type.String(),
            name: Type.String(),
            role: Type.Optional(Type.String()),
            scope: Type.Optional(Type.Object({ type: Type.String(), code: Type.String() })),
          }),
          401: Problem,
        },
      },
    },
    async (request) => {
      const actor = request.ctx.actor;
      if (!actor || actor.kind === 'system') throw new Unauthenticated();
      return actor.kind === 'staff'
        ? { kind: 'staff', id: actor.id, name: actor.name, role: actor.role, scope: actor.scope }
        : { kind: 'resident', id: actor.id, name: actor.name };
    },
  );

  app.get(
    '/api/v1/users',
    {
      preHandler: requireStaff('admin_kabupaten'),
      schema: {
        tags: ['pengguna'],
        summary: 'List staff accounts (admin kabupaten)',
        security: [{ bearer: [] }, { session: [] }],
        querystring: Type.Object({
          role: Type.Optional(Type.String()),
          q: Type.Optional(Type.String()),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
        }),
        response: {
          200: Type.Object({ total: Type.Integer(), page: Type.Integer(), items: Type.Array(StaffUser) }),
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const query = request.query as { role?: string; q?: string; page?: number };
      const result = await listStaffUsers(request.ctx, query);
      return {
        total: result.total,
        page: result.page,
        items: result.rows.map((u) => ({
          id: u.id,
          email: u.email,
          name: u.name,
          role: u.role,
          scope: { type: u.scope_type, code: u.scope_code },
        })),
      };
    },
  );

  app.post(
    '/api/v1/users',
    {
      preHandler: requireStaff('admin_kabupaten'),
      schema: {
        tags: ['pengguna'],
        summary: 'Create a staff account (admin kabupaten)',
        security: [{ bearer: [] }, { session: [] }],
        body: Type.Object({
          email: Type.String(),
          name: Type.String(),
          role: Type.String(),
          scope: Type.String(),
          password: Type.String(),
        }),
        response: { 201: StaffUser, 400: Problem, 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const user = await createStaffUser(request.ctx, request.body as Parameters<typeof createStaffUser>[1]);
      return reply
        .code(201)
        .send({ id: user.id, email: user.email, name: user.name, role: user.role, scope: user.scope });
    },
  );

  app.get(
    '/api/v1/audit',
    {
      preHandler: requireStaff('admin_kabupaten'),
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log (admin kabupaten)',
        security: [{ bearer: [] }, { session: [] }],
        querystring: Type.Object({
          action: Type.Optional(Type.String()),
          entity: Type.Optional(Type.String()),
          actor: Type.Optional(Type.String()),
          villageCode: Type.Optional(Type.String()),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
        }),
      },
    },
    async (request) => {
      const result = await listAudit(request.ctx, request.query as Record<string, string>);
      return { total: result.total, page: result.page, items: result.rows };
    },
  );
}
