import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../auth/guards.ts';
import { verifySecret } from '../auth/password.ts';
import { canOnItem, mayReadFigures, scopeLevel } from '../auth/policy.ts';
import { changePassword, createApiToken, listApiTokens, revokeApiToken } from '../auth/users.ts';
import type { Ctx } from '../context.ts';
import { homeRegion, readFigures } from '../figures/index.ts';
import { fileIntegrityWork } from '../files/integrity.ts';
import { Invalid } from '../http/errors.ts';
import { setFlash } from '../http/flash.ts';
import { formBody, formRoute, textField } from '../http/form-route.ts';
import { t } from '../i18n/index.ts';
import type { SimpulModule, WorkQueueItem } from '../module.ts';
import { regionDirectory } from '../region-directory.ts';
import { AccountPage, DashboardPage, TokensPage } from '../views.tsx';
import { onboardingChecklist } from '../village-site.ts';

/**
 * What waits for the acting officer across the modules, each module counting within the actor's
 * scope through its own policy: kinds with overdue work first (most overdue first), then the rest
 * in module order.
 */
export async function readWorkQueue(ctx: Ctx, modules: readonly SimpulModule[]): Promise<WorkQueueItem[]> {
  const items: WorkQueueItem[] = await fileIntegrityWork(ctx);
  for (const module of modules) if (module.workQueue) items.push(...(await module.workQueue(ctx)));
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => b.item.overdue - a.item.overdue || a.order - b.order)
    .map(({ item }) => item);
}

/** What every staff member has: the dashboard, their own account, password and API tokens. */
export async function staffRoutes(
  app: FastifyInstance,
  options: { modules: readonly SimpulModule[] },
): Promise<void> {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };

  app.get('/kelola', staff, async (request, reply) => {
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
    // a role without figures or registry rights (the posyandu kader) still has a dashboard: its work
    const ownVillage =
      actor.scope.type === 'region' &&
      scopeLevel(actor.scope.code) === 'village' &&
      canOnItem(actor, 'edit', { villageCode: actor.scope.code });
    const region = homeRegion(request.ctx);
    const [{ figures }, work, checklist] = await Promise.all([
      mayReadFigures(actor, region) ? readFigures(request.ctx, options.modules, region) : { figures: [] },
      readWorkQueue(request.ctx, options.modules),
      // a village office sees its first steps until every one is done
      ownVillage ? onboardingChecklist(request.ctx, actor.scope.code) : null,
    ]);
    return reply.page(
      <DashboardPage
        actor={actor}
        scopeName={scopeName}
        figures={figures}
        work={work}
        checklist={checklist}
      />,
    );
  });

  app.get('/kelola/akun', staff, async (request, reply) => {
    return reply.page(<AccountPage actor={staffOf(request)} />);
  });

  formRoute(app, '/kelola/akun/kata-sandi', {
    preHandler: requireStaff(),
    body: formBody({ current: textField(), password: textField() }),
    page: (request, { errors }) => <AccountPage actor={staffOf(request)} errors={errors} />,
    handle: async (request, reply, form) => {
      const actor = staffOf(request);
      const user = await request.ctx.db
        .selectFrom('staff_users')
        .select('password_hash')
        .where('id', '=', actor.id)
        .executeTakeFirstOrThrow();
      if (!(await verifySecret(user.password_hash, form.current ?? '')))
        throw new Invalid({ current: t('account.currentWrong') });
      await changePassword(request.ctx, actor.id, form.password ?? '', request.sessionToken);
      setFlash(reply, t('account.passwordChanged'));
      return reply.redirect('/kelola/akun', 303);
    },
  });

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

  app.get('/kelola/akun/token', staff, async (request, reply) => reply.page(await ownTokensPage(request)));

  formRoute(app, '/kelola/akun/token', {
    preHandler: requireStaff(),
    body: formBody({ name: textField(), days: textField() }),
    page: (request, { values, errors }) =>
      ownTokensPage(request, { errors, values: { name: values.name ?? '', days: values.days ?? '90' } }),
    handle: async (request, reply, form) => {
      const token = await createApiToken(
        request.ctx,
        staffOf(request).id,
        form.name ?? '',
        Number(form.days ?? '90'),
      );
      // the token is on this page only, once: nothing may keep a copy
      reply.header('cache-control', 'no-store');
      return reply.page(await ownTokensPage(request, { newToken: token }));
    },
  });

  formRoute(app, '/kelola/token/:id/cabut', {
    preHandler: requireStaff(),
    body: formBody({}),
    handle: async (request, reply) => {
      const { userId } = await revokeApiToken(request.ctx, request.params.id);
      setFlash(reply, t('account.tokenRevokedFlash'));
      const own = userId === staffOf(request).id;
      return reply.redirect(own ? '/kelola/akun/token' : `/kelola/pengguna/${userId}/token`, 303);
    },
  });
}
