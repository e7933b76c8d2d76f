import { Kysely, PostgresDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { postgresPool } from '../../platform/db/index.ts';
import { createTestContext, type TestContext } from '../../testing.ts';
import { approveStep } from './service.ts';
import { makeVillageOffice, prepareServices, requestsAwaitingSignature } from './test-builders.ts';

const REQUESTS = 12;
const SERVERS = 3;
let test: TestContext;
let ctx: Ctx;
const servers: Array<Kysely<Database>> = [];

beforeEach(async () => {
  test = await createTestContext({ clock: fixedClock('2026-12-01T02:00:00Z') });
  ctx = test.ctx;
  await prepareServices(ctx);
});
afterEach(async () => {
  for (const db of servers.splice(0)) await db.destroy();
  await test.close();
});

describe('letter numbers under concurrent signing', () => {
  it('gives twelve letters signed at once on three app servers the numbers 001 to 012, none twice, none skipped', async () => {
    const office = await makeVillageOffice(ctx);
    const ids = await requestsAwaitingSignature(ctx, office, REQUESTS);
    // each "server" has its own connection pool against the same PostgreSQL (PGlite has one connection)
    if (test.databaseUrl)
      for (let s = 0; s < SERVERS; s++)
        servers.push(
          new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(test.databaseUrl) }) }),
        );
    const dbFor = (i: number) => servers[i % SERVERS] ?? ctx.db;
    const signer = (i: number) => (i % 2 === 0 ? office.kades : office.sekdes);
    const results = await Promise.all(
      ids.map((id, i) => approveStep({ ...withActor(ctx, signer(i)), db: dbFor(i) }, id)),
    );
    const numbers = results.map((r) => r.letterNumber ?? '');
    expect(new Set(numbers).size).toBe(REQUESTS);
    const sequences = numbers.map((n) => Number(n.split('/')[1])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: REQUESTS }, (_, i) => i + 1));
    const stored = await ctx.db.selectFrom('letter_sequences').selectAll().execute();
    expect(stored).toEqual([
      { issuer: '36.04.05.2001', year: 2026, classification_code: '300.1.4', last_number: REQUESTS },
    ]);
  });
});
