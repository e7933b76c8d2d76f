import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  createSheetImport,
  findImport,
  type ImportRecord,
  listImportsOf,
  ownImportActions,
  type RowOutcome,
  type SheetRow,
  sheetImport,
  sheetTemplate,
} from '../../platform/imports/index.ts';
import { isCalendarDate } from '../../platform/time.ts';
import { ageInDays, MAX_AGE_DAYS, type Sex } from './growth/index.ts';
import { decimalProblem, defaultPosition, type MeasurementInput, monthOf, parseDecimal } from './measure.ts';
import * as repo from './repo.ts';
import { posyanduToRecord, previousOf, storeMeasurement, today, toMeasurement } from './service.ts';

export const IMPORT_KIND = 'health-measurements';

/** The sheet's columns, in the template's order (README "Import"). */
export const TEMPLATE_COLUMNS = [
  'nik',
  'nama',
  'tanggal_lahir',
  'tanggal_ukur',
  'berat_kg',
  'tinggi_cm',
  'cara_ukur',
  'lingkar_kepala_cm',
  'lila_cm',
  'vitamin_a',
  'asi_eksklusif',
  'imunisasi',
] as const;

const ALIASES: Record<string, string> = {
  nama_anak: 'nama',
  tgl_lahir: 'tanggal_lahir',
  tanggal_pengukuran: 'tanggal_ukur',
  tgl_ukur: 'tanggal_ukur',
  bb: 'berat_kg',
  berat: 'berat_kg',
  tb: 'tinggi_cm',
  pb_tb: 'tinggi_cm',
  tinggi: 'tinggi_cm',
  posisi: 'cara_ukur',
  lk: 'lingkar_kepala_cm',
  lila: 'lila_cm',
};

export function templateCsv(): string {
  return sheetTemplate(TEMPLATE_COLUMNS, [
    [
      '3604051234560001',
      'Contoh Anak',
      '2025-03-14',
      '2026-11-05',
      '8,4',
      '71,5',
      'berbaring',
      '44',
      '14',
      'tidak',
      'ya',
      'DPT3',
    ],
  ]);
}

const yes = (v: string) => ['ya', 'y', '1', 'true'].includes(v.trim().toLowerCase());

function readMeasurement(
  record: Record<string, string>,
  ageDays: number,
  problems: (column: string, message: string) => void,
): MeasurementInput {
  const read = (column: string, min: number, max: number) => {
    const value = parseDecimal(record[column]);
    const problem = decimalProblem(value, min, max);
    if (problem) problems(column, problem);
    return value;
  };
  const weightKg = read('berat_kg', 0.5, 40);
  const heightCm = read('tinggi_cm', 35, 130);
  const way = (record.cara_ukur ?? '').trim().toLowerCase();
  const position =
    way.startsWith('ber') && way.includes('diri')
      ? 'standing'
      : way.startsWith('ber') || way === 'terlentang'
        ? 'lying'
        : defaultPosition(ageDays);
  if (weightKg === null && heightCm === null) problems('berat_kg', t('health.error.noValues'));
  const asi = (record.asi_eksklusif ?? '').trim();
  return {
    weightKg,
    heightCm,
    position: heightCm === null ? null : position,
    headCm: read('lingkar_kepala_cm', 25, 60),
    armCm: read('lila_cm', 5, 30),
    oedema: false,
    vitaminA: yes(record.vitamin_a ?? ''),
    exclusiveBreastfeeding: asi === '' ? null : yes(asi),
    immunisations: (record.imunisasi ?? '')
      .toUpperCase()
      .split(/[\s,;]+/)
      .filter((c) => /^[A-Z0-9-]{2,12}$/.test(c)),
  };
}

