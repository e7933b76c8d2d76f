import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role, StaffActor } from '../../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../../platform/context.ts';
import { makeStaff } from '../../../platform/testing.ts';
import { type UploadFields, type UploadResult, uploadDocuments } from './service.ts';

export const KRAMATWATU = '36.04.05.2001';
export const KIBIN = '36.04.16.2001';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A PDF with a text layer: Perdes 5/2019 on cleaning the irrigation channels ("dibersihkan"). */
export const textPdf = (): Buffer => fs.readFileSync(path.join(fixtures, 'perdes-irigasi.pdf'));
/** A scanned decree (JPEG, no text layer): the village hall "telah diperbaiki". */
export const scanJpeg = (): Buffer => fs.readFileSync(path.join(fixtures, 'sk-balai-desa.jpg'));

export function makeVillageStaff(ctx: Ctx, role: Role, village = KRAMATWATU): Promise<StaffActor> {
  return makeStaff(ctx, { role, scope: village, name: `${role} ${village}` });
}

/** A small PDF of its own (distinct bytes each time), for documents whose content does not matter. */
export function tinyPdf(words: string): Buffer {
  const body = `BT /F1 12 Tf 72 720 Td (${words}) Tj ET`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n` +
      `4 0 obj<</Length ${body.length}>>stream\n${body}\nendstream endobj\n` +
      `5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** Files one document as `actor` and returns its id. */
export async function fileDocument(
  ctx: Ctx,
  actor: StaffActor,
  fields: UploadFields & { bytes?: Buffer; filename?: string },
): Promise<string> {
  const { bytes, filename, ...rest } = fields;
  const [result] = await uploadDocuments(withActor(ctx, actor), {
    fields: { date: '2019-03-01', category: 'perdes', ...rest },
    files: [
      {
        filename: filename ?? 'dokumen.pdf',
        bytes: bytes ?? tinyPdf(`Dokumen arsip desa nomor ${Math.random()}`),
      },
    ],
  });
  return savedId(result);
}

export function savedId(result: UploadResult | undefined): string {
  if (result?.outcome !== 'saved') throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result.id;
}
