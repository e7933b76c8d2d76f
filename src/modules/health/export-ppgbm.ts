import type { Writable } from 'node:stream';
import { audit } from '../../platform/audit/service.ts';
import { scopeLevel } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import { homeRegion } from '../../platform/figures/index.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { type Cell, xlsxWriter } from '../../platform/tabular/write.ts';
import { listKecamatan, listVillages, regionExists } from '../regions/service.ts';
import { type ExportRow, exportRows } from './export-ppgbm-repo.ts';
import { firstDay, parseMonth } from './figures.ts';
import { mayReadRecordsOf, type RecordArea } from './policy.ts';
import { puskesmasArea } from './puskesmas.ts';
import { healthAccess } from './service.ts';
import './messages.ts';

/**
 * The month's measurements of a puskesmas area as a sheet the nutrition officer takes to the
 * Ministry's e-PPGBM. No public document states e-PPGBM's import template (see README): this is
 * the documented sheet of the issue — the child's identity (NIK, name, sex, birth date, KK),
 * the parent, the address (village, dusun, posyandu) and the measurement (date, weight,
 * length/height and how it was measured, LiLA, head), with the z-scores and their Permenkes
 * 2/2020 categories beside it. A sheet covers a puskesmas area (`health_puskesmas_villages`), a
 * kecamatan or a village; the puskesmas column names the puskesmas whose area holds the village.
 */
export const EXPORT_COLUMNS = [
  'No',
  'NIK',
  'No KK',
  'Nama Anak',
  'Jenis Kelamin',
  'Tanggal Lahir',
  'Nama Orang Tua',
  'NIK Orang Tua',
  'Kecamatan',
  'Puskesmas',
  'Kode Desa',
  'Desa',
  'Dusun',
  'Posyandu',
  'Tanggal Ukur',
  'Usia (bulan)',
  'Berat (kg)',
  'Tinggi/Panjang (cm)',
  'Cara Ukur',
  'LiLA (cm)',
  'Lingkar Kepala (cm)',
  'ZS BB/U',
  'ZS TB/U',
  'ZS BB/TB',
  'Status BB/U',
  'Status TB/U',
  'Status BB/TB',
  'Naik Berat Badan',
  'Vitamin A',
  'ASI Eksklusif',
  'Imunisasi',
  'Catatan',
] as const;

export type ExportFormat = 'xlsx' | 'csv';

function number(value: string | null): number | null {
  return value === null ? null : Number(value);
}

function yesNo(value: boolean | null): string {
  return value === null ? '' : value ? 'Ya' : 'Tidak';
}

/** Age in completed months, as e-PPGBM and the KMS count it (30.4375 days a month). */
export function ageMonths(ageDays: number): number {
  return Math.floor(ageDays / 30.4375);
}

function label(prefix: string, value: string | null): string {
  return value ? t(`${prefix}.${value}`) : '';
}

function toCells(row: ExportRow, n: number, names: Map<string, string>): Cell[] {
  return [
    n,
    row.nik,
    row.family_number,
    row.name,
    row.sex === 1 ? 'L' : 'P',
    row.birth_date,
    row.mother_name,
    row.mother_nik,
    names.get(row.village_code.slice(0, 8)) ?? row.village_code.slice(0, 8),
    row.puskesmas ?? '',
    row.village_code,
    names.get(row.village_code) ?? row.village_code,
    row.dusun,
    row.posyandu,
    row.measured_on,
    ageMonths(row.age_days),
    number(row.weight_kg),
    number(row.height_cm),
    row.position === 'lying' ? 'Terlentang' : row.position === 'standing' ? 'Berdiri' : '',
    number(row.arm_cm),
    number(row.head_cm),
    number(row.waz),
    number(row.haz),
    number(row.whz),
    label('health.growth.wfa', row.weight_for_age),
    label('health.growth.hfa', row.height_for_age),
    label('health.growth.wfh', row.weight_for_height),
    label('health.growth.gain', row.weight_gain),
    yesNo(row.vitamin_a),
    yesNo(row.exclusive_breastfeeding),
    row.immunisations.join(' '),
    row.flags.length === 0
      ? ''
      : t(row.confirmed_implausible ? 'health.export.flagged' : 'health.export.unconfirmed'),
  ];
}

