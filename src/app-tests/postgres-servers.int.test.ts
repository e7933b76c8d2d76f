import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { seedComplaintReference } from '../modules/complaints/service.ts';
import { fileRoadReport } from '../modules/complaints/test-builders.ts';
import { SYSTEM } from '../platform/auth/roles.ts';
import { type Ctx, systemClock } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { type Db, postgresPool } from '../platform/db/index.ts';
import { openReplica, type Replica } from '../platform/db/replica.ts';
import { clusterTestsUnavailable, startPrimaryWithReplica } from '../platform/db/test-clusters.ts';
import { prepareAppDatabase, testConfig, testDatabaseKind, Visitor } from '../testing.ts';

// The app on real PostgreSQL servers that the test starts on their own ports (PostgreSQL pass
// only): reads on a streaming replica made by pg_basebackup (#17 §7, #18 §3), and the primary
// restarted under the running app (#18 §1).
const unavailable =
  testDatabaseKind() !== 'postgres' ? 'runs in the PostgreSQL pass' : clusterTestsUnavailable();

describe.skipIf(unavailable !== null)('the app on a PostgreSQL primary with a streaming replica', () => {
  let pair: Awaited<ReturnType<typeof startPrimaryWithReplica>>;
  let db: Db;
  let replica: Replica;
  let app: FastifyInstance;
  let ctx: Ctx;

  const replicaSql = async (query: string) => {
    const client = new pg.Client({ connectionString: pair.replica.url('simpul') });
    await client.connect();
    try {
      return (await client.query(query)).rows;
    } finally {
      await client.end();
    }
  };
  const publicList = async () => (await new Visitor(app).get('/pengaduan')).body;

  beforeAll(async () => {
    pair = await startPrimaryWithReplica();
    const config = testConfig({
      DATABASE_URL: pair.primary.url('simpul'),
      DATABASE_REPLICA_URL: pair.replica.url('simpul'),
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(config.databaseUrl!) }) });
    await prepareAppDatabase(db, config);
    ctx = { db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) };
    await seedComplaintReference(ctx);
    await pair.caughtUp();
    // retried at once after a failure, so the test sees the replica again as soon as it is back
    replica = openReplica(config.databaseReplicaUrl!, { retryAfterMs: 0 });
    app = await buildApp({ config, db, replica, logger: false });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await replica?.close();
    await db?.destroy();
    pair?.close();
  });

  it('serves the public complaint list from the replica, which lags while its replay is paused', async () => {
    const first = await fileRoadReport(ctx, { title: 'Jembatan gantung Kramatwatu miring' });
    await pair.caughtUp();
    expect(await publicList()).toContain(first.ticket);

    await replicaSql('SELECT pg_wal_replay_pause()');
    const second = await fileRoadReport(ctx, { title: 'Gorong-gorong tersumbat di Kramatwatu' });
    const whileSlow = await publicList();
    // the report is on the primary (its tracking page reads there) but not yet on the replica
    expect(whileSlow).toContain(first.ticket);
    expect(whileSlow).not.toContain(second.ticket);
    expect((await new Visitor(app).get(`/pengaduan/${second.ticket}`)).statusCode).toBe(200);

    await replicaSql('SELECT pg_wal_replay_resume()');
    await pair.caughtUp();
    expect(await publicList()).toContain(second.ticket);
  });

  it('refuses writes on the replica, so a write that went there would fail loudly', async () => {
    await expect(replicaSql('CREATE TABLE should_fail (id int)')).rejects.toThrow(/read-only/);
    expect(
      (await sql<{ on: boolean }>`SELECT pg_is_in_recovery() AS on`.execute(replica.db)).rows[0]?.on,
    ).toBe(true);
  });

  it('keeps answering from the primary while the replica is stopped, and /readyz says so', async () => {
    pair.replica.stop('immediate');
    try {
      const third = await fileRoadReport(ctx, { title: 'Lampu jalan padam di Kramatwatu' });
      const page = await new Visitor(app).get('/pengaduan');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(third.ticket);
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ok', replica: 'down' });
    } finally {
      pair.replica.start();
    }
    await pair.caughtUp();
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ok',
      replica: 'ok',
    });
  });

  it('reports the outage of the primary on /readyz while it lasts, and reconnects when it is back', async () => {
    const ready = async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode;
    const before = await fileRoadReport(ctx, { title: 'Drainase meluap di Kramatwatu' });
    expect(await ready()).toBe(200);
    pair.primary.stop('fast');
    try {
      expect(await ready()).toBe(503);
      // public figures go on from the replica; a page of the primary's gives an error page that
      // tells nothing of the database, and the process lives on
      expect((await new Visitor(app).get('/pengaduan/statistik')).statusCode).toBe(200);
      const tracking = await new Visitor(app).get(`/pengaduan/${before.ticket}`);
      expect(tracking.statusCode).toBeGreaterThanOrEqual(500);
      expect(tracking.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    } finally {
      pair.primary.start();
    }
    expect(await ready()).toBe(200);
    const after = await fileRoadReport(ctx, { title: 'Jalan amblas setelah hujan di Kramatwatu' });
    expect((await new Visitor(app).get(`/pengaduan/${after.ticket}`)).statusCode).toBe(200);
  });
});
