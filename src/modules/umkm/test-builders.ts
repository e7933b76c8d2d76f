import type { ResidentActor, StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { makeStaff } from '../../platform/testing.ts';
import { makeNik } from '../residents/service.ts';
import { makeResident } from '../residents/test-builders.ts';
import { createEnterprise } from './service.ts';

export const KRAMATWATU = '36.04.05.2001';
export const MARGASANA = '36.04.05.2002';
export const KIBIN = '36.04.16.2001';

export function makeOperator(ctx: Ctx, village = KRAMATWATU): Promise<StaffActor> {
  return makeStaff(ctx, { role: 'operator_desa', scope: village, name: `Operator ${village}` });
}

/** A resident of the village in its registry; their NIK is made from the serial. */
export async function makeOwner(ctx: Ctx, operator: StaffActor, serial = 1, name = 'Siti Aminah') {
  const nik = makeNik(operator.scope.code.replaceAll('.', '').slice(0, 6), '1985-03-12', 2, serial);
  const familyNumber = `${nik.slice(0, 6)}120115${String(serial).padStart(4, '0')}`;
  const saved = await makeResident(withActor(ctx, operator), operator.scope.code, {
    nik,
    nama: name,
    sex: 2,
    birthDate: '1985-03-12',
    no_kk: familyNumber,
  });
  return { id: saved.id, nik, name: name.toUpperCase(), familyNumber };
}

export function residentActorOf(
  owner: { id: string; nik: string; name: string; familyNumber: string },
  village = KRAMATWATU,
): ResidentActor {
  return {
    kind: 'resident',
    id: owner.id,
    nik: owner.nik,
    name: owner.name,
    villageCode: village,
    familyNumber: owner.familyNumber,
  };
}

/** The form of one enterprise; override what the test is about. */
export function enterpriseForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    nama: 'Emping Melinjo Bu Siti',
    sektor: 'C',
    kbli: '10794',
    produk: 'Emping melinjo, keripik pisang',
    omzet: 'sd300jt',
    pekerja_laki: '1',
    pekerja_perempuan: '3',
    dusun: 'Krajan',
    alamat: 'Kp. Krajan RT 002/001 No. 7',
    telepon: '0812 3456 7890',
    tampilkan: '1',
    ...overrides,
  };
}

export function makeEnterprise(
  ctx: Ctx,
  operator: StaffActor,
  owner: { nik: string },
  overrides: Record<string, string> = {},
) {
  return createEnterprise(withActor(ctx, operator), operator.scope.code, {
    nik_pemilik: owner.nik,
    ...enterpriseForm(overrides),
  });
}
