import type { Ctx } from '../../platform/context.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import type { OneUpload } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  createSheetImport,
  findImport,
  type ImportRecord,
  listImportsOf,
  ownImportActions,
  type RowOutcome,
  sheetImport,
  sheetTemplate,
} from '../../platform/imports/index.ts';
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
  return sheetTemplate(TEMPLATE_COLUMNS, [
    ['BPNT', '2026', '', '3604051201150001', '2', '2026-06-30'],
    ['PBI-JK', '2026', '3604051204900001', '', '', ''],
  ]);
}

/**
 * A village's beneficiary list (CSV or XLSX): one entry per row, found in the registry by NIK or
 * KK; a DTSEN decile on the row is stored on the family. A wrong row goes to the errors file with
 * its column; an entry the programme and period already list is counted unchanged.
 */
export const aidImport = sheetImport({
  kind: IMPORT_KIND,
  label: 'aid.import.kind',
  page: () => '/kelola/bansos/impor',
  format: {
    columns: TEMPLATE_COLUMNS,
    required: ['program', 'periode'],
    aliases: ALIASES,
    messages: { columns: 'aid.import.columns', empty: 'aid.import.empty' },
  },
  rows: (ctx, job) => (row) => saveBeneficiaryRow(ctx, job.regionCode, row.record),
});

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
  return createSheetImport(
    ctx,
    { kind: IMPORT_KIND, regionCode: villageOf(ctx), fileName },
    'aid.import.fileType',
  );
}

async function ownImport(ctx: Ctx, id: string): Promise<ImportRecord> {
  const record = await findImport(ctx, id, IMPORT_KIND);
  if (record.region_code !== villageOf(ctx)) throw new NotFound(t('imports.notFound'));
  return record;
}

const actions = ownImportActions(ownImport);
export const aidImportErrors = actions.errorFile;

/** The upload form's file queued, or the form refused (the operator's mistake, or Forbidden to anyone else). */
export function takeAidUpload(ctx: Ctx, upload: OneUpload<{ id: string }>) {
  return actions.takeUpload(ctx, upload, () => villageOf(ctx), t('aid.import.noFile'));
}
