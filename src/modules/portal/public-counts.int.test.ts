import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, withActor } from '../../platform/context.ts';
import { createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import { publicComplaintCounts, seedComplaintReference } from '../complaints/service.ts';
import { fileRoadReport } from '../complaints/test-builders.ts';
import { publicLetterCounts } from '../letters/service.ts';
import { publicPopulationCounts } from '../residents/service.ts';
import { makeResident } from '../residents/test-builders.ts';

// The anonymous counts the portal and the village home pages show, each from its module's public surface.
const KRAMATWATU = '36.04.05.2001';
const MARGASANA = '36.04.05.2002';
const KIBIN = '36.04.16.2001';
let test: TestContext;

beforeAll(async () => {
  test = await createTestContext({ clock: fixedClock('2026-12-01T02:00:00Z') });
  const { ctx } = test;
  const at = async (village: string, people: Array<{ kk: string; head: boolean }>, born: string) => {
    const operator = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: village }));
    for (const [i, person] of people.entries())
      await makeResident(operator, village, {
        // each a birth date of its own, so each a NIK of its own
        birthDate: `${born}-0${i + 1}`,
        no_kk: person.kk,
        kk_level: person.head ? '1' : '3',
      });
  };
  // Kramatwatu: three people in two families; Kibin: one person
  await at(
    KRAMATWATU,
    [
      { kk: '3604051201150001', head: true },
      { kk: '3604051201150001', head: false },
      { kk: '3604051201150002', head: true },
    ],
    '1985-03',
  );
  await at(KIBIN, [{ kk: '3604161201150001', head: true }], '1986-03');
  await seedComplaintReference(ctx);
  await fileRoadReport(ctx, { villageCode: KRAMATWATU });
  await fileRoadReport(ctx, { villageCode: KRAMATWATU });
  await fileRoadReport(ctx, { villageCode: KRAMATWATU, confidential: true });
  await fileRoadReport(ctx, { villageCode: KIBIN });
}, 120_000);
afterAll(() => test?.close());

describe('the public counts the portal shows', () => {
  it('counts people and families per village, for a village, a kecamatan or the regency', async () => {
    const { ctx } = test;
    expect(await publicPopulationCounts(ctx, KRAMATWATU)).toEqual([
      { villageCode: KRAMATWATU, population: 3, families: 2 },
    ]);
    const kecamatan = await publicPopulationCounts(ctx, '36.04.05');
    expect(kecamatan.map((c) => c.villageCode)).toEqual([KRAMATWATU]);
    const regency = await publicPopulationCounts(ctx, '36.04');
    expect(regency.find((c) => c.villageCode === KIBIN)).toEqual({
      villageCode: KIBIN,
      population: 1,
      families: 1,
    });
    expect(await publicPopulationCounts(ctx, MARGASANA)).toEqual([]);
  });

  it('counts open and finished complaints, leaving confidential ones out', async () => {
    const { ctx } = test;
    expect(await publicComplaintCounts(ctx, KRAMATWATU)).toEqual([
      { villageCode: KRAMATWATU, open: 2, finished: 0 },
    ]);
    const kecamatan = await publicComplaintCounts(ctx, '36.04.05');
    expect(kecamatan.map((c) => c.villageCode)).toEqual([KRAMATWATU]);
    const regency = await publicComplaintCounts(ctx, '36.04');
    expect(regency.map((c) => [c.villageCode, c.open]).sort()).toEqual([
      [KRAMATWATU, 2],
      [KIBIN, 1],
    ]);
  });

  it('counts no letters where none were issued this year', async () => {
    expect(await publicLetterCounts(test.ctx, '36.04')).toEqual([]);
  });
});
