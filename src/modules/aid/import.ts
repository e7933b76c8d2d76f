import type { Ctx } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  abandonImport,
  createImport,
  findImport,
  type ImportDefinition,
  type ImportRecord,
  importErrorFileOf,
  listImportsOf,
  queueImport,
} from '../../platform/imports/index.ts';
import { csvFileWriter, fileKind, readRecords } from '../../platform/tabular/index.ts';
import { isCalendarDate } from '../../platform/time.ts';
import { assertMayKeepVillageAid } from './policy.ts';
import { checkNewBeneficiary, insertEntry } from './registry.ts';
import * as repo from './repo.ts';

export const IMPORT_KIND = 'aid-beneficiaries';
export const TEMPLATE_COLUMNS = ['program', 'periode', 'nik', 'no_kk', 'desil', 'tanggal_desil'] as const;
const ALIASES: Record<string, string> = {
  kode_program: 'program',
  tahun: 'periode',
  nomor_kk: 'no_kk',
  kk: 'no_kk',
};

export function templateCsv(): string {
  return [
    csvLine([...TEMPLATE_COLUMNS]),
    csvLine(['BPNT', '2026', '', '3604051201150001', '2', '2026-06-30']),
    csvLine(['PBI-JK', '2026', '3604051204900001', '', '', '']),
  ].join('');
}

/**
 * A village's beneficiary list (CSV or XLSX): one entry per row, found in the registry by NIK or
 * KK; a DTSEN decile on the row is stored on the family. A wrong row goes to the errors file with
 * its column; an entry the programme and period already list is counted unchanged.
 */
export const aidImport: ImportDefinition = {
  kind: IMPORT_KIND,
  label: 'aid.import.kind',
  page: () => '/kelola/bansos/impor',
  async run(ctx, job, file, progress) {
    const villageCode = job.regionCode;
    const rejected: Array<{ row: number; column: string; message: string }> = [];
    let inserted = 0;
    let unchanged = 0;
    let rowsTotal = 0;
    for await (const { rowNumber, record } of readRecords(file, {
      fileName: job.fileName,
      aliases: ALIASES,
    })) {
      if (rowsTotal === 0 && !('program' in record && 'periode' in record))
        throw new Invalid({ file: t('aid.import.columns', { columns: TEMPLATE_COLUMNS.join(', ') }) });
      rowsTotal++;
      const field = (k: string) => (record[k] ?? '').trim();
      const checked = await checkNewBeneficiary(ctx, {
        program: field('program'),
        periode: field('periode'),
        nik: field('nik'),
        no_kk: field('no_kk'),
        villageCode,
      });
      const decileText = field('desil');
      const decile = Number(decileText);
      if (decileText && !(Number.isInteger(decile) && decile >= 1 && decile <= 10))
        checked.errors.desil = t('aid.error.decile');
      if (decileText && !isCalendarDate(field('tanggal_desil')))
        checked.errors.tanggal_desil = t('aid.error.decileDate');
      const problems = Object.entries(checked.errors);
      if (problems.length > 0) {
        for (const [column, message] of problems) rejected.push({ row: rowNumber, column, message });
        continue;
      }
      const id = await insertEntry(ctx, villageCode, checked, field('periode'));
      if (id) inserted++;
      else unchanged++;
      if (decileText && checked.familyNumber)
        await repo.saveDecile(ctx.db, {
          familyNumber: checked.familyNumber,
          villageCode,
          decile,
          asOf: field('tanggal_desil'),
          source: 'DTSEN',
          by: null,
          at: ctx.clock.now(),
        });
      progress.report({ rowsDone: rowsTotal });
    }
    if (rowsTotal === 0) throw new Invalid({ file: t('aid.import.empty') });
    if (rejected.length > 0) {
      const writer = csvFileWriter(job.errorFile);
      await writer.row(['baris', 'kolom', 'pesan']);
      for (const r of rejected) await writer.row([r.row, r.column, r.message]);
      await writer.close();
    }
    return { inserted, updated: 0, unchanged, rejected: new Set(rejected.map((r) => r.row)).size, rowsTotal };
  },
};

function villageOf(ctx: Ctx): string {
  const actor = ctx.actor;
  const code = actor?.kind === 'staff' && actor.scope.type === 'region' ? actor.scope.code : '';
  assertMayKeepVillageAid(actor, code);
  return code;
}

export async function importPageData(ctx: Ctx) {
  const villageCode = villageOf(ctx);
  return {
    villageCode,
    imports: await listImportsOf(ctx, { kind: IMPORT_KIND, regionCode: villageCode }, 20),
  };
}

export async function createAidImport(ctx: Ctx, fileName: string) {
  const villageCode = villageOf(ctx);
  if (!fileKind(fileName)) throw new Invalid({ file: t('aid.import.fileType') });
  return createImport(ctx, { kind: IMPORT_KIND, regionCode: villageCode, fileName });
}

async function ownImport(ctx: Ctx, id: string): Promise<ImportRecord> {
  const record = await findImport(ctx, id);
  if (record.kind !== IMPORT_KIND || record.region_code !== villageOf(ctx))
    throw new NotFound(t('imports.notFound'));
  return record;
}

export async function queueAidImport(ctx: Ctx, id: string): Promise<void> {
  await ownImport(ctx, id);
  await queueImport(ctx, id);
}

export async function refuseAidImport(ctx: Ctx, id: string, message: string): Promise<void> {
  await ownImport(ctx, id);
  await abandonImport(ctx, id, message);
}

export function refuseNoFile(ctx: Ctx, message: string): never {
  villageOf(ctx);
  throw new Invalid({ file: message });
}

export async function aidImportErrors(ctx: Ctx, id: string) {
  return importErrorFileOf(ctx, await ownImport(ctx, id));
}
