import type { ResidentActor, StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { makeStaff } from '../../platform/testing.ts';
import { makeNik } from '../residents/service.ts';
import { makeResident } from '../residents/test-builders.ts';
import * as repo from './repo.ts';
import { seedProgrammes } from './seed.ts';

export const KRAMATWATU = '36.04.05.2001';
export const KIBIN = '36.04.16.2001';
export const FAMILY = '3604051201150001';

/** A 1×1 PNG: enough for the file check to recognise a scan. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export async function aidStaff(ctx: Ctx) {
  await seedProgrammes(ctx);
  return {
    operator: await makeStaff(ctx, { role: 'operator_desa', scope: KRAMATWATU, name: 'Operator Kramatwatu' }),
    kibin: await makeStaff(ctx, { role: 'operator_desa', scope: KIBIN }),
    camat: await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }),
    dinsos: await makeStaff(ctx, { role: 'opd', scope: 'DINSOS', name: 'Petugas Dinsos' }),
    dpupr: await makeStaff(ctx, { role: 'opd', scope: 'DPUPR' }),
  };
}

/** A registered resident of the village, and the actor they log in as. */
export async function makeApplicant(
  ctx: Ctx,
  operator: StaffActor,
  input: { name?: string; serial?: number; familyNumber?: string; relation?: string } = {},
): Promise<ResidentActor> {
  const nik = makeNik('360405', '1985-03-02', 1, input.serial ?? 7);
  const familyNumber = input.familyNumber ?? FAMILY;
  const { id } = await makeResident(withActor(ctx, operator), operator.scope.code, {
    nama: input.name ?? 'Siti Aminah',
    nik,
    no_kk: familyNumber,
    kk_level: input.relation ?? '1',
    birthDate: '1985-03-02',
  });
  return {
    kind: 'resident',
    id,
    nik,
    name: input.name ?? 'Siti Aminah',
    villageCode: operator.scope.code,
    familyNumber,
  };
}

export async function programmeId(ctx: Ctx, code: string): Promise<string> {
  const p = (await repo.programmesFor(ctx.db, null)).find((row) => row.code === code);
  if (!p) throw new Error(`no programme ${code}`);
  return p.id;
}
