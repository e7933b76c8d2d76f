import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Actor } from './auth/roles.ts';
import type { Db } from './db/index.ts';

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
}

export function withActor(ctx: Ctx, actor: Actor | null): Ctx {
  return { ...ctx, actor };
}
