import type { ResidentActor, StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { makeStaff } from '../../platform/testing.ts';
import * as repo from './repo.ts';
import { createPosyandu, registerChild } from './service.ts';

export const KRAMATWATU = '36.04.05.2001';
export const KIBIN = '36.04.16.2001';

export function makeOperator(ctx: Ctx, village = KRAMATWATU): Promise<StaffActor> {
  return makeStaff(ctx, { role: 'operator_desa', scope: village, name: `Operator ${village}` });
}

export async function makePosyandu(ctx: Ctx, operator: StaffActor, name = 'Melati') {
  return createPosyandu(withActor(ctx, operator), operator.scope.code, {
    nama: name,
    dusun: 'I',
    jadwal: '5',
  });
}

/** A kader account linked to the posyandu. */
export async function makeKader(
  ctx: Ctx,
  posyandu: { id: string; villageCode: string },
): Promise<StaffActor> {
  const kader = await makeStaff(ctx, { role: 'kader_posyandu', scope: posyandu.villageCode, name: 'Kader' });
  await repo.linkKader(ctx.db, {
    userId: kader.id,
    posyanduId: posyandu.id,
    villageCode: posyandu.villageCode,
  });
  return kader;
}

export async function makeChild(
  ctx: Ctx,
  operator: StaffActor,
  posyanduId: string,
  form: { nama: string; jenis_kelamin?: string; tanggal_lahir: string; no_kk?: string },
) {
  return registerChild(withActor(ctx, operator), posyanduId, { jenis_kelamin: '1', ...form });
}

export function parentActor(
  familyNumber: string,
  id = '00000000-0000-4000-8000-00000000aaaa',
): ResidentActor {
  return {
    kind: 'resident',
    id,
    nik: '3604051004900001',
    name: 'Ibu',
    villageCode: KRAMATWATU,
    familyNumber,
  };
}
