import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Actor } from './auth/roles.ts';
import type { Db } from './db/index.ts';
import type { Replica } from './db/replica.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(
  start: Date | string,
): Clock & { set(date: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(date) {
      current = new Date(date);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** Everything a service function needs, and nothing of HTTP. */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  clock: Clock;
  config: Config;
  log: Logger;
  /** client address, for the audit log */
  ip?: string | null;
  /** the streaming replica for lagging reads (`onReplica`), when DATABASE_REPLICA_URL is set */
  replica?: Replica;
}

export function withActor(ctx: Ctx, actor: Actor | null): Ctx {
  return { ...ctx, actor };
}

/**
 * Runs `work` in one transaction with a ctx whose db is that transaction, so a change of several
 * rows and its audit line are written together or not at all; inside a transaction already, it
 * joins it. `work` must use only the ctx it is given: on PGlite the one connection is held by the
 * transaction, and a query through the outer ctx would wait for it forever.
 *
 * A service function makes itself transactional with one first line that re-enters it:
 * `if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => fn(tx, a, b));`
 */
export async function inTransaction<T>(ctx: Ctx, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}
