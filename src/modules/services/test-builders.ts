import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import { residentActor } from '../../platform/auth/resident-login.ts';
import type { ResidentActor, StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { makeStaff, type TestContext } from '../../platform/testing.ts';
import { seedClassificationCodes } from '../archive/service.ts';
import { findResidentByNik, makeNik } from '../residents/service.ts';
import { KRAMATWATU, makeResident } from '../residents/test-builders.ts';
import { approveStep, type RequestInput, seedCatalog, startRequest } from './service.ts';

export { KIBIN, KRAMATWATU } from '../residents/test-builders.ts';

/** The catalog and the classification scheme, as a fresh installation has them. */
export async function prepareServices(ctx: Ctx): Promise<void> {
  await seedClassificationCodes(ctx);
  await seedCatalog(ctx);
}

export interface VillageOffice {
  operator: StaffActor;
  kades: StaffActor;
  sekdes: StaffActor;
}

export async function makeVillageOffice(ctx: Ctx, village = KRAMATWATU): Promise<VillageOffice> {
  return {
    operator: await makeStaff(ctx, { role: 'operator_desa', scope: village, name: 'Operator Uji' }),
    kades: await makeStaff(ctx, { role: 'kepala_desa', scope: village, name: 'H. Kepala Uji' }),
    sekdes: await makeStaff(ctx, { role: 'sekretaris_desa', scope: village, name: 'Sekretaris Uji' }),
  };
}

/**
 * What the service tests start from, in the app or database being opened: the catalog, Kramatwatu's
 * village office and one resident of the village who applies.
 */
export async function openServiceDesk<T extends TestContext>(
  opening: Promise<T>,
): Promise<{ test: T; ctx: Ctx; office: VillageOffice; applicant: ResidentActor }> {
  const test = await opening;
  await prepareServices(test.ctx);
  const office = await makeVillageOffice(test.ctx);
  const applicant = await makeApplicant(test.ctx, office.operator);
  return { test, ctx: test.ctx, office, applicant };
}

let serial = 0;

/** A resident of the village, registered by its operator; returned as the actor who logs in. */
export async function makeApplicant(
  ctx: Ctx,
  operator: StaffActor,
  overrides: { nama?: string; no_kk?: string; birthDate?: string; sex?: 1 | 2; alamat?: string } = {},
): Promise<ResidentActor> {
  serial++;
  const village = operator.scope.code;
  const birthDate = overrides.birthDate ?? '1990-04-12';
  const nik = makeNik(village.replaceAll('.', '').slice(0, 6), birthDate, overrides.sex ?? 2, 100 + serial);
  await makeResident(withActor(ctx, operator), village, {
    nama: `SITI AMINAH ${serial}`,
    no_kk: `${village.replaceAll('.', '').slice(0, 6)}1201150${String(serial).padStart(3, '0')}`,
    sex: 2,
    ...overrides,
    birthDate,
    nik,
  });
  const resident = await findResidentByNik(ctx, nik);
  if (!resident) throw new Error('applicant was not created');
  return residentActor(resident);
}

export async function samplePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 40, channels: 3, background: '#88aacc' } })
    .jpeg()
    .toBuffer();
}

export async function requestInput(
  values: Record<string, string>,
  options: { submit?: boolean; attachments?: string[]; phone?: string } = {},
): Promise<RequestInput> {
  const photo = await samplePhoto();
  return {
    values,
    files: (options.attachments ?? []).map((field) => ({ field, filename: `${field}.jpg`, bytes: photo })),
    submit: options.submit ?? true,
    contactPhone: options.phone ?? '',
    contactChannel: 'whatsapp',
  };
}

/** The text of a PDF as pdftotext (poppler-utils) reads it. */
export function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-letter-')), 'surat.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** COUNT SKCK cover-letter requests of new applicants, passed by the operator: waiting for the signature. */
export async function requestsAwaitingSignature(
  ctx: Ctx,
  office: VillageOffice,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const applicant = await makeApplicant(ctx, office.operator);
    const outcome = await startRequest(
      withActor(ctx, applicant),
      'pengantar-skck',
      await requestInput({ keperluan: `Melamar kerja ${i}` }, { attachments: ['foto_ktp'] }),
    );
    await approveStep(withActor(ctx, office.operator), outcome.id);
    ids.push(outcome.id);
  }
  return ids;
}

// The letter requests and village desks that the tests of the queues, the dashboards and the
// letters set up alike.

/** A village office and one resident of the village who applies, registered by its operator. */
export interface Desk {
  office: VillageOffice;
  applicant: ResidentActor;
}

/** A desk in each of `villages`, made in that order. */
export async function villageDesks(ctx: Ctx, villages: readonly string[]): Promise<Record<string, Desk>> {
  const desks: Record<string, Desk> = {};
  for (const village of villages) {
    const office = await makeVillageOffice(ctx, village);
    desks[village] = { office, applicant: await makeApplicant(ctx, office.operator) };
  }
  return desks;
}

/** A certificate of domicile filed by `applicant` with both attachments: its id, at the operator's check. */
export async function fileDomicileRequest(ctx: Ctx, applicant: ResidentActor): Promise<string> {
  const outcome = await startRequest(
    withActor(ctx, applicant),
    'keterangan-domisili',
    await requestInput({ keperluan: 'Membuka rekening bank' }, { attachments: ['foto_ktp', 'pengantar_rt'] }),
  );
  expect(outcome.problems).toEqual({});
  return outcome.id;
}

/**
 * A certificate of domicile filed at the desk now, checked by the operator at once and signed by the
 * kepala desa `days` later (the clock is moved on that far): its id.
 */
export async function signedAfter(
  ctx: Ctx,
  clock: { advance(ms: number): void },
  desk: Desk,
  days: number,
): Promise<string> {
  const id = await fileDomicileRequest(ctx, desk.applicant);
  await approveStep(withActor(ctx, desk.office.operator), id);
  clock.advance(days * 86_400_000);
  await approveStep(withActor(ctx, desk.office.kades), id);
  return id;
}
