import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Actor, Role, Scope } from './roles.ts';

export const SESSION_COOKIE = 'simpul_session';
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export type SessionSubject =
  | { kind: 'staff'; id: string }
  | { kind: 'resident'; id: string; nik: string; name: string; villageCode: string; familyNumber: string };

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  ctx: Ctx,
  subject: SessionSubject,
  client: { ip?: string | null; userAgent?: string | null } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + ctx.config.sessionDays * 86_400_000);
  const { kind, id, ...claims } = subject;
  await ctx.db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      subject_kind: kind,
      subject_id: id,
      subject: JSON.stringify(claims),
      csrf_secret: randomToken(16),
      expires_at: expiresAt,
      created_at: ctx.clock.now(),
      last_seen_at: ctx.clock.now(),
      ip: client.ip ?? null,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export async function destroySession(ctx: Ctx, token: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute();
}

/** "Log out everywhere": ends every session of this person. */
export async function destroyAllSessions(
  ctx: Ctx,
  kind: 'staff' | 'resident',
  subjectId: string,
): Promise<number> {
  const result = await ctx.db
    .deleteFrom('sessions')
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every session of this person but the one given (the one that is changing a password or PIN). */
export async function destroyOtherSessions(
  ctx: Ctx,
  kind: 'staff' | 'resident',
  subjectId: string,
  keepToken: string | null,
): Promise<number> {
  let query = ctx.db
    .deleteFrom('sessions')
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId);
  if (keepToken) query = query.where('id', '!=', sha256Hex(keepToken));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function revokeAllApiTokens(ctx: Ctx, userId: string): Promise<void> {
  await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: ctx.clock.now() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** "Log out everywhere" also ends a staff member's API tokens: one may be what leaked. */
export async function logOutEverywhere(
  ctx: Ctx,
  kind: 'staff' | 'resident',
  subjectId: string,
): Promise<void> {
  await destroyAllSessions(ctx, kind, subjectId);
  if (kind === 'staff') await revokeAllApiTokens(ctx, subjectId);
}

/** Resolves a session token to the acting person, or null when unknown, expired or deactivated. */
export async function actorForSession(ctx: Ctx, token: string): Promise<Actor | null> {
  const id = sha256Hex(token);
  const session = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  const now = ctx.clock.now();
  if (!session || new Date(session.expires_at) <= now) return null;
  if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  if (session.subject_kind === 'resident') {
    const claims = session.subject as Record<string, string>;
    return {
      kind: 'resident',
      id: session.subject_id,
      nik: claims.nik ?? '',
      name: claims.name ?? '',
      villageCode: claims.villageCode ?? '',
      familyNumber: claims.familyNumber ?? '',
    };
  }
  return staffActorById(ctx, session.subject_id);
}

export async function staffActorById(ctx: Ctx, userId: string): Promise<Actor | null> {
  const user = await ctx.db
    .selectFrom('staff_users')
    .select(['id', 'name', 'email', 'role', 'scope_type', 'scope_code', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.active) return null;
  return {
    kind: 'staff',
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role as Role,
    scope: { type: user.scope_type, code: user.scope_code } as Scope,
  };
}

export async function actorForApiToken(ctx: Ctx, token: string): Promise<Actor | null> {
  const row = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', sha256Hex(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', ctx.clock.now())
    .executeTakeFirst();
  if (!row) return null;
  await ctx.db
    .updateTable('api_tokens')
    .set({ last_used_at: ctx.clock.now() })
    .where('id', '=', row.id)
    .execute();
  return staffActorById(ctx, row.user_id);
}
