import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ResidentActor, type StaffActor, SYSTEM } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { importFileNow } from '../../platform/imports/index.ts';
import { makeStaff } from '../../platform/testing.ts';
import { makeNik } from '../residents/service.ts';
import { makeResident } from '../residents/test-builders.ts';
import { aidImport } from './import.ts';
import { addBeneficiary } from './registry.ts';
import * as repo from './repo.ts';
import { seedProgrammes } from './seed.ts';
import { fileApplication, forwardToDinsos, verifyByVillage } from './service.ts';

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

/**
 * What the authorisation matrix needs of the aid module: the resident's BLT-DD application with a
 * scanned berita acara, forwarded to Dinsos; a PKH entry of their family; an import with a bad row.
 */
export async function aidFixtures(ctx: Ctx, operator: StaffActor, resident: ResidentActor) {
  await seedProgrammes(ctx);
  const op = withActor(ctx, operator);
  const { id } = await fileApplication(op, {
    nik: resident.nik,
    program: await programmeId(ctx, 'BLT-DD'),
    alasan: 'Matriks',
  });
  await verifyByVillage(
    op,
    id,
    { tanggal_musdes: '2026-11-20', nomor_berita_acara: '1/BA/2026' },
    { filename: 'ba.png', bytes: PNG },
  );
  await forwardToDinsos(op, id);
  const beneficiaryId = await addBeneficiary(op, operator.scope.code, {
    program: await programmeId(ctx, 'PKH'),
    periode: '2026',
    no_kk: resident.familyNumber,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aid-fx-'));
  const file = path.join(dir, 'penerima.csv');
  fs.writeFileSync(file, 'program,periode,nik,no_kk\nXYZ,2026,,\n');
  const run = await importFileNow(withActor(ctx, SYSTEM), aidImport, {
    regionCode: operator.scope.code,
    file,
    errorFile: path.join(dir, 'galat.csv'),
  });
  return { applicationId: id, beneficiaryId, familyNumber: resident.familyNumber, importId: run.id };
}
