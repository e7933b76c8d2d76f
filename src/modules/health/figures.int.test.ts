import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { readFigures } from '../../platform/figures/index.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import { figuresPage, healthFigures, publicCount, publicVillageFigures, trend } from './figures.ts';
import { A1, A2, B1, insertKnown, KEC_A, KEC_B, KNOWN, type Measured } from './figures-test-data.ts';

let test: TestContext;
let ctx: Ctx;
beforeAll(async () => {
  // 15 March 2026, 05:00 WIB; the figures count March
  test = await createTestContext({ clock: fixedClock('2026-03-14T22:00:00Z') });
  ctx = test.ctx;
  await insertKnown(ctx);
}, 120_000);
afterAll(() => test.close());

async function as(role: Parameters<typeof makeStaff>[1]['role'], scope: string): Promise<Ctx> {
  return withActor(ctx, await makeStaff(ctx, { role, scope }));
}

/** The same counts, made in JavaScript from the data set itself. */
function directCount(inRegion: (village: string) => boolean) {
  const march = KNOWN.filter(
    (c) => inRegion(c.village) && c.march && !c.overFive && !c.march.unconfirmed,
  ).map((c) => c.march as Measured);
  const valid = (z: 'haz' | 'waz' | 'whz') =>
    march.filter((m) => m[z] !== null && !(m.flags ?? []).includes(`${z}_implausible`));
  const below = (z: 'haz' | 'waz' | 'whz') => valid(z).filter((m) => (m[z] as number) < -2).length;
  return {
    registered: KNOWN.filter((c) => inRegion(c.village) && c.active !== false && !c.overFive).length,
    measured: march.length,
    stunting: { count: below('haz'), assessed: valid('haz').length },
    wasting: { count: below('whz'), assessed: valid('whz').length },
    underweight: { count: below('waz'), assessed: valid('waz').length },
  };
}

