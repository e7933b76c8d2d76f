import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing.ts';

let t: TestApp | null = null;
afterEach(async () => {
  // closing the database a second time is a no-op: Kysely keeps the first destroy
  await t?.close();
  t = null;
});

describe('readiness', () => {
  it('answers 503 unavailable without the database’s own error when the database is gone', async () => {
    t = await buildTestApp();
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);
    await t.ctx.db.destroy();
    const response = await t.app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable' });
  });
});
