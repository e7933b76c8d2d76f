import { sql } from 'kysely';
import { audit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import { regionDirectory } from '../region-directory.ts';
import { dummyVerify, hashSecret, verifySecret } from './password.ts';
import { canOnItem } from './policy.ts';
import { actorId, ROLE_SCOPE_LEVEL, ROLES, type Role, type Scope, type StaffActor } from './roles.ts';
import {
  destroyAllSessions,
  destroyOtherSessions,
  randomToken,
  revokeAllApiTokens,
  sha256Hex,
  staffActorById,
} from './sessions.ts';
import {
  checkLoginThrottle,
  clearLoginThrottle,
  recordLoginFailure,
  recordLoginSuccess,
  THROTTLE,
} from './throttle.ts';

/** wrong passwords from one address before that address must wait (see throttle.ts) */
export const LOCK_AFTER_FAILURES = THROTTLE.pairFailures;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewStaffUser {
  email: string;
  name: string;
  role: string;
  scope: string;
  password: string;
}

export function parseScope(role: Role, scopeCode: string): Scope {
  return ROLE_SCOPE_LEVEL[role] === 'agency'
    ? { type: 'agency', code: scopeCode }
    : { type: 'region', code: scopeCode };
}

const LEVEL_PARTS = { regency: 2, kecamatan: 3, village: 4 } as const;

async function scopeProblem(ctx: Ctx, role: Role, scopeCode: string): Promise<string | null> {
  const level = ROLE_SCOPE_LEVEL[role];
  if (level === 'agency') {
    const agency = await ctx.db
      .selectFrom('agencies')
      .select('code')
      .where('code', '=', scopeCode)
      .executeTakeFirst();
    return agency ? null : 'Kode OPD tidak dikenal.';
  }
  if (scopeCode.split('.').length !== LEVEL_PARTS[level]) {
    return {
      regency: 'Cakupan peran ini harus kode kabupaten, misalnya 36.04.',
      kecamatan: 'Cakupan camat harus kode kecamatan, misalnya 36.04.05.',
      village: 'Cakupan peran desa harus kode desa, misalnya 36.04.05.2001.',
    }[level];
  }
  return (await regionDirectory().exists(ctx, scopeCode)) ? null : 'Kode wilayah tidak ada di kabupaten ini.';
}

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Kata sandi minimal 10 karakter.';
  if (password.length > 200) return 'Kata sandi terlalu panjang.';
  return null;
}

/**
 * Creates a staff account; checks every field and says which one is wrong. `passwordHash`, when
 * given, is `input.password` already hashed: the demo seed creates its accounts with one shared,
 * printed password and hashes it once rather than once per account (Argon2 costs some 100 ms of
 * CPU each on a first start).
 */
