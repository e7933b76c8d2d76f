import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * How long a shared cache (a proxy, the browser) keeps a public page: one minute fresh, then ten
 * more served while it asks again, so a village site that a whole kecamatan opens at once costs the
 * server one render a minute, and a resident on a weak signal gets a 304 of a few bytes.
 */
export const PUBLIC_PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=600';
/** A page for a signed-in person (their name, their menu) is never stored by anyone. */
export const PRIVATE_PAGE_CACHE = 'private, no-store';

/** A weak validator over the body: the same bytes before compression, whatever the encoding. */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Does an If-None-Match header name this entity tag (weak comparison, RFC 9110 §13.1.2)? */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}

/**
 * Sends a public page so that caches may keep it: for an anonymous visitor whose response sets no
 * cookie, `Cache-Control: public…`, a weak ETag and a 304 when the visitor already has it; for a
 * signed-in person (or a response that sets a cookie, such as a flash being cleared) `private,
 * no-store`. Always `Vary: Cookie`, since the language and the session ride in cookies.
 */
export function sendCacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  options: { type?: string; status?: number } = {},
): FastifyReply {
  const status = options.status ?? 200;
  reply.header('vary', 'Cookie').type(options.type ?? 'text/html; charset=utf-8');
  const signedIn = Boolean(request.ctx?.actor);
  if (signedIn || reply.hasHeader('set-cookie')) {
    return reply.header('cache-control', PRIVATE_PAGE_CACHE).code(status).send(body);
  }
  const etag = weakEtag(body);
  const type = options.type ?? 'text/html; charset=utf-8';
  rememberPage(request, { body, etag, type, status });
  reply.header('cache-control', PUBLIC_PAGE_CACHE).header('etag', etag);
  if (status === 200 && etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(status).send(body);
}

/**
 * Public pages an anonymous visitor got, kept by the app for a short while (`PUBLIC_PAGE_CACHE_SECONDS`,
 * 30 by default, 0 in tests) so that a crowd opening the same village site costs one render, not one
 * each: a reverse proxy does the same with the Cache-Control above, and this serves installations
 * that run without one. Keyed by the address and the language. Any successful write through the app
 * (a POST, PUT, PATCH or DELETE) empties it, so an officer who publishes sees the change on the next
 * visit; other app servers see it within the time kept. A kept page also keeps its brotli and gzip
 * bodies, made once (at brotli's best quality, since it is once) the first time a visitor asks
 * for that encoding, so a hit costs no compression.
 */
const MAX_PAGES = 2_000;
type Encoding = 'br' | 'gzip';
interface StoredPage {
  body: string;
  etag: string;
  type: string;
  status: number;
  until: number;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}
/** as the app's compression (`threshold` in app.ts): a smaller body goes as it is */
export const COMPRESS_FROM_BYTES = 1024;

const brotliCompress = promisify(zlib.brotliCompress);
const gzipCompress = promisify(zlib.gzip);
function compressed(encoding: Encoding, body: string): Promise<Buffer> {
  const bytes = Buffer.from(body);
  if (encoding === 'gzip') return gzipCompress(bytes, { level: 9 });
  return brotliCompress(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/**
 * The encoding an Accept-Encoding header prefers among brotli and gzip (RFC 9110 §12.5.3: the
 * highest q, brotli on a tie, `*` for one not named, `x-gzip` as gzip), or null for the body as it is.
 */
export function preferredEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br <= 0 && gzip <= 0) return null;
  return br >= gzip ? 'br' : 'gzip';
}
interface PageStore {
  keepMs: number;
  pages: Map<string, StoredPage>;
}

declare module 'fastify' {
  interface FastifyRequest {
    publicPages: PageStore | null;
  }
}

/** A visitor whose request carries nothing personal: no session, no token, no flash (a language is fine). */
function anonymousRequest(request: FastifyRequest): boolean {
  if (request.headers.authorization) return false;
  return Object.keys(request.cookies ?? {}).every((name) => name === 'lang');
}

function pageKey(request: FastifyRequest): string {
  return `${request.view?.locale ?? ''} ${request.url}`;
}

function rememberPage(request: FastifyRequest, page: Omit<StoredPage, 'until' | 'encoded'>): void {
  const store = request.publicPages;
  if (!store || request.method !== 'GET' || !anonymousRequest(request)) return;
  if (store.pages.size >= MAX_PAGES) store.pages.clear();
  store.pages.set(pageKey(request), { ...page, until: Date.now() + store.keepMs, encoded: {} });
}

/** Serves a kept page to an anonymous GET before its route runs; empties the store after a write. */
export function installPublicPageCache(app: FastifyInstance, keepSeconds: number): void {
  const store: PageStore | null = keepSeconds > 0 ? { keepMs: keepSeconds * 1000, pages: new Map() } : null;
  app.decorateRequest('publicPages', null);
  if (!store) return;
  app.addHook('preHandler', async (request, reply) => {
    request.publicPages = store;
    if (request.method !== 'GET' || !anonymousRequest(request)) return;
    const key = pageKey(request);
    const page = store.pages.get(key);
    if (!page) return;
    if (page.until < Date.now()) {
      store.pages.delete(key);
      return;
    }
    const compressible = Buffer.byteLength(page.body) >= COMPRESS_FROM_BYTES;
    reply
      .header('vary', compressible ? 'Cookie, Accept-Encoding' : 'Cookie')
      .header('cache-control', PUBLIC_PAGE_CACHE)
      .header('etag', page.etag);
    reply.type(page.type);
    if (page.status === 200 && etagMatches(request.headers['if-none-match'], page.etag))
      return reply.code(304).send();
    const encoding = compressible ? preferredEncoding(request.headers['accept-encoding']) : null;
    if (!encoding) return reply.code(page.status).send(page.body);
    page.encoded[encoding] ??= compressed(encoding, page.body);
    const bytes = await page.encoded[encoding];
    // the app's compression leaves a body alone that already says how it is encoded
    return reply
      .code(page.status)
      .header('content-encoding', encoding)
      .header('content-length', bytes.length)
      .send(bytes);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) store.pages.clear();
  });
}
