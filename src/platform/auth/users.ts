import { sql } from 'kysely';
import { regionExists } from '../../modules/regions/service.ts';
import { audit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests } from '../http/errors.ts';
import { dummyVerify, hashSecret, verifySecret } from './password.ts';
import { canOnItem } from './policy.ts';
import { actorId, ROLE_SCOPE_LEVEL, ROLES, type Role, type Scope, type StaffActor } from './roles.ts';
import { destroyAllSessions, randomToken, sha256Hex, staffActorById } from './sessions.ts';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const IP_FAILURES_PER_WINDOW = 20;
const WINDOW_MS = 15 * 60 * 1000;

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
  return (await regionExists(ctx, scopeCode)) ? null : 'Kode wilayah tidak ada di kabupaten ini.';
}

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Kata sandi minimal 10 karakter.';
  if (password.length > 200) return 'Kata sandi terlalu panjang.';
  return null;
}

/** Creates a staff account; checks every field and says which one is wrong. */
export async function createStaffUser(ctx: Ctx, input: NewStaffUser): Promise<StaffActor> {
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
      password_hash: await hashSecret(input.password),
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

async function recentFailures(ctx: Ctx, key: string): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - WINDOW_MS);
  const row = await ctx.db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordLoginFailure(ctx: Ctx, key: string): Promise<void> {
  await ctx.db.insertInto('login_failures').values({ key, failed_at: ctx.clock.now() }).execute();
}

/** Refuses a login attempt from an address that failed too often in the last 15 minutes. */
export async function checkAddressThrottle(ctx: Ctx, key: string): Promise<void> {
  if ((await recentFailures(ctx, key)) >= IP_FAILURES_PER_WINDOW) {
    throw new TooManyRequests('Terlalu banyak percobaan masuk dari alamat ini. Coba lagi 15 menit lagi.');
  }
}

/**
 * The counters after one more failed login: the fifth failure in a row locks the account (or PIN)
 * for LOCK_MINUTES and starts the count again. Shared by staff passwords and resident PINs.
 */
export function afterFailedLogin(
  state: { failed_logins: number; locked_until: Date | null },
  now: Date,
): { failed_logins: number; locked_until: Date | null; locked: boolean } {
  const failures = state.failed_logins + 1;
  const locked = failures >= LOCK_AFTER_FAILURES;
  return {
    failed_logins: locked ? 0 : failures,
    locked_until: locked ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : state.locked_until,
    locked,
  };
}

const WRONG = { email: 'Email atau kata sandi salah.' };

/** Checks a staff login, with lock-out after repeated failures; the error never says which part was wrong. */
export async function loginStaff(ctx: Ctx, input: { email: string; password: string }): Promise<StaffActor> {
  const ipKey = `ip:${ctx.ip ?? 'unknown'}`;
  await checkAddressThrottle(ctx, ipKey);
  const errors: Record<string, string> = {};
  if (!input.email.trim()) errors.email = 'Email wajib diisi.';
  if (!input.password) errors.password = 'Kata sandi wajib diisi.';
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const user = await ctx.db
    .selectFrom('staff_users')
    .selectAll()
    .where(sql`lower(email)`, '=', input.email.trim().toLowerCase())
    .executeTakeFirst();
  const now = ctx.clock.now();
  if (!user?.active) {
    await dummyVerify(input.password);
    await recordLoginFailure(ctx, ipKey);
    throw new Invalid(WRONG);
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    throw new TooManyRequests(
      `Akun dikunci sementara karena terlalu banyak percobaan yang gagal. Coba lagi setelah ${LOCK_MINUTES} menit.`,
    );
  }
  if (!(await verifySecret(user.password_hash, input.password))) {
    const { locked, ...counters } = afterFailedLogin(user, now);
    await ctx.db.updateTable('staff_users').set(counters).where('id', '=', user.id).execute();
    await recordLoginFailure(ctx, ipKey);
    await audit(
      { ...ctx, actor: null },
      { action: locked ? 'lock_account' : 'login_failed', entity: 'staff_user', entityId: user.id },
    );
    throw new Invalid(WRONG);
  }
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
  if (actorId(ctx.actor) === userId && !active)
    throw new Conflict('Anda tidak dapat menonaktifkan akun Anda sendiri.');
  const result = await ctx.db
    .updateTable('staff_users')
    .set({ active, updated_at: ctx.clock.now(), failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound('Akun tidak ditemukan.');
  if (!active) await destroyAllSessions(ctx, 'staff', userId);
  await audit(ctx, {
    action: active ? 'activate_user' : 'deactivate_user',
    entity: 'staff_user',
    entityId: userId,
  });
}

export async function changePassword(ctx: Ctx, userId: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new Invalid({ password: problem });
  await ctx.db
    .updateTable('staff_users')
    .set({ password_hash: await hashSecret(password), updated_at: ctx.clock.now() })
    .where('id', '=', userId)
    .execute();
  await audit(ctx, { action: 'change_password', entity: 'staff_user', entityId: userId });
}

/** A token for system-to-system calls; shown once, only its hash is kept. */
export async function createApiToken(ctx: Ctx, userId: string, name: string): Promise<string> {
  if (!name.trim()) throw new Invalid({ name: 'Nama token wajib diisi.' });
  const token = `smp_${randomToken(24)}`;
  await ctx.db
    .insertInto('api_tokens')
    .values({ user_id: userId, name: name.trim(), token_hash: sha256Hex(token) })
    .execute();
  await audit(ctx, { action: 'create_api_token', entity: 'staff_user', entityId: userId, detail: { name } });
  return token;
}

export async function findStaffByEmail(ctx: Ctx, email: string) {
  return ctx.db
    .selectFrom('staff_users')
    .select(['id', 'email', 'role', 'scope_code'])
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}