export async function createStaffUser(
  ctx: Ctx,
  input: NewStaffUser,
  options: { passwordHash?: string } = {},
): Promise<StaffActor> {
  const errors: Record<string, string> = {};
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) errors.email = 'Masukkan alamat email yang benar, misalnya nama@serangkab.go.id.';
  if (input.name.trim().length < 2) errors.name = 'Nama wajib diisi.';
  const role = input.role as Role;
  if (!ROLES.includes(role)) errors.role = 'Pilih peran.';
  else {
    const problem = await scopeProblem(ctx, role, input.scope.trim());
    if (problem) errors.scope = problem;
  }
  const pw = passwordProblem(input.password);
  if (pw) errors.password = pw;
  if (!errors.email) {
    const taken = await ctx.db
      .selectFrom('staff_users')
      .select('id')
      .where(sql`lower(email)`, '=', email)
      .executeTakeFirst();
    if (taken) errors.email = 'Email ini sudah dipakai akun lain.';
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const scope = parseScope(role, input.scope.trim());
  const row = await ctx.db
    .insertInto('staff_users')
    .values({
      email,
      name: input.name.trim(),
      role,
      scope_type: scope.type,
      scope_code: scope.code,
      password_hash: options.passwordHash ?? (await hashSecret(input.password)),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(ctx, {
    action: 'create_user',
    entity: 'staff_user',
    entityId: row.id,
    detail: { email, role, scope: scope.code },
  });
  return { kind: 'staff', id: row.id, name: input.name.trim(), email, role, scope };
}

const WRONG = { email: 'Email atau kata sandi salah.' };

/**
 * Checks a staff login. Waits after repeated failures follow the shared rule in throttle.ts; an
 * unknown or deactivated account is counted, timed (the hash still runs) and answered exactly like
 * a known one with a wrong password, so the answer never tells whether an e-mail has an account.
 */
export async function loginStaff(ctx: Ctx, input: { email: string; password: string }): Promise<StaffActor> {
  const errors: Record<string, string> = {};
  if (!input.email.trim()) errors.email = 'Email wajib diisi.';
  if (!input.password) errors.password = 'Kata sandi wajib diisi.';
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const email = input.email.trim().toLowerCase();
  const attempt = { kind: 'staff', login: email, address: ctx.ip ?? 'unknown' } as const;
  await checkLoginThrottle(ctx, attempt);
  const user = await ctx.db
    .selectFrom('staff_users')
    .selectAll()
    .where(sql`lower(email)`, '=', email)
    .executeTakeFirst();
  const now = ctx.clock.now();
  const right = user?.active
    ? await verifySecret(user.password_hash, input.password)
    : await dummyVerify(input.password);
  if (!user?.active || !right) {
    const account = await recordLoginFailure(ctx, attempt);
    if (user) {
      // kept on the account so the users page can show an account under a flood of guesses
      await ctx.db
        .updateTable('staff_users')
        .set({ failed_logins: account.failures, locked_until: account.blockedUntil })
        .where('id', '=', user.id)
        .execute();
      await audit(
        { ...ctx, actor: null },
        {
          action: account.blockedUntil ? 'lock_account' : 'login_failed',
          entity: 'staff_user',
          entityId: user.id,
        },
      );
    }
    throw new Invalid(WRONG);
  }
  await recordLoginSuccess(ctx, attempt);
  await ctx.db
    .updateTable('staff_users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now })
    .where('id', '=', user.id)
    .execute();
  const actor = (await staffActorById(ctx, user.id)) as StaffActor;
  await audit({ ...ctx, actor }, { action: 'login', entity: 'staff_user', entityId: user.id });
  return actor;
}

function requireManager(ctx: Ctx): void {
  if (!canOnItem(ctx.actor, 'manage')) throw new Forbidden();
}

export const USERS_PAGE_SIZE = 25;

export async function listStaffUsers(ctx: Ctx, filter: { role?: string; q?: string; page?: number }) {
  requireManager(ctx);
  let query = ctx.db.selectFrom('staff_users');
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.q) {
    const q = `%${filter.q.trim()}%`;
    query = query.where((eb) =>
      eb.or([eb('name', 'ilike', q), eb('email', 'ilike', q), eb('scope_code', 'like', q)]),
    );
  }
  const page = Math.max(1, filter.page ?? 1);
  const [rows, total] = await Promise.all([
    query
      .select([
        'id',
        'email',
        'name',
        'role',
        'scope_type',
        'scope_code',
        'active',
        'last_login_at',
        'locked_until',
      ])
      .orderBy('role')
      .orderBy('scope_code')
      .orderBy('email')
      .limit(USERS_PAGE_SIZE)
      .offset((page - 1) * USERS_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), page, pageSize: USERS_PAGE_SIZE };
}

export async function setStaffActive(ctx: Ctx, userId: string, active: boolean): Promise<void> {
  requireManager(ctx);
  if (actorId(ctx.actor) === userId && !active) throw new Conflict(t('error.ownAccountDeactivate'));
  const updated = await ctx.db
    .updateTable('staff_users')
    .set({ active, updated_at: ctx.clock.now(), failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .returning('email')
    .executeTakeFirst();
  if (!updated) throw new NotFound(t('error.accountNotFound'));
  await clearLoginThrottle(ctx, 'staff', updated.email.toLowerCase());
  if (!active) await destroyAllSessions(ctx, 'staff', userId);
  await audit(ctx, {
    action: active ? 'activate_user' : 'deactivate_user',
    entity: 'staff_user',
    entityId: userId,
  });
}

/**
 * Sets a new password. Whoever knew the old one may still hold a session or a token made with it,
 * so every other session and every API token of the account ends; `keepSession` is the session of
 * the person changing it, who stays logged in.
 */
export async function changePassword(
  ctx: Ctx,
  userId: string,
  password: string,
  keepSession: string | null = null,
): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new Invalid({ password: problem });
  await ctx.db
    .updateTable('staff_users')
    .set({ password_hash: await hashSecret(password), updated_at: ctx.clock.now() })
    .where('id', '=', userId)
    .execute();
  await destroyOtherSessions(ctx, 'staff', userId, keepSession);
  await revokeAllApiTokens(ctx, userId);
  await audit(ctx, { action: 'change_password', entity: 'staff_user', entityId: userId });
}

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

function requireSelfOrManager(ctx: Ctx, userId: string): void {
  if (canOnItem(ctx.actor, 'manage')) return;
  if (ctx.actor?.kind !== 'staff' || ctx.actor.id !== userId) throw new Forbidden();
}

/**
 * A token for system-to-system calls; shown once, only its hash is kept. It acts as its owner with
 * the owner's role and scope at the time of each call, never more, and ends after `days` days.
 * The CLI calls it with no actor (whoever runs the CLI already holds the database).
 */
export async function createApiToken(
  ctx: Ctx,
  userId: string,
  name: string,
  days: number = TOKEN_DEFAULT_DAYS,
): Promise<string> {
  requireSelfOrManager(ctx, userId);
  const errors: Record<string, string> = {};
  if (!name.trim()) errors.name = t('account.tokenNameRequired');
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS)
    errors.days = t('account.tokenDaysRange', { max: TOKEN_MAX_DAYS });
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const token = `smp_${randomToken(24)}`;
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  await ctx.db
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      name: name.trim(),
      token_hash: sha256Hex(token),
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  await audit(ctx, {
    action: 'create_api_token',
    entity: 'staff_user',
    entityId: userId,
    detail: { name: name.trim(), expiresAt: expiresAt.toISOString() },
  });
  return token;
}

/** The tokens of one account that still work or ended recently, for its owner or an admin. */
export async function listApiTokens(ctx: Ctx, userId: string) {
  requireSelfOrManager(ctx, userId);
  return ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function revokeApiToken(ctx: Ctx, tokenId: string): Promise<{ userId: string }> {
  if (!UUID.test(tokenId)) throw new NotFound(t('account.tokenNotFound'));
  const row = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name'])
    .where('id', '=', tokenId)
    .executeTakeFirst();
  if (!row) throw new NotFound(t('account.tokenNotFound'));
  requireSelfOrManager(ctx, row.user_id);
  await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: ctx.clock.now() })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .execute();
  await audit(ctx, {
    action: 'revoke_api_token',
    entity: 'staff_user',
    entityId: row.user_id,
    detail: { name: row.name },
  });
  return { userId: row.user_id };
}

export async function findStaffById(ctx: Ctx, userId: string) {
  requireManager(ctx);
  if (!UUID.test(userId)) throw new NotFound(t('error.accountNotFound'));
  const user = await ctx.db
    .selectFrom('staff_users')
    .select(['id', 'email', 'name'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new NotFound(t('error.accountNotFound'));
  return user;
}

export async function findStaffByEmail(ctx: Ctx, email: string) {
  return ctx.db
    .selectFrom('staff_users')
    .select(['id', 'email', 'role', 'scope_code'])
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export interface AwaitingStaffUser {
  email: string;
  name: string;
  role: Role;
  scope: Scope;
}

/**
 * Accounts made for someone else (bulk onboarding) that get their password at their first login.
 * Every account gets the Argon2 hash of one random secret nobody keeps, so a password login to it
 * fails after the same work as any other (the answer time tells nothing) and no one can guess it.
 * The caller has checked the fields (and its right to make them); the unique e-mail index still
 * refuses a duplicate, and the caller's transaction then keeps none of them.
 */
export async function insertAwaitingStaffUsers(
  ctx: Ctx,
  users: AwaitingStaffUser[],
): Promise<Array<{ id: string; email: string }>> {
  if (users.length === 0) return [];
  const unusable = await hashSecret(randomToken(32));
  const now = ctx.clock.now();
  const rows = await ctx.db
    .insertInto('staff_users')
    .values(
      users.map((u) => ({
        email: u.email.trim().toLowerCase(),
        name: u.name.trim(),
        role: u.role,
        scope_type: u.scope.type,
        scope_code: u.scope.code,
        password_hash: unusable,
        created_at: now,
        updated_at: now,
      })),
    )
    .returning(['id', 'email'])
    .execute();
  for (const [i, row] of rows.entries())
    await audit(ctx, {
      action: 'create_user',
      entity: 'staff_user',
      entityId: row.id,
      detail: { email: row.email, role: users[i]!.role, scope: users[i]!.scope.code },
    });
  return rows;
}
