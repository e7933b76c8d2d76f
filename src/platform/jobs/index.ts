import { sql } from 'kysely';
import { modules } from '../../modules/index.ts';
import { forgetStaleThrottles } from '../auth/throttle.ts';
import type { Ctx } from '../context.ts';
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

const platformJobs: Job[] = [
  { name: 'outbox', everyMs: 15_000, run: (ctx) => deliverPendingNotifications(ctx).then(() => undefined) },
  { name: 'sessions', everyMs: 3_600_000, run: removeExpiredSessions },
];

function lockKey(name: string): number {
  let hash = 0;
  for (const c of `simpul-job:${name}`) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return hash;
}

/**
 * Runs a job once, on one server only: a PostgreSQL advisory lock keeps several app servers
 * from doing the same escalation or delivery twice.
 */
export async function runJobOnce(ctx: Ctx, job: Job): Promise<boolean> {
  return ctx.db.connection().execute(async (db) => {
    const key = lockKey(job.name);
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${key}) AS locked`.execute(
      db,
    );
    if (!rows[0]?.locked) return false;
    try {
      await job.run({ ...ctx, db });
      return true;
    } finally {
      await sql`SELECT pg_advisory_unlock(${key})`.execute(db);
    }
  });
}

export function allJobs(): Job[] {
  return [...platformJobs, ...modules.flatMap((m) => m.jobs ?? [])];
}

/** Starts every module's background jobs on timers; returns a handle to stop them on shutdown. */
export function startJobs(ctx: Ctx, jobs: Job[] = allJobs()): { stop(): void } {
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