describe('stunting figures', () => {
  it('counts a kecamatan as the data set counted by hand, implausible z-scores left out', async () => {
    const page = await figuresPage(await as('camat', KEC_A), { region: KEC_A });
    expect(page.month).toBe('2026-03');
    expect(page.summary).toEqual({
      registered: 10,
      measured: 8,
      coverage: 80,
      stunting: { count: 3, assessed: 6, percent: 50 },
      wasting: { count: 3, assessed: 7, percent: 42.9 },
      underweight: { count: 3, assessed: 7, percent: 42.9 },
    });
    const direct = directCount((v) => v.startsWith(`${KEC_A}.`));
    expect(page.summary).toMatchObject(direct);
  });

  it('breaks the regency down by kecamatan and a kecamatan by village, every village listed', async () => {
    const admin = await as('admin_kabupaten', '36.04');
    const regency = await figuresPage(admin, { region: '36.04', month: '2026-03' });
    expect(regency.rowsAre).toBe('kecamatan');
    expect(regency.summary).toMatchObject(directCount(() => true));
    expect(regency.rows.length).toBe(29);
    const kecB = regency.rows.find((r) => r.key === KEC_B)!;
    expect(kecB.stunting).toEqual({ count: 1, assessed: 1, percent: 100 });
    expect(regency.rows.filter((r) => r.measured === 0)).toHaveLength(27);

    const kecamatan = await figuresPage(admin, { region: KEC_A, month: '2026-03' });
    expect(kecamatan.rowsAre).toBe('village');
    const a1 = kecamatan.rows.find((r) => r.key === A1)!;
    expect(a1).toMatchObject(directCount((v) => v === A1));
    expect([a1.registered, a1.measured]).toEqual([8, 6]);
    expect(kecamatan.rows.find((r) => r.key === A2)!.underweight).toEqual({
      count: 1,
      assessed: 1,
      percent: 100,
    });
    const untouched = kecamatan.rows.find((r) => r.key !== A1 && r.key !== A2)!;
    expect(untouched).toMatchObject({
      measured: 0,
      coverage: null,
      stunting: { count: 0, assessed: 0, percent: null },
    });

    const village = await figuresPage(admin, { region: A1, month: '2026-03' });
    expect(village.rowsAre).toBe('posyandu');
    expect(village.rows).toHaveLength(1);
    expect(village.rows[0]).toMatchObject({ name: 'Posyandu Mawar', measured: 6, region: null });
  });

  it('gives the 12 months up to the chosen one, a month nobody was measured as nulls', async () => {
    const points = await trend(ctx, A1, '2026-03');
    expect(points.map((p) => p.month)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(points[10]).toEqual({
      month: '2026-02',
      measured: 1,
      stunted: 1,
      wasted: 0,
      underweight: 0,
      stuntingPercent: 100,
      wastingPercent: 0,
      underweightPercent: 0,
    });
    expect(points[11]).toMatchObject({ measured: 6, stunted: 2, stuntingPercent: 50 });
    expect(points[0]).toMatchObject({ measured: 0, stuntingPercent: null });
  });

  it('refuses a camat another kecamatan, a village office the kecamatan, and a kader everything', async () => {
    await expect(figuresPage(await as('camat', KEC_B), { region: KEC_A })).rejects.toBeInstanceOf(Forbidden);
    await expect(figuresPage(await as('operator_desa', A1), { region: KEC_A })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(figuresPage(await as('kader_posyandu', A1), { region: A1 })).rejects.toBeInstanceOf(
      Forbidden,
    );
    const own = await figuresPage(await as('operator_desa', A1), {});
    expect(own.region).toBe(A1);
    const dinkes = await figuresPage(
      withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DINKES' })),
      {},
    );
    expect(dinkes.region).toBe('36.04');
  });

  it('publishes this month with the count behind every percentage through the figures extension point', async () => {
    const result = await readFigures(
      await as('camat', KEC_A),
      [{ name: 'health', figures: healthFigures }],
      KEC_A,
    );
    const value = (name: string) => result.figures.find((f) => f.name === `health.${name}`)?.value;
    expect(value('childrenUnderFive')).toBe(10);
    expect(value('measuredThisMonth')).toBe(8);
    expect(value('coverage')).toBe(80);
    expect([value('stunted'), value('heightAssessed'), value('stuntingPercent')]).toEqual([3, 6, 50]);
    expect([value('wasted'), value('weightForHeightAssessed'), value('wastingPercent')]).toEqual([
      3, 7, 42.9,
    ]);
    expect([value('underweight'), value('weightForAgeAssessed'), value('underweightPercent')]).toEqual([
      3, 7, 42.9,
    ]);
    // a second read on the same context counts again (nothing kept from the first)
    await ctx.db.deleteFrom('health_measurements').where('village_code', '=', A2).execute();
    const again = await readFigures(
      await as('camat', KEC_A),
      [{ name: 'health', figures: healthFigures }],
      KEC_A,
    );
    expect(again.figures.find((f) => f.name === 'health.measuredThisMonth')?.value).toBe(6);
  });
});

describe('public children’s health figures', () => {
  it('writes counts from 1 to 4 as "< 5" and keeps 0 and 5 or more', () => {
    expect([0, 1, 4, 5, 1234].map(publicCount)).toEqual(['0', '< 5', '< 5', '5', '1.234']);
  });

  it('shows a small village "< 5" and no percentage that would give the count away', async () => {
    const figures = await publicVillageFigures(withActor(ctx, null), B1);
    expect(figures).toEqual({
      month: '2026-03',
      measured: '< 5',
      registered: '< 5',
      stunting: { count: '< 5', percent: null },
      wasting: { count: '< 5', percent: null },
      underweight: { count: '< 5', percent: null },
    });
    const a1 = await publicVillageFigures(withActor(ctx, null), A1);
    expect(a1.measured).toBe('6');
    expect(a1.registered).toBe('8');
  });
});
