import { Kysely, PostgresDialect } from 'kysely';
import type { Ctx } from '../context.ts';
import type { Database } from './database.ts';
import { type Db, postgresPool } from './index.ts';

/**
 * A PostgreSQL streaming replica (DATABASE_REPLICA_URL) that takes the reads which may lag a
 * moment behind the primary: dashboards, figures and public lists. Everything else, and every
 * page shown after one's own write, reads the primary. When the replica cannot be reached its
 * reads go to the primary, and the replica is left alone for a while before it is tried again.
 */
export interface Replica {
  db: Db;
  /** whether reads go to it now (false for `retryAfterMs` after a connection failure) */
  available(): boolean;
  markDown(): void;
  close(): Promise<void>;
}

const RETRY_AFTER_MS = 5_000;

export function openReplica(url: string, options: { retryAfterMs?: number } = {}): Replica {
  // a stopped replica must fail a read fast, not hold the page while a connection times out
  const pool = postgresPool(url, 5, 2_000);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const retryAfterMs = options.retryAfterMs ?? RETRY_AFTER_MS;
  let downUntil = 0;
  return {
    db,
    available: () => Date.now() >= downUntil,
    markDown: () => {
      downUntil = Date.now() + retryAfterMs;
    },
    close: () => db.destroy(),
  };
}

// connection refused or reset, the server shutting down or starting up, a lost connection
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);

function isConnectionFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  return /connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(
    message ?? '',
  );
}

/**
 * Runs `read` on the replica when there is one and it answers, otherwise on the primary. `read`
 * must only read (a replica refuses writes, and an audited read of personal data is a write): use
 * it for aggregates and public pages, never for a page that shows what the visitor just saved.
 */
export async function onReplica<T>(ctx: Ctx, read: (ctx: Ctx) => Promise<T>): Promise<T> {
  const replica = ctx.replica;
  if (!replica || ctx.db.isTransaction || !replica.available()) return read(ctx);
  try {
    return await read({ ...ctx, db: replica.db });
  } catch (error) {
    if (!isConnectionFailure(error)) throw error;
    replica.markDown();
    ctx.log.warn({ err: error }, 'replica unreachable: reading from the primary');
    return read(ctx);
  }
}

/** What `/readyz` says of the replica: absent (none configured), ok, or down. */
export async function replicaState(replica: Replica | undefined): Promise<'absent' | 'ok' | 'down'> {
  if (!replica) return 'absent';
  try {
    await replica.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return 'ok';
  } catch {
    replica.markDown();
    return 'down';
  }
}
