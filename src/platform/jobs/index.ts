import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { forgetStaleThrottles } from '../auth/throttle.ts';
import type { Ctx } from '../context.ts';
import { backupJob } from '../files/backup.ts';
import { fileIntegrityJob } from '../files/integrity.ts';
import './schema.ts';
import { deliverPendingNotifications } from '../outbox/index.ts';
import { backoffDelay } from './backoff.ts';

export { backoffDelay } from './backoff.ts';

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
  fileIntegrityJob,
  backupJob,
];

/** A server that dies mid-run holds the job no longer than this; a live run renews it every third of it. */
export const LEASE_MS = 10 * 60_000;

/** The longest a timer waits between two looks at a job's row (a failed hourly job is retried after a minute). */
const MAX_TICK_MS = 60_000;

/** Rows this process has made sure of, per database (a timer need not insert its row at every tick). */
const knownRows = new WeakMap<object, Set<string>>();

async function ensureRow(ctx: Ctx, job: Job): Promise<void> {
  const known = knownRows.get(ctx.db) ?? new Set<string>();
  if (known.has(job.name)) return;
  await ctx.db
    .insertInto('jobs')
    .values({ name: job.name, every_ms: job.everyMs, attempts: 0 })
    .onConflict((oc) => oc.doNothing())
    .execute();
  known.add(job.name);
  knownRows.set(ctx.db, known);
}

/**
 * Takes the job's lease: one server at a time, whatever its clock says (the lease runs on the
 * database's clock). With `onlyIfDue`, only when the schedule says so (the schedule runs on
 * ctx.clock, which tests set).
 */
async function takeLease(ctx: Ctx, job: Job, onlyIfDue: boolean): Promise<string | null> {
  const owner = randomUUID();
  let query = ctx.db
    .updateTable('jobs')
    .set({
      locked_until: sql`now() + ${`${LEASE_MS} milliseconds`}::interval`,
      locked_by: owner,
      last_started_at: ctx.clock.now(),
      every_ms: job.everyMs,
    })
    .where('name', '=', job.name)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]));
  if (onlyIfDue)
    query = query.where((eb) =>
      eb.or([eb('next_run_at', 'is', null), eb('next_run_at', '<=', ctx.clock.now())]),
    );
  const leased = await query.returning('name').executeTakeFirst();
  return leased ? owner : null;
}

async function runLeased(ctx: Ctx, job: Job, owner: string): Promise<unknown> {
  // a long run (a regency-wide import) renews its lease, so another server never takes it while it lives
  const renew = setInterval(() => {
    ctx.db
      .updateTable('jobs')
      .set({ locked_until: sql`now() + ${`${LEASE_MS} milliseconds`}::interval` })
      .where('name', '=', job.name)
      .where('locked_by', '=', owner)
      .execute()
      .catch((error: unknown) => ctx.log.warn({ err: error, job: job.name }, 'job lease not renewed'));
  }, LEASE_MS / 3);
  renew.unref();
  let error: unknown = null;
  try {
    await job.run(ctx);
  } catch (caught) {
    error = caught;
  } finally {
    clearInterval(renew);
  }
  const finished = ctx.clock.now();
  const row = await ctx.db
    .selectFrom('jobs')
    .select('attempts')
    .where('name', '=', job.name)
    .executeTakeFirst();
  const attempts = error ? (row?.attempts ?? 0) + 1 : 0;
  await ctx.db
    .updateTable('jobs')
    .set({
      locked_until: null,
      locked_by: null,
      last_finished_at: finished,
      last_outcome: error ? 'failed' : 'ok',
      last_error: error ? String((error as Error).message ?? error).slice(0, 500) : null,
      attempts,
      next_run_at: new Date(finished.getTime() + (error ? backoffDelay(attempts) : job.everyMs)),
    })
    .where('name', '=', job.name)
    .where('locked_by', '=', owner)
    .execute();
  return error;
}

