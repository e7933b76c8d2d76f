import type { Ctx } from '../../platform/context.ts';
import './schema.ts';

/**
 * Direct inserts of posyandu, children and measurements with known z-scores, for the figures,
 * scorecard and export tests (the z-scores are given, not computed: these tests are about counting).
 */

export const A1 = '36.04.05.2001';
export const A2 = '36.04.05.2002';
export const A3 = '36.04.05.2003';
export const KEC_A = '36.04.05';
export const B1 = '36.04.16.2001';
export const KEC_B = '36.04.16';

export async function makePosyandu(ctx: Ctx, villageCode: string, name = 'Posyandu Mawar'): Promise<string> {
  const row = await ctx.db
    .insertInto('health_posyandu')
    .values({ village_code: villageCode, name, dusun: 'Dusun I', schedule_day: 10, address: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let nikCounter = 0;

export async function makeChild(
  ctx: Ctx,
  input: {
    villageCode: string;
    posyanduId: string;
    birthDate: string;
    sex?: 1 | 2;
    active?: boolean;
    name?: string;
  },
): Promise<string> {
  nikCounter++;
  const row = await ctx.db
    .insertInto('health_children')
    .values({
      village_code: input.villageCode,
      posyandu_id: input.posyanduId,
      name: input.name ?? `Anak Uji ${nikCounter}`,
      sex: input.sex ?? 1,
      birth_date: input.birthDate,
      nik: `360405${String(100000 + nikCounter).padStart(10, '0')}`,
      family_number: null,
      resident_id: null,
      mother_id: null,
      birth_weight_kg: null,
      birth_length_cm: null,
      anonymised_at: null,
      active: input.active ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface Measured {
  haz: number | null;
  waz: number | null;
  whz: number | null;
  flags?: string[];
  /** flagged by an import and not confirmed yet */
  unconfirmed?: boolean;
}

export async function measure(
  ctx: Ctx,
  input: {
    childId: string;
    villageCode: string;
    posyanduId: string;
    on: string;
    ageDays: number;
    weightKg?: number | null;
    heightCm?: number | null;
    immunisations?: string[];
  } & Partial<Measured>,
): Promise<void> {
  await ctx.db
    .insertInto('health_measurements')
    .values({
      child_id: input.childId,
      village_code: input.villageCode,
      posyandu_id: input.posyanduId,
      measured_on: input.on,
      measured_month: `${input.on.slice(0, 7)}-01`,
      age_days: input.ageDays,
      weight_kg: input.weightKg === undefined ? 9.5 : input.weightKg,
      height_cm: input.heightCm === undefined ? 75.2 : input.heightCm,
      position: 'lying',
      head_cm: null,
      arm_cm: null,
      oedema: false,
      immunisations: input.immunisations ?? [],
      vitamin_a: false,
      exclusive_breastfeeding: null,
      haz: input.haz ?? null,
      waz: input.waz ?? null,
      whz: input.whz ?? null,
      height_for_age: input.haz != null && input.haz < -2 ? 'pendek' : 'normal',
      weight_for_age: 'normal',
      weight_for_height: 'gizi_baik',
      weight_gain: 'baru',
      two_t: false,
      flags: input.flags ?? [],
      confirmed_implausible: (input.flags ?? []).length > 0 && !input.unconfirmed,
      entered_by: null,
    })
    .execute();
}

/** One child of the known data set: where, and what its March 2026 measurement says (null: not measured). */
export interface KnownChild {
  village: string;
  march: Measured | null;
  february?: Measured;
  active?: boolean;
  /** over five: born 2020, so neither registered nor counted among under-fives */
  overFive?: boolean;
}

/**
 * March 2026: A1 has 8 registered children under five (6 measured in March, one only in February,
 * one never) plus an inactive child and a child over five; A2 has 2, B1 has 2 (one measurement
 * flagged by an import and not confirmed yet, so not counted). Counted by hand:
 * kecamatan A — registered 10, measured 8, stunted 3 of 6, wasted 3 of 7, underweight 3 of 7.
 */
export const KNOWN: KnownChild[] = [
  { village: A1, march: { haz: -2.5, waz: -2.2, whz: -0.5 } },
  { village: A1, march: { haz: -3.1, waz: -1.0, whz: -2.4 } },
  { village: A1, march: { haz: -1.0, waz: -0.5, whz: 0.2 } },
  { village: A1, march: { haz: 0.5, waz: 0.1, whz: -2.05 } },
  { village: A1, march: { haz: -6.5, waz: -2.5, whz: 1.0, flags: ['haz_implausible'] } },
  { village: A1, march: { haz: null, waz: -1.0, whz: null } },
  { village: A1, march: null },
  { village: A1, march: null, february: { haz: -2.5, waz: -1.0, whz: -1.0 } },
  { village: A1, march: null, active: false },
  { village: A1, march: { haz: -3.0, waz: -3.0, whz: -3.0 }, overFive: true },
  { village: A2, march: { haz: -2.01, waz: -2.01, whz: -2.01 } },
  { village: A2, march: { haz: -1.99, waz: 5.5, whz: -1.99, flags: ['waz_implausible'] } },
  { village: B1, march: { haz: -3.0, waz: -3.0, whz: -3.0 } },
  { village: B1, march: { haz: -3.5, waz: -3.5, whz: -3.5, flags: ['weight_change'], unconfirmed: true } },
];

/** Inserts the known data set; returns each village's posyandu id. */
export async function insertKnown(ctx: Ctx): Promise<Record<string, string>> {
  const posyandu: Record<string, string> = {};
  for (const village of [A1, A2, B1]) posyandu[village] = await makePosyandu(ctx, village);
  for (const child of KNOWN) {
    const posyanduId = posyandu[child.village]!;
    const birthDate = child.overFive ? '2020-01-01' : '2024-09-01';
    const id = await makeChild(ctx, {
      villageCode: child.village,
      posyanduId,
      birthDate,
      active: child.active,
    });
    const ageOn = (date: string) => Math.round((Date.parse(date) - Date.parse(birthDate)) / 86_400_000);
    if (child.march)
      await measure(ctx, {
        childId: id,
        villageCode: child.village,
        posyanduId,
        on: '2026-03-10',
        ageDays: ageOn('2026-03-10'),
        ...child.march,
      });
    if (child.february)
      await measure(ctx, {
        childId: id,
        villageCode: child.village,
        posyanduId,
        on: '2026-02-10',
        ageDays: ageOn('2026-02-10'),
        ...child.february,
      });
  }
  return posyandu;
}

/** A CSV answer (BOM first, no quoted commas in these sheets) as rows of cells. */
export function csvRows(body: string): string[][] {
  return body
    .replace(/^\ufeff/, '')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}
