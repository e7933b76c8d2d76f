import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { runImportNow } from '../../platform/imports/index.ts';
import { makeStaff } from '../../platform/testing.ts';
import { apbdesImport, createBudgetImport, getBudgetImport } from './service.ts';

export const KRAMATWATU = '36.04.05.2001';
export const MARGASANA = '36.04.05.2002';
export const KIBIN = '36.04.16.2001';
export const YEAR = 2026;

export function makeOperator(ctx: Ctx, village = KRAMATWATU): Promise<StaffActor> {
  return makeStaff(ctx, { role: 'operator_desa', scope: village, name: 'Operator APBDes' });
}

export function tempFile(name: string, content?: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-apbdes-'));
  const file = path.join(dir, name);
  if (content !== undefined) fs.writeFileSync(file, content);
  return file;
}

/** A CSV of the template's columns, `;`-separated as Indonesian Excel writes it. */
export function budgetCsv(rows: Array<[string, string, string, string?, string?]>): string {
  const header = 'kode;uraian;anggaran;realisasi_semester_1;realisasi_semester_2';
  return `${[header, ...rows.map((r) => [r[0], r[1], r[2], r[3] ?? '', r[4] ?? ''].join(';'))].join('\n')}\n`;
}

/** Records an import as the operator would, puts the file in place and runs it here and now. */
export async function importBudgetFile(
  ctx: Ctx,
  operator: StaffActor,
  input: { villageCode?: string; year?: number; fileName: string; content: string | Buffer },
) {
  const as = withActor(ctx, operator);
  const job = await createBudgetImport(as, {
    villageCode: input.villageCode ?? KRAMATWATU,
    year: input.year ?? YEAR,
    fileName: input.fileName,
  });
  fs.writeFileSync(job.uploadPath, input.content);
  await runImportNow(ctx, [apbdesImport], job.id);
  return getBudgetImport(as, job.id);
}
