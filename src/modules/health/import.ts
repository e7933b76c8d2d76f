import { type Ctx, inTransaction } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/input.ts';
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
import { ageInDays, MAX_AGE_DAYS, type Sex } from './growth/index.ts';
import { decimalProblem, defaultPosition, type MeasurementInput, monthOf, parseDecimal } from './measure.ts';
import { assertMayRecordAt } from './policy.ts';
import * as repo from './repo.ts';
import { healthAccess, previousOf, storeMeasurement, today, toMeasurement } from './service.ts';

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
  return [
    csvLine([...TEMPLATE_COLUMNS]),
    csvLine([
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
    ]),
  ].join('');
}

interface Rejected {
  row: number;
  column: string;
  message: string;
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
export const healthImport: ImportDefinition = {
  kind: IMPORT_KIND,
  label: 'health.importKind',
  page: () => '/kelola/kesehatan/impor',
  async run(ctx, job, file, progress) {
    const posyanduId = String(job.options.posyanduId ?? '');
    const posyandu = isUuid(posyanduId) ? await repo.posyanduById(ctx.db, posyanduId) : undefined;
    if (!posyandu) throw new Invalid({ file: t('health.error.notFound') });
    const rejected: Rejected[] = [];
    let inserted = 0;
    let updated = 0;
    let rowsTotal = 0;
    const now = today(ctx);
    for await (const { rowNumber, record } of readRecords(file, {
      fileName: job.fileName,
      aliases: ALIASES,
    })) {
      if (rowsTotal === 0 && !('tanggal_ukur' in record && 'berat_kg' in record))
        throw new Invalid({ file: t('health.error.columns', { columns: TEMPLATE_COLUMNS.join(', ') }) });
      rowsTotal++;
      const before = rejected.length;
      const problem = (column: string, message: string) => rejected.push({ row: rowNumber, column, message });
      const day = (record.tanggal_ukur ?? '').trim();
      if (!isCalendarDate(day) || day > now) problem('tanggal_ukur', t('health.error.date'));
      const child = await findChild(ctx, posyandu.id, record);
      if (!child) problem('nik', t('health.error.childNotFound'));
      if (rejected.length > before || !child) continue;
      const ageDays = ageInDays(child.birth_date, day);
      if (ageDays < 0 || ageDays > MAX_AGE_DAYS) {
        problem('tanggal_ukur', t('health.error.ageOutOfRange'));
        continue;
      }
      const input = readMeasurement(record, ageDays, problem);
      if (rejected.length > before) continue;
      const result = await inTransaction(ctx, async (tx) => {
        const around = await repo.measurementsAround(tx.db, [child.id], monthOf(day));
        const previous = around.previous.get(child.id);
        return storeMeasurement(
          tx,
          {
            childId: child.id,
            villageCode: child.village_code,
            posyanduId: posyandu.id,
            sex: child.sex as Sex,
            ageDays,
            day,
          },
          input,
          previousOf(previous ? toMeasurement(previous) : null),
          false,
        );
      });
      if (result.inserted) inserted++;
      else updated++;
      progress.report({ rowsDone: rowsTotal });
    }
    if (rowsTotal === 0) throw new Invalid({ file: t('health.error.emptyFile') });
    const rows = new Set(rejected.map((r) => r.row)).size;
    if (rejected.length > 0) {
      const writer = csvFileWriter(job.errorFile);
      await writer.row(['baris', 'kolom', 'pesan']);
      for (const r of rejected) await writer.row([r.row, r.column, r.message]);
      await writer.close();
    }
    return { inserted, updated, unchanged: 0, rejected: rows, rowsTotal };
  },
};

async function posyanduForImport(ctx: Ctx, posyanduId: string) {
  const row = isUuid(posyanduId) ? await repo.posyanduById(ctx.db, posyanduId) : undefined;
  if (!row) throw new NotFound(t('health.error.notFound'));
  const posyandu = { id: row.id, villageCode: row.village_code, name: row.name };
  assertMayRecordAt(await healthAccess(ctx), posyandu);
  return posyandu;
}

export async function importPageData(ctx: Ctx, posyanduId: string) {
  const posyandu = await posyanduForImport(ctx, posyanduId);
  const imports = (
    await listImportsOf(ctx, { kind: IMPORT_KIND, regionCode: posyandu.villageCode }, 20)
  ).filter((r) => r.options.posyanduId === posyandu.id);
  return { posyandu, imports };
}

export async function createHealthImport(ctx: Ctx, posyanduId: string, fileName: string) {
  const posyandu = await posyanduForImport(ctx, posyanduId);
  if (!fileKind(fileName)) throw new Invalid({ file: t('health.error.fileType') });
  return createImport(ctx, {
    kind: IMPORT_KIND,
    regionCode: posyandu.villageCode,
    fileName,
    options: { posyanduId: posyandu.id },
  });
}

async function ownImport(ctx: Ctx, id: string): Promise<ImportRecord> {
  const record = await findImport(ctx, id);
  if (record.kind !== IMPORT_KIND) throw new NotFound(t('imports.notFound'));
  await posyanduForImport(ctx, String(record.options.posyanduId ?? ''));
  return record;
}

export async function queueHealthImport(ctx: Ctx, id: string): Promise<void> {
  await ownImport(ctx, id);
  await queueImport(ctx, id);
}

export async function refuseHealthImport(ctx: Ctx, id: string, message: string): Promise<void> {
  await ownImport(ctx, id);
  await abandonImport(ctx, id, message);
}

/** A form sent without a usable file: the recorder's mistake, or Forbidden to anyone else. */
export async function refuseNoFile(ctx: Ctx, posyanduId: string, message: string): Promise<never> {
  await posyanduForImport(ctx, posyanduId);
  throw new Invalid({ file: message });
}

export async function healthImportErrors(ctx: Ctx, id: string) {
  return importErrorFileOf(ctx, await ownImport(ctx, id));
}
