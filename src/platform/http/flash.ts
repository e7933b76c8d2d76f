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

/** Only local paths: "?kembali=//evil.example" must not send anyone away. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value;
}