async function findChild(ctx: Ctx, posyanduId: string, record: Record<string, string>) {
  const nik = (record.nik ?? '').trim();
  if (nik) {
    const child = await repo.childByNik(ctx.db, nik);
    return child && child.posyandu_id === posyanduId ? child : null;
  }
  const matches = await repo.childByNameAndBirth(
    ctx.db,
    posyanduId,
    record.nama ?? '',
    (record.tanggal_lahir ?? '').trim(),
  );
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

/**
 * A month's sheet of one posyandu. Children are found by NIK, or by name and birth date within the
 * posyandu. A row with a bad value is rejected (errors file); an implausible one is stored with its
 * flags and waits for a person's confirmation on the session form (it is counted as waiting in the
 * work queue, and the figures leave it out until then).
 */
export const healthImport = sheetImport({
  kind: IMPORT_KIND,
  label: 'health.importKind',
  page: () => '/kelola/kesehatan/impor',
  format: {
    columns: TEMPLATE_COLUMNS,
    required: ['tanggal_ukur', 'berat_kg'],
    aliases: ALIASES,
    messages: { columns: 'health.error.columns', empty: 'health.error.emptyFile' },
  },
  async rows(ctx, job) {
    const posyanduId = String(job.options.posyanduId ?? '');
    const posyandu = isUuid(posyanduId) ? await repo.posyanduById(ctx.db, posyanduId) : undefined;
    if (!posyandu) throw new Invalid({ file: t('health.error.notFound') });
    const now = today(ctx);
    return (row) => saveMeasurementRow(ctx, posyandu.id, now, row);
  },
});

async function saveMeasurementRow(
  ctx: Ctx,
  posyanduId: string,
  now: string,
  { record, reject }: SheetRow,
): Promise<RowOutcome | undefined> {
  let rejected = false;
  const problem = (column: string, message: string) => {
    rejected = true;
    reject(column, message);
  };
  const day = (record.tanggal_ukur ?? '').trim();
  if (!isCalendarDate(day) || day > now) problem('tanggal_ukur', t('health.error.date'));
  const child = await findChild(ctx, posyanduId, record);
  if (!child) problem('nik', t('health.error.childNotFound'));
  if (rejected || !child) return undefined;
  const ageDays = ageInDays(child.birth_date, day);
  if (ageDays < 0 || ageDays > MAX_AGE_DAYS) {
    problem('tanggal_ukur', t('health.error.ageOutOfRange'));
    return undefined;
  }
  const input = readMeasurement(record, ageDays, problem);
  if (rejected) return undefined;
  const result = await inTransaction(ctx, async (tx) => {
    const around = await repo.measurementsAround(tx.db, [child.id], monthOf(day));
    const previous = around.previous.get(child.id);
    return storeMeasurement(
      tx,
      {
        childId: child.id,
        villageCode: child.village_code,
        posyanduId,
        sex: child.sex as Sex,
        ageDays,
        day,
      },
      input,
      previousOf(previous ? toMeasurement(previous) : null),
      false,
    );
  });
  return result.inserted ? 'inserted' : 'updated';
}

export async function importPageData(ctx: Ctx, posyanduId: string) {
  const posyandu = await posyanduToRecord(ctx, posyanduId);
  const imports = (
    await listImportsOf(ctx, { kind: IMPORT_KIND, regionCode: posyandu.villageCode }, 20)
  ).filter((r) => r.options.posyanduId === posyandu.id);
  return { posyandu, imports };
}

export async function createHealthImport(ctx: Ctx, posyanduId: string, fileName: string) {
  const posyandu = await posyanduToRecord(ctx, posyanduId);
  return createSheetImport(
    ctx,
    { kind: IMPORT_KIND, regionCode: posyandu.villageCode, fileName, options: { posyanduId: posyandu.id } },
    'health.error.fileType',
  );
}

async function ownImport(ctx: Ctx, id: string): Promise<ImportRecord> {
  const record = await findImport(ctx, id, IMPORT_KIND);
  await posyanduToRecord(ctx, String(record.options.posyanduId ?? ''));
  return record;
}

const actions = ownImportActions(ownImport);
export const queueHealthImport = actions.queue;
export const refuseHealthImport = actions.refuse;
export const healthImportErrors = actions.errorFile;

/** A form sent without a usable file: the recorder's mistake, or Forbidden to anyone else. */
export async function refuseNoFile(ctx: Ctx, posyanduId: string, message: string): Promise<never> {
  await posyanduToRecord(ctx, posyanduId);
  throw new Invalid({ file: message });
}
