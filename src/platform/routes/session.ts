import type { FastifyReply, FastifyRequest } from 'fastify';
import { rotateCsrfSecret } from '../auth/csrf.ts';
import { createSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { Ctx } from '../context.ts';

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
