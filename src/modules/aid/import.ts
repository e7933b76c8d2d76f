import type { Ctx } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  createImport,
  findImport,
  type ImportDefinition,
  type ImportRecord,
  importSheet,
  listImportsOf,
  ownImportActions,
  type RowOutcome,
  type SheetFormat,
} from '../../platform/imports/index.ts';
import { fileKind } from '../../platform/tabular/index.ts';
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
  run: (ctx, job, file, progress) =>
    importSheet(job, file, progress, SHEET, ({ record }) => saveBeneficiaryRow(ctx, job.regionCode, record)),
};

const SHEET: SheetFormat = {
  columns: TEMPLATE_COLUMNS,
  required: ['program', 'periode'],
  aliases: ALIASES,
  messages: { columns: 'aid.import.columns', empty: 'aid.import.empty' },
};

async function saveBeneficiaryRow(
  ctx: Ctx,
  villageCode: string,
  record: Record<string, string>,
): Promise<RowOutcome> {
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
  if (Object.keys(checked.errors).length > 0) throw new Invalid(checked.errors);
  const id = await insertEntry(ctx, villageCode, checked, field('periode'));
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
  return id ? 'inserted' : 'unchanged';
}

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

const actions = ownImportActions(ownImport);
export const aidImportErrors = actions.errorFile;

/** The upload form's file queued, or the form refused (the operator's mistake, or Forbidden to anyone else). */
export function takeAidUpload(ctx: Ctx, upload: { job: { id: string } | null; problem: string | null }) {
  const refuseNoFile = (message: string): never => {
    villageOf(ctx);
    throw new Invalid({ file: message });
  };
  return actions.takeUpload(ctx, upload, refuseNoFile, t('aid.import.noFile'));
}
