import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { TooManyRequests } from '../http/errors.ts';
import { t } from '../i18n/index.ts';

/**
 * How failed logins slow the next ones down; staff passwords and resident PINs share it.
 * Three counters, each with its own free allowance before the waits start:
 * - one account from one address (a guesser at one keyboard),
 * - one account from every address together (a guesser spread over many addresses),
 * - one address for every account together (one machine trying many accounts).
 * The last two never apply to an account on an address it logged in from recently: a flood by a
 * stranger must not keep a village office, which shares one address, or the real owner out.
 */
export const THROTTLE = {
  pairFailures: 5,
  accountFailures: 20,
  addressFailures: 50,
  firstWaitMs: 60_000,
  maxWaitMs: 15 * 60_000,
  /** a count with no failure for this long starts again from nothing */
  forgetAfterMs: 24 * 3_600_000,
  /** an address the account logged in from within this time is "known" to it */
  knownAddressMs: 30 * 86_400_000,
} as const;

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date | null;
  blockedUntil: Date | null;
}

/**
 * The counter after one more failure: free up to `allowance` failures, then a wait that starts at
 * a minute and doubles with each further failure, never longer than 15 minutes. Attempts refused
 * during a wait are not failures, so waiting it out always works.
 */
export function afterFailedLogin(state: ThrottleState | null, now: Date, allowance: number): ThrottleState {
  const stale =
    !state?.lastFailureAt || now.getTime() - state.lastFailureAt.getTime() > THROTTLE.forgetAfterMs;
  const failures = (stale ? 0 : state.failures) + 1;
  const over = failures - allowance;
  const waitMs = over < 0 ? 0 : Math.min(THROTTLE.maxWaitMs, THROTTLE.firstWaitMs * 2 ** over);
  return {
    failures,
    lastFailureAt: now,
    blockedUntil: waitMs > 0 ? new Date(now.getTime() + waitMs) : null,
  };
}

/**
 * Who is trying: `login` is what was typed (the e-mail in lower case, or the NIK), so an account
 * that does not exist is counted and answered exactly like one that does.
 */
export interface LoginAttempt {
  kind: 'staff' | 'resident';
  login: string;
  address: string;
}

function keys(attempt: LoginAttempt) {
  const account = `account:${attempt.kind}:${attempt.login}`;
  return { account, pair: `${account}@${attempt.address}`, address: `address:${attempt.address}` };
}

/** Refuses the attempt, before any password is checked, while a wait applies to it. */
export async function checkLoginThrottle(ctx: Ctx, attempt: LoginAttempt): Promise<void> {
  const k = keys(attempt);
  const rows = await ctx.db
    .selectFrom('login_throttle')
    .selectAll()
    .where('key', 'in', [k.account, k.pair, k.address])
    .execute();
  const row = (key: string) => rows.find((r) => r.key === key);
  const now = ctx.clock.now().getTime();
  const lastSuccess = row(k.pair)?.last_success_at;
  const known = lastSuccess ? now - new Date(lastSuccess).getTime() < THROTTLE.knownAddressMs : false;
  const applying = known ? [row(k.pair)] : [row(k.pair), row(k.account), row(k.address)];
  const until = Math.max(
    0,
    ...applying.map((r) => (r?.blocked_until ? new Date(r.blocked_until).getTime() : 0)),
  );
  if (until > now) {
    const minutes = Math.ceil((until - now) / 60_000);
    throw new TooManyRequests(t(`auth.throttled.${attempt.kind}`, { minutes }));
  }
}

async function bump(ctx: Ctx, key: string, allowance: number): Promise<ThrottleState> {
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_throttle')
      .values({ key })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    // the row lock makes simultaneous failures count one after another
    const row = await trx
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const next = afterFailedLogin(
      {
        failures: row.failures,
        lastFailureAt: row.last_failure_at ? new Date(row.last_failure_at) : null,
        blockedUntil: row.blocked_until ? new Date(row.blocked_until) : null,
      },
      ctx.clock.now(),
      allowance,
    );
    await trx
      .updateTable('login_throttle')
      .set({ failures: next.failures, last_failure_at: next.lastFailureAt, blocked_until: next.blockedUntil })
      .where('key', '=', key)
      .execute();
    return next;
  });
}

/** Counts a wrong password or PIN; returns the account-wide counter (for the audit log). */
export async function recordLoginFailure(ctx: Ctx, attempt: LoginAttempt): Promise<ThrottleState> {
  const k = keys(attempt);
  await bump(ctx, k.pair, THROTTLE.pairFailures);
  await bump(ctx, k.address, THROTTLE.addressFailures);
  return bump(ctx, k.account, THROTTLE.accountFailures);
}

/** A right password clears the counters of this account and remembers the address as its own. */
export async function recordLoginSuccess(ctx: Ctx, attempt: LoginAttempt): Promise<void> {
  const k = keys(attempt);
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('login_throttle')
    .values({ key: k.pair, last_success_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ failures: 0, blocked_until: null, last_success_at: now }),
    )
    .execute();
  await ctx.db
    .updateTable('login_throttle')
    .set({ failures: 0, blocked_until: null })
    .where('key', '=', k.account)
    .execute();
}

/**
 * Lifts every wait on one account (an operator who hands a resident a new PIN, an admin who
 * re-activates an account, has checked who the person is).
 */
export async function clearLoginThrottle(ctx: Ctx, kind: 'staff' | 'resident', login: string): Promise<void> {
  const account = `account:${kind}:${login}`;
  await ctx.db
    .updateTable('login_throttle')
    .set({ failures: 0, blocked_until: null })
    .where((eb) =>
      eb.or([eb('key', '=', account), eb(sql<boolean>`starts_with(key, ${`${account}@`})`, '=', true)]),
    )
    .execute();
}

/** Counters with nothing to remember any more: no recent failure and no recent success. */
export async function forgetStaleThrottles(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now().getTime();
  const failuresBefore = new Date(now - THROTTLE.forgetAfterMs);
  const successBefore = new Date(now - THROTTLE.knownAddressMs);
  await ctx.db
    .deleteFrom('login_throttle')
    .where((eb) =>
      eb.and([
        eb.or([eb('last_failure_at', 'is', null), eb('last_failure_at', '<', failuresBefore)]),
        eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', new Date(now))]),
        eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', successBefore)]),
      ]),
    )
    .execute();
}