/**
 * The sheet is the area's children in full, so it is for whoever reads that area's records
 * (the module's `mayReadRecordsOf`): the village office its village, an assigned Dinkes officer
 * their puskesmas area or one of its villages, other Dinkes officers and admin anything. A kader
 * (one posyandu) and the camat (aggregates only) are refused.
 */
export async function mayExportMeasurements(ctx: Ctx, area: RecordArea): Promise<boolean> {
  return mayReadRecordsOf(await healthAccess(ctx), area);
}

export interface PreparedExport {
  region: string;
  month: string;
  fileName(format: ExportFormat): string;
  rows: Cell[][];
}

export type ExportInput = { region?: string; puskesmas?: string; month?: string };

/** What the sheet covers: the puskesmas area when one is named, else the region (default: the actor's). */
/** The puskesmas a request names; with no area named, an assigned officer's own puskesmas. */
export async function chosenPuskesmas(ctx: Ctx, input: ExportInput): Promise<string | null> {
  if (input.puskesmas) return input.puskesmas;
  if (input.region) return null;
  return (await healthAccess(ctx)).area?.code ?? null;
}

async function exportArea(ctx: Ctx, input: ExportInput) {
  const code = await chosenPuskesmas(ctx, input);
  if (code) {
    const area = await puskesmasArea(ctx, code);
    return { area: { puskesmas: area } as RecordArea, key: area.code, villages: area.villages, level: null };
  }
  const region = input.region || homeRegion(ctx);
  const level = scopeLevel(region);
  if (!level) throw new Invalid({ wilayah: t('figures.badRegion') }, t('figures.badRegion'));
  if (!(await regionExists(ctx, region))) throw new NotFound(t('figures.unknownRegion'));
  return { area: { region } as RecordArea, key: region, villages: null, level };
}

/**
 * The sheet's rows for a puskesmas area, a kecamatan or a village, and a month. It holds NIK and
 * health data, so it needs the right to see the area's records in full, and every export is
 * written to the audit log as a personal-data read.
 */
export async function prepareExport(ctx: Ctx, input: ExportInput): Promise<PreparedExport> {
  const target = await exportArea(ctx, input);
  if (!(await mayExportMeasurements(ctx, target.area))) throw new Forbidden(t('health.export.notAllowed'));
  const month = parseMonth(ctx, input.month);
  const filter = target.villages ? { villages: target.villages } : { region: target.key };
  const [found, kecamatan, villages] = await Promise.all([
    exportRows(ctx.db, filter, firstDay(month)),
    listKecamatan(ctx),
    listVillages(
      ctx,
      target.level === 'village' || target.level === 'kecamatan'
        ? { kecamatanCode: target.key.slice(0, 8) }
        : {},
    ),
  ]);
  const names = new Map<string, string>([
    ...kecamatan.map((k): [string, string] => [k.code, k.name]),
    ...villages.map((v): [string, string] => [v.code, v.name]),
  ]);
  await audit(ctx, {
    action: 'read_personal',
    entity: 'health_ppgbm_export',
    entityId: `${target.key} ${month}`,
    villageCode: target.level === 'village' ? target.key : null,
    detail: {
      ...('puskesmas' in target.area ? { puskesmas: target.key } : { region: target.key }),
      month,
      rows: found.length,
    },
  });
  return {
    region: target.key,
    month,
    fileName: (format) => `e-ppgbm-${target.key.replaceAll('.', '')}-${month}.${format}`,
    rows: found.map((row, i) => toCells(row, i + 1, names)),
  };
}

/** Writes the prepared sheet (header first) as XLSX or CSV to a stream (an HTTP reply). */
export async function writeExport(
  prepared: PreparedExport,
  format: ExportFormat,
  out: Writable,
): Promise<void> {
  if (format === 'xlsx') {
    const writer = await xlsxWriter(out, 'e-PPGBM');
    await writer.row([...EXPORT_COLUMNS]);
    for (const row of prepared.rows) await writer.row(row);
    await writer.close();
    return;
  }
  out.write('\ufeff');
  out.write(csvLine([...EXPORT_COLUMNS]));
  for (const row of prepared.rows) out.write(csvLine(row));
  out.end();
}
