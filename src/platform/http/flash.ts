import type { FastifyReply } from 'fastify';

export const FLASH_COOKIE = 'simpul_flash';

/** A one-time message shown on the next page (post → redirect → get). */
export function setFlash(reply: FastifyReply, message: string): void {
  reply.setCookie(FLASH_COOKIE, encodeURIComponent(message), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 60,
  });
}

// A return path is resolved the way a browser resolves a Location header: against our own origin.
const OWN_ORIGIN = 'http://internal.invalid';

/**
 * The one check for every `?kembali=` we follow: a path on this site, or the fallback.
 * Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so "/\t/evil.example"
 * and "/\\evil.example" would lead away although they start with one slash; and "/a/..//evil" only
 * shows its "//" after the dot segments are resolved.
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN || url.pathname.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
