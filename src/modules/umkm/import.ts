import { type Ctx, inTransaction } from '../../platform/context.ts';
import type { OneUpload } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  createSheetImport,
  findImport,
  type ImportRecord,
  listImportsOf,
  ownImportActions,
  sheetImport,
  sheetTemplate,
} from '../../platform/imports/index.ts';
import { FIELD_NAMES } from './form.ts';
import { assertMayKeep, keptVillage } from './policy.ts';
import { saveImportedRow } from './service.ts';

export const IMPORT_KIND = 'umkm-enterprises';

/** The sheet's columns, in the template's order (README "Impor"). */
export const TEMPLATE_COLUMNS = [
  'nik_pemilik',
  'nama_pemilik',
  'alasan_bukan_warga',
  ...FIELD_NAMES,
] as const;

const ALIASES: Record<string, string> = {
  nik: 'nik_pemilik',
  pemilik: 'nama_pemilik',
  nama_usaha: 'nama',
  kategori_kbli: 'sektor',
  kode_kbli: 'kbli',
  produk_utama: 'produk',
  bentuk_usaha: 'bentuk',
  status_kelembagaan: 'kelembagaan',
  tenaga_kerja_laki_laki: 'pekerja_laki',
  tenaga_kerja_perempuan: 'pekerja_perempuan',
  omzet_tahunan: 'omzet',
  no_hp: 'telepon',
  whatsapp: 'telepon',
  latitude: 'lat',
  longitude: 'lng',
};

export function templateCsv(): string {
  return sheetTemplate(TEMPLATE_COLUMNS, [
    [
      '',
      'Siti Aminah',
      'Pemilik tinggal di desa tetangga',
      'Keripik Emping Bu Siti',
      'C',
      '10794',
      'Emping melinjo, keripik pisang',
      '',
      'P-IRT 2063604010123-27',
      '',
      '',
      'tanpa_badan_hukum',
      'perorangan',
      '1',
      '3',
      'sd300jt',
      'Krajan',
      'Kp. Krajan RT 002/001',
      '-6.0201',
      '106.1802',
      '081234567890',
      '',
      'Pelatihan pengemasan 2025',
      'ya',
      'tidak',
      'tidak',
    ],
  ]);
}

/**
 * A village's enterprises from CSV or XLSX. Each row is saved in its own transaction; a bad row is
 * rejected with one line per problem (errors file: baris, kolom, pesan) and the others are kept.
 */
export const umkmImport = sheetImport({
  kind: IMPORT_KIND,
  label: 'umkm.importKind',
  page: () => '/kelola/umkm/impor',
  format: {
    columns: TEMPLATE_COLUMNS,
    required: ['nama', 'sektor', 'omzet'],
    aliases: ALIASES,
    messages: { columns: 'umkm.error.columns', empty: 'umkm.error.emptyFile' },
  },
  rows: (ctx, job) => (row) => inTransaction(ctx, (tx) => saveImportedRow(tx, job.regionCode, row.record)),
});

function importVillage(ctx: Ctx): string {
  const village = keptVillage(ctx.actor);
  if (!village) assertMayKeep(ctx.actor, '');
  return village as string;
}

export async function importPageData(ctx: Ctx) {
  const village = importVillage(ctx);
  return { village, imports: await listImportsOf(ctx, { kind: IMPORT_KIND, regionCode: village }, 20) };
}

export async function createUmkmImport(ctx: Ctx, fileName: string) {
  return createSheetImport(
    ctx,
    { kind: IMPORT_KIND, regionCode: importVillage(ctx), fileName },
    'umkm.error.fileType',
  );
}

async function ownImport(ctx: Ctx, id: string): Promise<ImportRecord> {
  const record = await findImport(ctx, id, IMPORT_KIND);
  assertMayKeep(ctx.actor, record.region_code);
  return record;
}

const actions = ownImportActions(ownImport);
export const umkmImportErrors = actions.errorFile;

/** The upload form's file queued, or the form refused (the operator's mistake, or Forbidden to anyone else). */
export function takeUmkmUpload(ctx: Ctx, upload: OneUpload<{ id: string }>) {
  return actions.takeUpload(ctx, upload, () => importVillage(ctx), t('umkm.error.noFile'));
}
