// The work crash-child.ts does before it is killed, kept apart so a test can do the same work in a
// clean database and compare.
import fs from 'node:fs';
import { fileDocument, makeVillageStaff, tinyPdf } from '../modules/archive/documents/test-builders.ts';
import { createHealthImport, queueHealthImport } from '../modules/health/import.ts';
import { makeChild, makeOperator, makePosyandu } from '../modules/health/test-builders.ts';
import {
  makeVillageOffice,
  prepareServices,
  requestsAwaitingSignature,
} from '../modules/services/test-builders.ts';
import type { StaffActor } from '../platform/auth/roles.ts';
import { type Ctx, withActor } from '../platform/context.ts';

/** COUNT letter requests passed by the operator, waiting for the kepala desa's signature. */
export async function lettersAwaitingSignature(
  ctx: Ctx,
  count: number,
): Promise<{ kades: StaffActor; ids: string[] }> {
  await prepareServices(ctx);
  const office = await makeVillageOffice(ctx);
  const ids = await requestsAwaitingSignature(ctx, office, count);
  return { kades: office.kades, ids };
}

/** A posyandu (named NAME) with COUNT children and a queued import of their November sheet. */
export async function posyanduSheetQueued(
  ctx: Ctx,
  count: number,
  name = 'Melati',
): Promise<{ jobId: string }> {
  const operator = await makeOperator(ctx);
  const posyandu = await makePosyandu(ctx, operator, name);
  const lines = ['NIK;Nama;Tanggal Lahir;Tanggal Ukur;Berat KG;Tinggi CM;Cara Ukur'];
  for (let i = 0; i < count; i++) {
    const born = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
    const name = `Anak Uji ${String(i).padStart(3, '0')}`;
    await makeChild(ctx, operator, posyandu.id, {
      nama: name,
      tanggal_lahir: born,
      jenis_kelamin: String(1 + (i % 2)),
    });
    lines.push(
      `;${name};${born};2026-11-18;${(9 + (i % 30) / 10).toFixed(1).replace('.', ',')};${(76 + (i % 90) / 10).toFixed(1).replace('.', ',')};berdiri`,
    );
  }
  const as = withActor(ctx, operator);
  const job = await createHealthImport(as, posyandu.id, 'november.csv');
  fs.writeFileSync(job.uploadPath, lines.join('\n'));
  await queueHealthImport(as, job.id);
  return { jobId: job.id };
}

/** The scan of the i-th old decree an operator files, the same bytes each time it is asked for. */
export function decreeScan(i: number): { filename: string; bytes: Buffer } {
  return {
    filename: `sk-kepala-desa-${i}.pdf`,
    bytes: tinyPdf(`Keputusan Kepala Desa nomor ${i} tahun 2019`),
  };
}

/** Files the decrees `from`..`to` (exclusive) one after the other, telling `onFiled` after each. */
export async function fileDecrees(
  ctx: Ctx,
  operator: StaffActor,
  range: { from: number; to: number },
  onFiled: (i: number) => void = () => {},
): Promise<void> {
  for (let i = range.from; i < range.to; i++) {
    await fileDocument(ctx, operator, {
      title: `SK Kepala Desa ${i}`,
      category: 'sk_kades',
      ...decreeScan(i),
    });
    onFiled(i);
  }
}

export function archiveOperator(ctx: Ctx): Promise<StaffActor> {
  return makeVillageStaff(ctx, 'operator_desa');
}
