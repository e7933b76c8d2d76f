import { sql } from 'kysely';
import { forgetStaleThrottles } from '../auth/throttle.ts';
import type { Ctx } from '../context.ts';
import './schema.ts';
import { deliverPendingNotifications } from '../outbox/index.ts';

export interface Job {
  name: string;
  everyMs: number;
  run: (ctx: Ctx) => Promise<void>;
}

/** Expired sessions and login counters nobody will read again are of no further use; keep the tables small. */
export async function removeExpiredSessions(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await forgetStaleThrottles(ctx);
}

export const platformJobs: Job[] = [
  { name: 'outbox', everyMs: 15_000, run: (ctx) => deliverPendingNotifications(ctx).then(() => undefined) },
  { name: 'sessions', everyMs: 3_600_000, run: removeExpiredSessions },
];

/** Long enough for any job; a server that dies mid-run holds the job no longer than this. */
const LEASE_MS = 10 * 60_000;

/**
 * Runs a job once, on one server only, by taking a lease row in the jobs table.
 * A lease, not an advisory lock: a session-level advisory lock pins one connection for the whole
 * run, and on the embedded database that one connection is the only one, so every request waited
 * behind a job (an outbox delivery waiting on a slow webhook froze the server).
 */
export async function runJobOnce(ctx: Ctx, job: Job): Promise<boolean> {
  await ctx.db
    .insertInto('jobs')
    .values({ name: job.name })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const leased = await ctx.db
    .updateTable('jobs')
    .set({ locked_until: sql`now() + ${`${LEASE_MS} milliseconds`}::interval`, last_started_at: sql`now()` })
    .where('name', '=', job.name)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .returning('name')
    .executeTakeFirst();
  if (!leased) return false;
  let error: unknown = null;
  try {
    await job.run(ctx);
  } catch (caught) {
    error = caught;
  }
  await ctx.db
    .updateTable('jobs')
    .set({
      locked_until: null,
      last_finished_at: sql`now()`,
      last_outcome: error ? 'failed' : 'ok',
      last_error: error ? String((error as Error).message ?? error).slice(0, 500) : null,
    })
    .where('name', '=', job.name)
    .execute();
  if (error) throw error;
  return true;
}

/** Starts every module's background jobs on timers; returns a handle to stop them on shutdown. */
export function startJobs(ctx: Ctx, jobs: Job[]): { stop(): void } {
  const timers = jobs.map((job) =>
    setInterval(() => {
      runJobOnce(ctx, job).catch((error: unknown) =>
        ctx.log.error({ err: error, job: job.name }, 'job failed'),
      );
    }, job.everyMs),
  );
  for (const timer of timers) timer.unref();
  return { stop: () => timers.forEach(clearInterval) };
}
