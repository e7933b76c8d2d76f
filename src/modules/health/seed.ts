import { SYSTEM } from '../../platform/auth/roles.ts';
import { createStaffUser, findStaffByEmail } from '../../platform/auth/users.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import type { DemoLogin } from '../../platform/module.ts';
import { addDays } from '../../platform/time.ts';
import { ageInDays, type Sex } from './growth/index.ts';
import { type MeasurementInput, monthOf } from './measure.ts';
import * as repo from './repo.ts';
import { reindexHealth } from './search.ts';
import { storeHistory, today } from './service.ts';

/** The demo staff password (as src/setup.ts prints it for every demo login). */
const DEMO_PASSWORD = 'simpul-demo-2026';
export const DEMO_KADER_EMAIL = 'kader.kramatwatu@demo.simpul.id';

const NAMES = [
  'Aditya',
  'Bunga',
  'Cahya',
  'Dewi',
  'Fajar',
  'Gita',
  'Hafiz',
  'Intan',
  'Jaka',
  'Kirana',
  'Lutfi',
  'Mawar',
  'Naufal',
  'Nur',
  'Putra',
  'Qonita',
  'Rizky',
  'Salsa',
  'Tegar',
  'Ulfa',
  'Wahyu',
  'Yasmin',
  'Zaki',
  'Alya',
  'Bima',
  'Citra',
  'Dimas',
  'Elok',
  'Farhan',
  'Hana',
];
const FAMILY = ['Pratama', 'Lestari', 'Saputra', 'Wulandari', 'Hidayat', 'Rahmawati'];

/** A small deterministic generator (no Math.random: the demo is the same on every machine). */
export function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Rough WHO medians (both sexes) by age in months: enough to draw plausible demo children. */
export function medianWeight(months: number): number {
  return months <= 12 ? 3.3 + 0.62 * months - 0.014 * months ** 2 : 9.6 + 0.2 * (months - 12);
}
export function medianHeight(months: number): number {
  return months <= 12
    ? 50 + 2.4 * months - 0.06 * months ** 2
    : 75.2 + 0.9 * (months - 12) - 0.004 * (months - 12) ** 2;
}

/**
 * Two posyandu in the first demo village, thirty children with 6–12 monthly measurements each: most
 * grow normally, a few are short for their age (stunted) and two are thin (wasted); the kader of the
 * first posyandu can log in.
 */
export async function seedDemoHealth(ctx: Ctx, villageCode: string): Promise<DemoLogin[]> {
  const system = withActor(ctx, SYSTEM);
  const existing = await repo.listPosyandu(ctx.db, { region: villageCode }, monthOf(today(ctx)));
  if (existing.length > 0) return [];
  const posyandu = [
    await repo.insertPosyandu(ctx.db, {
      village_code: villageCode,
      name: 'Posyandu Melati',
      dusun: 'Dusun I',
      schedule_day: 5,
      address: 'Balai RW 01',
    }),
    await repo.insertPosyandu(ctx.db, {
      village_code: villageCode,
      name: 'Posyandu Mawar',
      dusun: 'Dusun II',
      schedule_day: 12,
      address: 'Rumah Ibu Ketua RT 03',
    }),
  ];
  const familyNumber = (
    await ctx.db
      .selectFrom('residents')
      .select('family_number')
      .where('village_code', '=', villageCode)
      .where('family_relation_code', '=', 1)
      .where('birth_date', '<', '1995-01-01')
      .orderBy('nik')
      .executeTakeFirst()
  )?.family_number;
  const random = generator(140);
  const now = today(ctx);
  for (let i = 0; i < NAMES.length; i++) {
    const site = posyandu[i % 2];
    if (!site) continue;
    const sex: Sex = i % 2 === 0 ? 1 : 2;
    const ageMonths = 7 + Math.floor(random() * 48);
    const birth = addDays(now, -Math.round(ageMonths * 30.4375 + random() * 20));
    const child = await repo.insertChild(ctx.db, {
      village_code: villageCode,
      posyandu_id: site.id,
      resident_id: null,
      name: `${NAMES[i]} ${FAMILY[i % FAMILY.length]}`,
      sex,
      birth_date: birth,
      nik: null,
      // the demo resident's family: a parent who logs in sees this child
      family_number: i === 0 ? (familyNumber ?? null) : null,
      mother_id: null,
      birth_weight_kg: null,
      birth_length_cm: null,
      anonymised_at: null,
    });
    const stunted = i % 7 === 3;
    const wasted = i === 5 || i === 18;
    const heightFactor = stunted ? 0.89 : 0.97 + random() * 0.06;
    const weightFactor = (wasted ? 0.78 : 0.92 + random() * 0.14) * (stunted ? 0.9 : 1);
    const visits = 6 + Math.floor(random() * 7);
    const history: Parameters<typeof storeHistory>[2] = [];
    for (let v = visits; v >= 1; v--) {
      const day = addDays(now, -Math.round((v - 1) * 30.4375) - Math.floor(random() * 3));
      const ageDays = ageInDays(birth, day);
      if (ageDays < 30) continue;
      const months = ageDays / 30.4375;
      const input: MeasurementInput = {
        weightKg: Math.round(medianWeight(months) * weightFactor * 10) / 10,
        heightCm: Math.round(medianHeight(months) * heightFactor * 10) / 10,
        position: ageDays < 731 ? 'lying' : 'standing',
        headCm: null,
        armCm: null,
        oedema: false,
        vitaminA: day.slice(5, 7) === '02' || day.slice(5, 7) === '08',
        exclusiveBreastfeeding: null,
        immunisations: [],
      };
      history.push({ ageDays, day, input });
    }
    await storeHistory(system, { childId: child.id, villageCode, posyanduId: site.id, sex }, history);
  }
  await reindexHealth(system, villageCode);
  const first = posyandu[0];
  if (!first) return [];
  const kader =
    (await findStaffByEmail(system, DEMO_KADER_EMAIL)) ??
    (await createStaffUser(system, {
      email: DEMO_KADER_EMAIL,
      name: 'Kader Posyandu Melati (demo)',
      role: 'kader_posyandu',
      scope: villageCode,
      password: DEMO_PASSWORD,
    }));
  await repo.linkKader(ctx.db, { userId: kader.id, posyanduId: first.id, villageCode });
  return [
    {
      role: 'kader_posyandu',
      login: DEMO_KADER_EMAIL,
      secret: DEMO_PASSWORD,
      scope: `${villageCode} · Posyandu Melati`,
    },
  ];
}