/**
 * Runs a job now, on one server only, by taking a lease row in the jobs table; false when another
 * run holds it. A failure is recorded (outcome, error, attempts, next attempt after the backoff)
 * and thrown. A lease, not an advisory lock: a session-level advisory lock pins one connection for
 * the whole run, and on the embedded database that one connection is the only one, so every
 * request waited behind a job (an outbox delivery waiting on a slow webhook froze the server).
 */
export async function runJobOnce(ctx: Ctx, job: Job): Promise<boolean> {
  await ensureRow(ctx, job);
  const owner = await takeLease(ctx, job, false);
  if (!owner) return false;
  const error = await runLeased(ctx, job, owner);
  if (error) throw error;
  return true;
}

/**
 * Runs a job if its schedule says it is due and no other server runs it; what the timers call.
 * Never throws: the outcome is in the jobs table. Returns whether this call ran it.
 */
export async function runJobIfDue(ctx: Ctx, job: Job): Promise<boolean> {
  await ensureRow(ctx, job);
  const owner = await takeLease(ctx, job, true);
  if (!owner) return false;
  const error = await runLeased(ctx, job, owner);
  if (error) ctx.log.error({ err: error, job: job.name }, 'job failed');
  return true;
}

interface Runner {
  wake(name: string): void;
}
const runners = new Set<Runner>();

/**
 * Asks every job runner of this process that has the job to run it now (through its lease, on the
 * runner's own context, not the caller's): a request that queued work calls it so that the work
 * starts at once rather than at the next tick. Other servers find the work at their next tick.
 */
export function wakeJob(name: string): void {
  for (const runner of runners) runner.wake(name);
}

/**
 * Starts the background jobs it is handed (the platform's and every module's, from main.ts) on
 * timers; returns a handle to stop them on shutdown. `timers: false` runs them only when woken
 * (the test app: work a request queues runs, nothing runs by itself).
 */
export function startJobs(
  ctx: Ctx,
  jobs: Job[],
  options: { timers?: boolean } = {},
): { stop(): Promise<void> } {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let stopped = false;
  const launch = (job: Job, forced: boolean) => {
    if (stopped) return;
    if (running.has(job.name)) {
      if (forced) again.add(job.name);
      return;
    }
    const run = (
      forced ? runJobOnce(ctx, job).then(() => undefined) : runJobIfDue(ctx, job).then(() => undefined)
    )
      .catch((error: unknown) => ctx.log.error({ err: error, job: job.name }, 'job failed'))
      .finally(() => {
        running.delete(job.name);
        if (again.delete(job.name)) launch(job, true);
      });
    running.set(job.name, run);
  };
  const timers =
    options.timers === false
      ? []
      : jobs.map((job) => setInterval(() => launch(job, false), Math.min(job.everyMs, MAX_TICK_MS)));
  for (const timer of timers) timer.unref();
  const runner: Runner = {
    wake(name) {
      const job = jobs.find((j) => j.name === name);
      if (job) launch(job, true);
    },
  };
  runners.add(runner);
  return {
    async stop() {
      stopped = true;
      runners.delete(runner);
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running.values()]);
    },
  };
}

export interface JobStatus {
  name: string;
  everyMs: number | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastOutcome: 'ok' | 'failed' | null;
  lastError: string | null;
  attempts: number;
  nextRunAt: Date | null;
  runningNow: boolean;
}

/** Every job any server has run or scheduled, with its schedule, last run and outcome (admin page). */
export async function listJobStatus(ctx: Ctx): Promise<JobStatus[]> {
  const rows = await ctx.db
    .selectFrom('jobs')
    .selectAll()
    .select(sql<boolean>`coalesce(locked_until > now(), false)`.as('running_now'))
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    everyMs: r.every_ms,
    lastStartedAt: r.last_started_at,
    lastFinishedAt: r.last_finished_at,
    lastOutcome: r.last_outcome,
    lastError: r.last_error,
    attempts: r.attempts,
    nextRunAt: r.next_run_at,
    runningNow: r.running_now,
  }));
}
