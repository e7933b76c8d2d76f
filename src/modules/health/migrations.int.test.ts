import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, makeStaff, sql, type TestContext } from '../../testing.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(() => test.close());

describe('health tables', () => {
  it('keeps one measurement per child per month and refuses a month that is not the date’s', async () => {
    const { db } = test.ctx;
    const posyandu = await db
      .insertInto('health_posyandu')
      .values({ village_code: '36.04.05.2001', name: 'Melati', dusun: 'I', schedule_day: 5, address: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const child = await db
      .insertInto('health_children')
      .values({
        village_code: '36.04.05.2001',
        posyandu_id: posyandu.id,
        resident_id: null,
        name: 'Anak',
        sex: 1,
        birth_date: '2025-01-10',
        nik: null,
        family_number: null,
        mother_id: null,
        birth_weight_kg: null,
        birth_length_cm: null,
        anonymised_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = (measured_on: string, measured_month: string) => ({
      child_id: child.id,
      village_code: '36.04.05.2001',
      posyandu_id: posyandu.id,
      measured_on,
      measured_month,
      age_days: 300,
      weight_kg: '8.1',
      height_cm: 70,
      position: 'lying' as const,
      head_cm: null,
      arm_cm: null,
      oedema: false,
      vitamin_a: false,
      exclusive_breastfeeding: null,
      haz: null,
      waz: null,
      whz: null,
      height_for_age: null,
      weight_for_age: null,
      weight_for_height: null,
      weight_gain: null,
      two_t: false,
      confirmed_implausible: false,
      entered_by: null,
    });
    await db.insertInto('health_measurements').values(row('2025-11-05', '2025-11-01')).execute();
    await expect(
      db.insertInto('health_measurements').values(row('2025-11-20', '2025-11-01')).execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto('health_measurements').values(row('2025-12-20', '2025-12-02')).execute(),
    ).rejects.toThrow();
    const stored = await db
      .selectFrom('health_measurements')
      .select(['weight_kg', 'immunisations'])
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ weight_kg: '8.10', immunisations: [] });
  });

  it('accepts a kader_posyandu staff account', async () => {
    const kader = await makeStaff(test.ctx, { role: 'kader_posyandu', scope: '36.04.05.2001' });
    const row = await sql<{ role: string }>`SELECT role FROM staff_users WHERE id = ${kader.id}`.execute(
      test.ctx.db,
    );
    expect(row.rows[0]?.role).toBe('kader_posyandu');
  });
});
