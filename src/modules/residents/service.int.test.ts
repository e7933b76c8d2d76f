import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import {
  codeLabel,
  findResidentByNik,
  getResident,
  listFamilyMembers,
  seedDemoResidents,
} from './service.ts';
import { openRegistry } from './test-builders.ts';

const KRAMATWATU = '36.04.05.2001';
const MARGASANA = '36.04.05.2002';
let test: TestContext;
let ctx: Ctx;
beforeEach(async () => {
  ({ test, ctx } = await openRegistry());
});
afterEach(() => test.close());

describe('the registry read by other modules', () => {
  it('finds a seeded demo resident by NIK with every field in camelCase and the family beside them', async () => {
    const seeded = await seedDemoResidents(ctx, [KRAMATWATU], 40);
    expect(seeded).toBe(40);
    const row = await ctx.db
      .selectFrom('residents')
      .select(['nik', 'family_number'])
      .where('family_relation_code', '=', 1)
      .limit(1)
      .executeTakeFirstOrThrow();
    const resident = await findResidentByNik(ctx, row.nik);
    expect(resident?.villageCode).toBe(KRAMATWATU);
    expect(resident?.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(resident?.status).toBe('hidup');
    const family = await listFamilyMembers(ctx, row.family_number);
    expect(family[0]?.nik).toBe(row.nik);
    expect(family.every((m) => m.familyNumber === row.family_number)).toBe(true);
    expect(await findResidentByNik(ctx, '3604050000000000')).toBeNull();
  });

  it('seeds the same demo residents on every fresh database', async () => {
    await seedDemoResidents(ctx, [KRAMATWATU], 30);
    const first = await ctx.db.selectFrom('residents').select(['nik', 'name']).orderBy('nik').execute();
    const other = await createTestContext({ clock: fixedClock('2026-11-23T02:00:00Z') });
    try {
      await seedDemoResidents(other.ctx, [KRAMATWATU], 30);
      const second = await other.ctx.db
        .selectFrom('residents')
        .select(['nik', 'name'])
        .orderBy('nik')
        .execute();
      expect(second).toEqual(first);
    } finally {
      await other.close();
    }
  });

  it('shows the record in full to the village operator and writes the read to the audit log', async () => {
    await seedDemoResidents(ctx, [KRAMATWATU], 10);
    const row = await ctx.db.selectFrom('residents').select(['id', 'nik']).limit(1).executeTakeFirstOrThrow();
    const operator = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: KRAMATWATU }));
    const seen = await getResident(operator, row.id);
    expect(seen.nik).toBe(row.nik);
    const log = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'read_personal' AND entity_id = ${row.id}`.execute(
      ctx.db,
    );
    expect(log.rows[0]?.n).toBe(1);
  });

  it('masks NIK and No. KK for the camat and refuses another village operator', async () => {
    await seedDemoResidents(ctx, [KRAMATWATU], 10);
    const row = await ctx.db.selectFrom('residents').select(['id', 'nik']).limit(1).executeTakeFirstOrThrow();
    const camat = withActor(ctx, await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }));
    const seen = await getResident(camat, row.id);
    expect(seen.nik).toBe(`${row.nik.slice(0, 4)}••••••••${row.nik.slice(-4)}`);
    const other = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: MARGASANA }));
    await expect(getResident(other, row.id)).rejects.toBeInstanceOf(Forbidden);
  });

  it('labels codes from the reference lists', () => {
    expect(codeLabel('agama', 1)).toBe('ISLAM');
    expect(codeLabel('hubungan', 1)).toBe('KEPALA KELUARGA');
    expect(codeLabel('pekerjaan', 88).length).toBeGreaterThan(3);
    expect(codeLabel('pekerjaan', null)).toBe('');
  });
});
