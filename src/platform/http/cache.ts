import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

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
  reply.header('cache-control', PUBLIC_PAGE_CACHE).header('etag', etag);
  if (status === 200 && etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(status).send(body);
}
