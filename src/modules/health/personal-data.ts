import type { Ctx } from '../../platform/context.ts';
import type { ErasureOutcome, PersonalDataProvider } from '../../platform/personal-data/index.ts';
import * as repo from './repo.ts';
import { indexChildren } from './search.ts';

/**
 * A child's health record (the NIK is the child's) and a mother's pregnancies (the NIK is hers).
 * Erasure anonymises: the name, NIK, family card and registry link go; the measurements and checks
 * stay without identity, because the village's stunting figures and the national e-PPGBM counts
 * are made of them and anonymous data is no personal data (UU 27/2022).
 */
export const healthPersonalData: PersonalDataProvider = {
  label: 'health.personal.label',
  async export(ctx: Ctx, nik: string) {
    const children = await repo.childrenByNik(ctx.db, nik);
    const mothers = await repo.mothersByNik(ctx.db, nik);
    if (children.length === 0 && mothers.length === 0) return null;
    const childData = await Promise.all(
      children.map(async (c) => ({
        name: c.name,
        sex: c.sex,
        birthDate: c.birth_date,
        villageCode: c.village_code,
        measurements: (await repo.historyOf(ctx.db, c.id)).map((m) => ({
          measuredOn: m.measured_on,
          weightKg: m.weight_kg,
          heightCm: m.height_cm,
          position: m.position,
          headCm: m.head_cm,
          armCm: m.arm_cm,
          haz: m.haz,
          waz: m.waz,
          whz: m.whz,
          weightGain: m.weight_gain,
          vitaminA: m.vitamin_a,
          immunisations: m.immunisations,
        })),
      })),
    );
    const pregnancies = [];
    for (const mother of mothers)
      for (const g of await repo.pregnanciesOfMother(ctx.db, mother.id))
        pregnancies.push({
          expectedDate: g.expected_date,
          checks: (await repo.checksOf(ctx.db, g.id)).map((k) => ({
            checkedOn: k.checked_on,
            gestationalWeeks: k.gestational_weeks,
            lilaCm: k.lila_cm,
            kekRisk: k.kek_risk,
            ironTablets: k.iron_tablets,
          })),
        });
    return {
      data: { children: childData, pregnancies },
      records: [
        ...children.map((c) => ({ entity: 'health_child', id: c.id })),
        ...mothers.map((m) => ({ entity: 'health_mother', id: m.id })),
      ],
    };
  },
  async erase(ctx: Ctx, nik: string): Promise<ErasureOutcome> {
    const now = ctx.clock.now();
    const children = await repo.childrenByNik(ctx.db, nik);
    const mothers = await repo.mothersByNik(ctx.db, nik);
    let measurements = 0;
    for (const c of children) {
      measurements += (await repo.historyOf(ctx.db, c.id)).length;
      await repo.anonymiseChild(ctx.db, c.id, now);
    }
    // the mothers' children lose her name in their search text; the erased children their document
    const paired = await repo.childIdsOfMothers(
      ctx.db,
      mothers.map((m) => m.id),
    );
    for (const m of mothers) await repo.anonymiseMother(ctx.db, m.id, now);
    await indexChildren(ctx, [...children.map((c) => c.id), ...paired]);
    const anonymised = [];
    if (children.length > 0) anonymised.push({ what: 'health.personal.children', count: children.length });
    if (mothers.length > 0) anonymised.push({ what: 'health.personal.mothers', count: mothers.length });
    return {
      erased: [],
      anonymised,
      kept:
        measurements > 0
          ? [{ what: 'health.personal.measurements', count: measurements, why: 'health.personal.whyFigures' }]
          : [],
    };
  },
};
