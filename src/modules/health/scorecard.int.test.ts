import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import { A3, KEC_A, makeChild, makePosyandu, measure } from './figures-test-data.ts';
import {
  BASIC_IMMUNISATIONS,
  INDICATORS,
  parseQuarter,
  quarterSpan,
  saveScorecard,
  scorecard,
} from './scorecard.ts';

let test: TestContext;
let ctx: Ctx;
type Measurement = Parameters<typeof measure>[1];

async function pregnancy(
  posyanduId: string,
  input: { checks: Array<{ on: string; iron: number; kek?: boolean }>; endedOn?: string; expected?: string },
) {
  const mother = await ctx.db
    .insertInto('health_mothers')
    .values({
      village_code: A3,
      name: 'Ibu Uji',
      resident_id: null,
      nik: null,
      family_number: null,
      birth_date: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await ctx.db
    .insertInto('health_pregnancies')
    .values({
      village_code: A3,
      mother_id: mother.id,
      posyandu_id: posyanduId,
      expected_date: input.expected ?? '2026-07-01',
      first_check_date: input.checks[0]?.on ?? null,
      ended_on: input.endedOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, c] of input.checks.entries())
    await ctx.db
      .insertInto('health_pregnancy_checks')
      .values({
        pregnancy_id: p.id,
        village_code: A3,
        checked_on: c.on,
        gestational_weeks: 12 + i * 4,
        lila_cm: c.kek ? '22.0' : '25.0',
        kek_risk: c.kek ?? false,
        iron_tablets: c.iron,
        visit_number: i + 1,
        entered_by: null,
      })
      .execute();
}

beforeAll(async () => {
  test = await createTestContext({ clock: fixedClock('2026-03-20T03:00:00Z') });
  ctx = test.ctx;
  const pos = await makePosyandu(ctx, A3);
  // four checks and 120 tablets; two checks (KEK) and 30 tablets; ended before the quarter; first check after it
  await pregnancy(pos, {
    checks: [
      { on: '2025-12-20', iron: 30 },
      { on: '2026-01-20', iron: 30 },
      { on: '2026-02-20', iron: 30 },
      { on: '2026-03-10', iron: 30 },
    ],
  });
  await pregnancy(pos, {
    checks: [
      { on: '2026-02-01', iron: 15 },
      { on: '2026-03-01', iron: 15, kek: true },
    ],
  });
  await pregnancy(pos, {
    checks: [{ on: '2025-06-01', iron: 90 }],
    endedOn: '2025-11-01',
    expected: '2025-11-05',
  });
  await pregnancy(pos, { checks: [{ on: '2026-04-10', iron: 30 }] });

  /** A child's measurement at the posyandu on `on`, `ageDays` old, with `more` of what was measured. */
  const measured = (childId: string, on: string, ageDays: number, more: Partial<Measurement> = {}) =>
    measure(ctx, { ...more, childId, villageCode: A3, posyanduId: pos, on, ageDays });
  const all = [...BASIC_IMMUNISATIONS];
  // S1: 9 months old, weighed and measured every month, every basic immunisation, stunted in March
  const s1 = await makeChild(ctx, { villageCode: A3, posyanduId: pos, birthDate: '2025-06-15' });
  await measured(s1, '2026-01-10', 209, { immunisations: all.slice(0, 6), haz: -1.5 });
  await measured(s1, '2026-02-10', 240, { immunisations: all.slice(6, 9), haz: -1.8 });
  await measured(s1, '2026-03-10', 268, { immunisations: ['CAMPAK'], haz: -2.5 });
  // S2: 11 months old, missed February, no measles shot, two heights
  const s2 = await makeChild(ctx, { villageCode: A3, posyanduId: pos, birthDate: '2025-05-01' });
  await measured(s2, '2026-01-10', 254, { immunisations: all.slice(0, 9), haz: 0 });
  await measured(s2, '2026-03-10', 313, { haz: 0 });
  // S3: born in February, weighed in February and March, height only once
  const s3 = await makeChild(ctx, { villageCode: A3, posyanduId: pos, birthDate: '2026-02-10' });
  await measured(s3, '2026-02-20', 10, { haz: 0 });
  await measured(s3, '2026-03-10', 28, { heightCm: null, haz: null });
  // S4: three years old, outside the 0–23 months target
  const s4 = await makeChild(ctx, { villageCode: A3, posyanduId: pos, birthDate: '2023-01-01' });
  await measured(s4, '2026-03-10', 1164, { haz: -3 });
}, 120_000);
afterAll(() => test.close());

async function as(role: Parameters<typeof makeStaff>[1]['role'], scope: string): Promise<Ctx> {
  return withActor(ctx, await makeStaff(ctx, { role, scope }));
}

describe('convergence scorecard', () => {
  it('lists the 19 indicators: 8 for pregnant women, 10 for children 0–23 months, 1 for PAUD', () => {
    expect(INDICATORS).toHaveLength(19);
    expect(INDICATORS.filter((i) => i.group === 'ibu_hamil')).toHaveLength(8);
    expect(INDICATORS.filter((i) => i.group === 'anak')).toHaveLength(10);
    expect(INDICATORS.filter((i) => i.group === 'paud')).toHaveLength(1);
  });

  it('spans a quarter from its first to its last day', () => {
    expect(quarterSpan({ year: 2026, quarter: 1 })).toEqual({
      start: '2026-01-01',
      end: '2026-03-31',
      yearStart: '2025-04-01',
    });
    expect(quarterSpan({ year: 2026, quarter: 4 }).end).toBe('2026-12-31');
    expect(() => parseQuarter(ctx, '2026-5')).toThrow(Invalid);
  });

  it('counts the registry indicators as the records say', async () => {
    const card = await scorecard(await as('camat', KEC_A), { village: A3 });
    expect(card.quarter).toEqual({ year: 2026, quarter: 1 });
    expect(card.targets).toEqual({ pregnant: 2, kek: 1, children: 3, atRisk: 1, infants: 2, paud: 0 });
    const line = (code: string) => card.lines.find((l) => l.code === code)!;
    expect(line('ih_periksa4')).toMatchObject({ achieved: 1, target: 2, percent: 50 });
    expect(line('ih_ttd90')).toMatchObject({ achieved: 1, target: 2, percent: 50 });
    expect(line('anak_imunisasi')).toMatchObject({ achieved: 1, target: 2, percent: 50 });
    expect(line('anak_timbang')).toMatchObject({ achieved: 2, target: 3, percent: 66.7 });
    expect(line('anak_ukur')).toMatchObject({ achieved: 2, target: 3 });
    expect(line('ih_nifas')).toMatchObject({ achieved: null, source: 'entered', percent: null });
    expect(card.mayKeep).toBe(false);
  });

  it('keeps what the village enters, refuses counts above their target field by field', async () => {
    const operator = await as('operator_desa', A3);
    const refused = await saveScorecard(operator, {
      village: A3,
      quarter: '2026-1',
      fields: { n_ih_nifas: '1', n_anak_kunjungan: '2', n_anak_akta: 'dua', n_paud: '4' },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Invalid);
    expect(Object.keys((refused as Invalid).fields).sort()).toEqual([
      'n_anak_akta',
      'n_anak_kunjungan',
      'target_paud',
    ]);

    await saveScorecard(operator, {
      village: A3,
      quarter: '2026-1',
      fields: { n_ih_nifas: '1', n_ih_kunjungan: '1', n_anak_kunjungan: '1', n_paud: '4', target_paud: '10' },
    });
    const card = await scorecard(operator, { village: A3, quarter: '2026-1' });
    expect(card.mayKeep).toBe(true);
    expect(card.lines.find((l) => l.code === 'ih_nifas')).toMatchObject({
      achieved: 1,
      target: 2,
      percent: 50,
    });
    expect(card.lines.find((l) => l.code === 'paud')).toMatchObject({ achieved: 4, target: 10, percent: 40 });
    // pregnant women: 1 + 1 + 1 + 1 received of 7 × 2 + 1 (KEK) due
    expect(card.convergence.ibu_hamil).toEqual({ received: 4, due: 15, percent: 26.7 });
    // children: 1 + 2 + 2 + 1 received of 2 (infants) + 8 × 3 + 1 (at risk) due
    expect(card.convergence.anak).toEqual({ received: 6, due: 27, percent: 22.2 });
    expect(card.convergence.total).toEqual({ received: 10, due: 42, percent: 23.8 });

    // leaving a field empty withdraws that report
    await saveScorecard(operator, { village: A3, quarter: '2026-1', fields: { n_ih_nifas: '1' } });
    const after = await scorecard(operator, { village: A3, quarter: '2026-1' });
    expect(after.lines.find((l) => l.code === 'paud')?.achieved).toBeNull();
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'health_scorecard_save')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('is filled in by the village office only, and read within scope', async () => {
    const fields = { n_ih_nifas: '1' };
    await expect(
      saveScorecard(await as('camat', KEC_A), { village: A3, quarter: '2026-1', fields }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      saveScorecard(await as('operator_desa', '36.04.05.2001'), { village: A3, quarter: '2026-1', fields }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      saveScorecard(await as('admin_kabupaten', '36.04'), { village: A3, quarter: '2026-1', fields }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(scorecard(await as('camat', '36.04.16'), { village: A3 })).rejects.toBeInstanceOf(Forbidden);
    // a kecamatan is no village: the page asks for one
    await expect(scorecard(await as('camat', KEC_A), { village: KEC_A })).rejects.toBeInstanceOf(Invalid);
  });
});
