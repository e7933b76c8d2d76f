import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { modules } from './modules/index.ts';
import { regencyName } from './modules/regions/service.ts';
import { CSRF_COOKIE, csrfTokenOf, peekMultipartToken } from './platform/auth/csrf.ts';
import { actorForApiToken, actorForSession, SESSION_COOKIE } from './platform/auth/sessions.ts';
import type { Clock, Ctx } from './platform/context.ts';
import { systemClock } from './platform/context.ts';
import type { Db } from './platform/db/index.ts';
import { type Replica, replicaState } from './platform/db/replica.ts';
import { installPublicPageCache } from './platform/http/cache.ts';
import { installErrorHandlers } from './platform/http/error-handler.tsx';
import { FLASH_COOKIE } from './platform/http/flash.ts';
import { installInputGuards } from './platform/http/input.ts';
import { type Locale, type RequestContext, runWithRequestContext } from './platform/http/request-context.ts';
import { registerMessages } from './platform/i18n/index.ts';
import { platformMessages } from './platform/messages.ts';
import { codePath } from './platform/paths.ts';
import { platformNavigation, platformRoutes } from './platform/routes.tsx';
import { searchNavigation, searchRoutes } from './platform/search/routes.tsx';
import { registerSearchKinds, registerSearchScope } from './platform/search/service.ts';
import { registerAssetFolder } from './platform/ui/assets.ts';
import type { SafeHtml } from './platform/ui/jsx-runtime.ts';
import { setSiteInfo } from './platform/ui/layout.tsx';
import { registerNavigation } from './platform/ui/navigation.ts';
import {
  registerOnboardingSteps,
  registerSitemapSources,
  registerSiteNewsSources,
  registerVillageSiteSections,
} from './platform/village-site.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    view: RequestContext;
    sessionToken: string | null;
  }
  interface FastifyReply {
    page(node: SafeHtml, status?: number): FastifyReply;
  }
  interface FastifyInstance {
    /** Every route the app serves, as registered (the authorisation matrix and hostile-input tests walk it). */
    routeTable: RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
}

export interface AppOptions {
  config: Config;
  db: Db;
  /** DATABASE_REPLICA_URL's replica, for the reads `onReplica` sends there */
  replica?: Replica;
  clock?: Clock;
  logger?: Logger | false;
  /** told of every route as it is registered (the hostile-input tests walk them all) */
  onRoute?: (route: RouteOptions) => void;
}

function localeOf(request: FastifyRequest): Locale {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  const chosen = typeof query === 'string' ? query : request.cookies.lang;
  return chosen === 'en' ? 'en' : 'id';
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/** Forms and cookie-authenticated calls must carry the CSRF token; token-authenticated API calls need not. */
function needsCsrfCheck(request: FastifyRequest): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
  if (request.url.startsWith('/open311/') || bearerToken(request)) return false;
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/json') && !request.cookies[SESSION_COOKIE]) return false;
  return true;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger as unknown as FastifyBaseLogger }
      : { logger: options.logger === undefined ? { level: config.logLevel } : false }),
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  const secure = config.publicUrl.startsWith('https://');
  // before every route (swagger-ui's files included): a page of 40 KB is 8 KB on the wire, which
  // on a 400 kbps signal is the difference between one and six seconds. Brotli at quality 4 (the
  // plugin's default) costs the server little; images and PDFs are left alone (already compressed),
  // request bodies are not inflated (nothing here sends them compressed).
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 5, fields: 100 } });
  await app.register(rateLimit, { global: false });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', new URL(config.mapTileUrl.replace(/\{[a-z]\}/g, 'a')).origin],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    hsts: secure,
  });
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure },
    getToken: csrfTokenOf,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Simpul API', version: '1', description: 'API Simpul — platform SPBE kabupaten' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Token API (npx simpul token create)' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAssetFolder(app, { root: codePath('platform/ui/static'), prefix: '/static/' });

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('view', null as unknown as RequestContext);
  app.decorateRequest('sessionToken', null);
  app.decorateReply('page', function (this: FastifyReply, node: SafeHtml, status = 200) {
    return this.code(status).type('text/html; charset=utf-8').send(`<!doctype html>${node.html}`);
  });

  app.addHook('onRequest', async (request, reply) => {
    const ctx: Ctx = {
      db,
      ...(options.replica ? { replica: options.replica } : {}),
      actor: null,
      clock,
      config,
      log: request.log as unknown as Logger,
      ip: request.ip,
    };
    const bearer = bearerToken(request);
    const token = request.cookies[SESSION_COOKIE] ?? null;
    if (bearer) ctx.actor = await actorForApiToken(ctx, bearer);
    else if (token) ctx.actor = await actorForSession(ctx, token);
    request.ctx = ctx;
    request.sessionToken = ctx.actor && token ? token : null;
    const flash = request.cookies[FLASH_COOKIE];
    if (flash) reply.clearCookie(FLASH_COOKIE, { path: '/' });
    let csrfToken: string | null = null;
    request.view = {
      locale: localeOf(request),
      actor: ctx.actor,
      path: request.url.split('?')[0] ?? '/',
      flash: flash ? decodeURIComponent(flash) : null,
      get csrfToken() {
        csrfToken ??= reply.generateCsrf();
        return csrfToken;
      },
    };
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (!needsCsrfCheck(request)) done();
    else if (request.isMultipart())
      peekMultipartToken(request).then(() => app.csrfProtection(request, reply, done), done);
    else app.csrfProtection(request, reply, done);
  });
  // views read the language, the person and the CSRF token from here (see request-context.ts)
  app.addHook('preHandler', (request, _reply, done) => {
    runWithRequestContext(request.view, done);
  });

  installErrorHandlers(app);
  installInputGuards(app);
  installPublicPageCache(app, config.publicPageCacheSeconds);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
      // a replica that is down slows dashboards onto the primary, it does not make the app unready
      const replica = await replicaState(options.replica);
      return replica === 'absent' ? { status: 'ok' } : { status: 'ok', replica };
    } catch (error) {
      // the database's own words (host, user, database name) are for the log, not for whoever asks
      request.log.error({ err: error }, 'readiness check: the database does not answer');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerMessages(platformMessages);
  registerNavigation(platformNavigation);
  for (const module of modules) {
    if (module.messages) registerMessages(module.messages);
    if (module.navigation) registerNavigation(module.navigation);
    if (module.search) registerSearchKinds(module.search.kinds);
    if (module.search?.scope) registerSearchScope(module.search.scope);
  }
  registerNavigation(searchNavigation);
  registerVillageSiteSections(modules.flatMap((m) => m.villageSite ?? []));
  registerOnboardingSteps(modules.flatMap((m) => m.onboarding ?? []));
  registerSiteNewsSources(modules.flatMap((m) => (m.siteNews ? [m.siteNews] : [])));
  registerSitemapSources(modules.flatMap((m) => (m.sitemap ? [m.sitemap] : [])));
  await app.register(platformRoutes, { modules });
  await app.register(searchRoutes);
  for (const module of modules) {
    if (module.routes) await app.register(module.routes);
  }

  setSiteInfo({
    regencyName: await regencyName({ db, actor: null, clock, config, log: app.log as unknown as Logger }),
    demo: config.demo,
  });
  return app;
}
