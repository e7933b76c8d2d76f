import type { Writable } from 'node:stream';
import { audit } from '../../platform/audit/service.ts';
import { regionContains, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { type Cell, xlsxWriter } from '../../platform/tabular/write.ts';
import { listKecamatan, listVillages, regionExists } from '../regions/service.ts';
import { type ExportRow, exportRows } from './export-ppgbm-repo.ts';
import { defaultRegion, firstDay, parseMonth } from './figures.ts';
import { recordScope } from './policy.ts';
import './messages.ts';

/**
 * The month's measurements of a puskesmas area as a sheet the nutrition officer takes to the
 * Ministry's e-PPGBM. No public document states e-PPGBM's import template (see README): this is
 * the documented sheet of the issue — the child's identity (NIK, name, sex, birth date, KK),
 * the parent, the address (village, dusun, posyandu) and the measurement (date, weight,
 * length/height and how it was measured, LiLA, head), with the z-scores and their Permenkes
 * 2/2020 categories beside it. The kecamatan stands for the puskesmas area (Kabupaten Serang has
 * about one puskesmas per kecamatan; no public list maps villages to puskesmas).
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
  'Kecamatan (Puskesmas)',
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
 * The sheet is the region's children in full, so it is for whoever reads that region's records
 * (the module's `recordScope`): the village office its village, Dinkes and admin the regency.
 * A kader (one posyandu) and the camat (aggregates only) are refused.
 */
export function mayExportMeasurements(actor: Actor | null, region: string): boolean {
  try {
    const scope = recordScope({ actor, kaderPosyanduId: null });
    if ('posyanduId' in scope) return false;
    return scope.region === null || regionContains(scope.region, region);
  } catch (error) {
    if (error instanceof Forbidden) return false;
    throw error;
  }
}

export interface PreparedExport {
  region: string;
  month: string;
  fileName(format: ExportFormat): string;
  rows: Cell[][];
}

/**
 * The sheet's rows for a region (a kecamatan as puskesmas area, or one village) and month. It holds
 * NIK and health data, so it needs the right to see the region's records in full, and every
 * export is written to the audit log as a personal-data read.
 */
export async function prepareExport(
  ctx: Ctx,
  input: { region?: string; month?: string },
): Promise<PreparedExport> {
  const region = input.region || defaultRegion(ctx);
  const level = scopeLevel(region);
  if (!level) throw new Invalid({ wilayah: t('figures.badRegion') }, t('figures.badRegion'));
  if (!(await regionExists(ctx, region))) throw new NotFound(t('figures.unknownRegion'));
  if (!mayExportMeasurements(ctx.actor, region)) throw new Forbidden(t('health.export.notAllowed'));
  const month = parseMonth(ctx, input.month);
  const [found, kecamatan, villages] = await Promise.all([
    exportRows(ctx.db, region, firstDay(month)),
    listKecamatan(ctx),
    listVillages(ctx, level === 'regency' ? {} : { kecamatanCode: region.slice(0, 8) }),
  ]);
  const names = new Map<string, string>([
    ...kecamatan.map((k): [string, string] => [k.code, k.name]),
    ...villages.map((v): [string, string] => [v.code, v.name]),
  ]);
  await audit(ctx, {
    action: 'read_personal',
    entity: 'health_ppgbm_export',
    entityId: `${region} ${month}`,
    villageCode: level === 'village' ? region : null,
    detail: { region, month, rows: found.length },
  });
  return {
    region,
    month,
    fileName: (format) => `e-ppgbm-${region.replaceAll('.', '')}-${month}.${format}`,
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
