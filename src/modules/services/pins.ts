import { randomInt } from 'node:crypto';
import { audit } from '../../platform/audit/service.ts';
import { dummyVerify, hashSecret, verifySecret } from '../../platform/auth/password.ts';
import { actorId, type ResidentActor } from '../../platform/auth/roles.ts';
import { destroyAllSessions, destroyOtherSessions } from '../../platform/auth/sessions.ts';
import {
  checkLoginThrottle,
  clearLoginThrottle,
  recordLoginFailure,
  recordLoginSuccess,
} from '../../platform/auth/throttle.ts';
import type { Ctx } from '../../platform/context.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { findResidentByNik, type Resident } from '../residents/service.ts';
import { mayServeVillage } from './policy.ts';
import './schema.ts';
import { t } from '../../platform/i18n/index.ts';
import './messages.ts';

const PIN = /^\d{6}$/;
// a PIN anyone would guess first is refused when a resident chooses their own
const WEAK_PINS = new Set(['000000', '111111', '123456', '654321', '123123', '112233', '121212', '999999']);

/**
 * The operator issues (or resets) a resident's PIN: six random digits, shown once, changed at first
 * login. A reset is what a resident asks for when someone else may know the PIN, so every session
 * of the resident ends and the waits after failed logins are lifted (the operator has seen them).
 */
export async function issuePin(ctx: Ctx, nik: string): Promise<{ pin: string; residentName: string }> {
  const cleaned = nik.replace(/\D/g, '');
  if (!/^\d{16}$/.test(cleaned)) throw new Invalid({ nik: t('services.error.nikDigits') });
  const resident = await findResidentByNik(ctx, cleaned);
  // a NIK of another village answers as an unknown one: staff learn nothing outside their village
  if (!resident || !mayServeVillage(ctx.actor, resident.villageCode))
    throw new Invalid({ nik: t('services.error.nikNotInVillage') });
  if (resident.status !== 'hidup') throw new Invalid({ nik: t('services.error.residentInactive') });
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const values = {
    pin_hash: await hashSecret(pin),
    must_change: true,
    failed_logins: 0,
    locked_until: null,
    issued_by: actorId(ctx.actor),
    issued_at: ctx.clock.now(),
  };
  await ctx.db
    .insertInto('resident_pins')
    .values({ resident_id: resident.id, ...values })
    .onConflict((oc) => oc.column('resident_id').doUpdateSet(values))
    .execute();
  await destroyAllSessions(ctx, 'resident', resident.id);
  await clearLoginThrottle(ctx, 'resident', resident.nik);
  await audit(ctx, {
    action: 'resident_pin_issue',
    entity: 'resident',
    entityId: resident.id,
    villageCode: resident.villageCode,
  });
  return { pin, residentName: resident.name };
}

/** One answer for a wrong NIK and a wrong PIN, so neither tells which was wrong. */
const wrongNikOrPin = () => ({ nik: t('services.error.wrongNikOrPin') });

/**
 * NIK + PIN login under the same waits after failures as staff passwords (platform/auth/throttle.ts);
 * never says which of the two was wrong, nor whether the NIK has a PIN at all.
 */
export async function loginResident(
  ctx: Ctx,
  input: { nik: string; pin: string },
): Promise<{ actor: ResidentActor; mustChange: boolean }> {
  const nik = input.nik.replace(/\D/g, '');
  const errors: Record<string, string> = {};
  if (!/^\d{16}$/.test(nik)) errors.nik = 'NIK harus 16 angka, seperti tertulis di KTP atau KK.';
  if (!PIN.test(input.pin)) errors.pin = 'PIN terdiri dari 6 angka.';
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const attempt = { kind: 'resident', login: nik, address: ctx.ip ?? 'unknown' } as const;
  await checkLoginThrottle(ctx, attempt);
  const resident = await findResidentByNik(ctx, nik);
  const pinRow = resident
    ? await ctx.db
        .selectFrom('resident_pins')
        .selectAll()
        .where('resident_id', '=', resident.id)
        .executeTakeFirst()
    : undefined;
  const now = ctx.clock.now();
  const usable = resident && pinRow && resident.status === 'hidup';
  const right = usable ? await verifySecret(pinRow.pin_hash, input.pin) : await dummyVerify(input.pin);
  if (!usable || !right) {
    const account = await recordLoginFailure(ctx, attempt);
    if (usable) {
      await ctx.db
        .updateTable('resident_pins')
        .set({ failed_logins: account.failures, locked_until: account.blockedUntil })
        .where('resident_id', '=', resident.id)
        .execute();
      await audit(
        { ...ctx, actor: null },
        {
          action: account.blockedUntil ? 'resident_pin_lock' : 'resident_login_failed',
          entity: 'resident',
          entityId: resident.id,
        },
      );
    }
    throw new Invalid(wrongNikOrPin());
  }
  await recordLoginSuccess(ctx, attempt);
  await ctx.db
    .updateTable('resident_pins')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now })
    .where('resident_id', '=', resident.id)
    .execute();
  const actor = residentActor(resident);
  await audit(
    { ...ctx, actor },
    {
      action: 'resident_login',
      entity: 'resident',
      entityId: resident.id,
      villageCode: resident.villageCode,
    },
  );
  return { actor, mustChange: pinRow.must_change };
}

/** The registry's record of a resident as the actor of a resident session. */
export function residentActor(resident: Resident): ResidentActor {
  return {
    kind: 'resident',
    id: resident.id,
    nik: resident.nik,
    name: resident.name,
    villageCode: resident.villageCode,
    familyNumber: resident.familyNumber,
  };
}

export async function pinMustChange(ctx: Ctx, residentId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('resident_pins')
    .select('must_change')
    .where('resident_id', '=', residentId)
    .executeTakeFirst();
  return row?.must_change ?? false;
}

/**
 * The resident replaces the PIN with one of their own; their other sessions end (whoever knew the
 * old PIN may hold one), the session `keepSession` making the change stays.
 */
export async function changePin(
  ctx: Ctx,
  input: { current: string; next: string; repeat: string },
  keepSession: string | null = null,
): Promise<void> {
  const actor = ctx.actor;
  if (actor?.kind !== 'resident') throw new Forbidden();
  const row = await ctx.db
    .selectFrom('resident_pins')
    .selectAll()
    .where('resident_id', '=', actor.id)
    .executeTakeFirst();
  if (!row) throw new NotFound(t('services.error.noPin'));
  const errors: Record<string, string> = {};
  if (!(await verifySecret(row.pin_hash, input.current))) errors.current = 'PIN lama salah.';
  if (!PIN.test(input.next)) errors.next = 'PIN baru harus 6 angka.';
  else if (WEAK_PINS.has(input.next)) errors.next = 'PIN ini terlalu mudah ditebak; pilih 6 angka lain.';
  else if (input.next === input.current) errors.next = 'PIN baru harus berbeda dari PIN lama.';
  if (!errors.next && input.repeat !== input.next) errors.repeat = 'Ulangi PIN baru yang sama.';
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  await ctx.db
    .updateTable('resident_pins')
    .set({ pin_hash: await hashSecret(input.next), must_change: false })
    .where('resident_id', '=', actor.id)
    .execute();
  await destroyOtherSessions(ctx, 'resident', actor.id, keepSession);
  await audit(ctx, {
    action: 'resident_pin_change',
    entity: 'resident',
    entityId: actor.id,
    villageCode: actor.villageCode,
  });
}
