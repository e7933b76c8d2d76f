import { readSpreadsheetText } from '../../platform/csv.ts';
import { type CodeList, parseCode } from './codes.ts';
import type { ResidentRecord } from './model.ts';
import { checkFamilyNumber, checkNik, cleanNumber, daysInMonth, type FieldErrors } from './nik.ts';

/** OpenSID's "Data Penduduk" import columns, in its order, plus our `kode_desa` for regency-wide files. */
export const OPENSID_COLUMNS = [
  'alamat',
  'dusun',
  'rw',
  'rt',
  'nama',
  'no_kk',
  'nik',
  'sex',
  'tempatlahir',
  'tanggallahir',
  'agama_id',
  'pendidikan_kk_id',
  'pendidikan_sedang_id',
  'pekerjaan_id',
  'status_kawin',
  'kk_level',
  'warganegara_id',
  'nama_ayah',
  'nama_ibu',
  'golongan_darah_id',
  'akta_lahir',
  'dokumen_pasport',
  'tanggal_akhir_paspor',
  'dokumen_kitas',
  'ayah_nik',
  'ibu_nik',
  'akta_perkawinan',
  'tanggalperkawinan',
  'akta_perceraian',
  'tanggalperceraian',
  'cacat_id',
  'cara_kb_id',
  'hamil',
  'ktp_el',
  'status_rekam',
  'alamat_sekarang',
  'status_dasar',
] as const;

export const EXPORT_COLUMNS = [...OPENSID_COLUMNS.slice(0, 20), 'status_dasar', 'kode_desa'] as const;

/** Header spellings seen in exports, matched case-insensitively with spaces and punctuation ignored. */
const HEADER_ALIASES: Record<string, string> = {
  jeniskelamin: 'sex',
  jk: 'sex',
  tempat_lahir: 'tempatlahir',
  tanggal_lahir: 'tanggallahir',
  tgllahir: 'tanggallahir',
  agama: 'agama_id',
  pendidikan: 'pendidikan_kk_id',
  pendidikan_kk: 'pendidikan_kk_id',
  pendidikan_sedang: 'pendidikan_sedang_id',
  pekerjaan: 'pekerjaan_id',
  statuskawin: 'status_kawin',
  status_perkawinan: 'status_kawin',
  hubungan: 'kk_level',
  shdk: 'kk_level',
  warganegara: 'warganegara_id',
  kewarganegaraan: 'warganegara_id',
  golongan_darah: 'golongan_darah_id',
  goldarah: 'golongan_darah_id',
  nokk: 'no_kk',
  nomor_kk: 'no_kk',
  kodedesa: 'kode_desa',
};

function headerKey(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s.\-/]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Maps a header row to column index → our field name; unknown columns are kept out. */
export function mapHeader(header: string[]): { columns: Map<string, number>; missing: string[] } {
  const known = new Set<string>([...OPENSID_COLUMNS, 'kode_desa']);
  const columns = new Map<string, number>();
  header.forEach((h, i) => {
    const key = headerKey(String(h ?? ''));
    const name = known.has(key) ? key : (HEADER_ALIASES[key] ?? HEADER_ALIASES[key.replaceAll('_', '')]);
    if (name && !columns.has(name)) columns.set(name, i);
  });
  const missing = ['nama', 'nik', 'no_kk', 'dusun', 'rw', 'rt', 'sex', 'tanggallahir'].filter(
    (c) => !columns.has(c),
  );
  return { columns, missing };
}

/** dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd, an Excel serial number or a Date cell → YYYY-MM-DD. */
export function parseDate(raw: unknown): string | null {
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw.toISOString().slice(0, 10);
  const value = String(raw ?? '').trim();
  if (value === '') return null;
  let y: number;
  let m: number;
  let d: number;
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  const ymd = dmy ? null : /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(value);
  if (dmy) {
    d = Number(dmy[1]);
    m = Number(dmy[2]);
    y = Number(dmy[3]);
  } else if (ymd) {
    y = Number(ymd[1]);
    m = Number(ymd[2]);
    d = Number(ymd[3]);
  } else if (/^\d{4,5}(\.\d+)?$/.test(value)) {
    // Excel serial day: 1 = 1900-01-01, with Excel's phantom 29 Feb 1900
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(value)) * 86_400_000);
    return date.toISOString().slice(0, 10);
  } else return null;
  if (m < 1 || m > 12 || d < 1 || y < 1850) return null;
  if (d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** OpenSID's rule: upper case, without a leading "DUSUN ". */
export function normaliseDusun(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/^DUSUN\s+/, '')
    .replace(/\s+/g, ' ');
}

/** RT/RW as three digits ("1" → "001"); anything else kept upper-cased. */
export function normaliseRtRw(raw: string): string {
  const v = raw.trim();
  return /^\d{1,3}$/.test(v) ? v.padStart(3, '0') : v.toUpperCase();
}

const CODE_FIELDS: Array<[string, CodeList, keyof ResidentRecord, string]> = [
  ['agama_id', 'agama', 'religionCode', 'Agama'],
  ['pendidikan_kk_id', 'pendidikan', 'educationCode', 'Pendidikan dalam KK'],
  ['pendidikan_sedang_id', 'pendidikan_sedang', 'educationCurrentCode', 'Pendidikan sedang ditempuh'],
  ['pekerjaan_id', 'pekerjaan', 'occupationCode', 'Pekerjaan'],
  ['status_kawin', 'status_kawin', 'maritalStatusCode', 'Status perkawinan'],
  ['kk_level', 'hubungan', 'familyRelationCode', 'Hubungan dalam keluarga'],
  ['warganegara_id', 'warganegara', 'citizenshipCode', 'Kewarganegaraan'],
  ['golongan_darah_id', 'golongan_darah', 'bloodTypeCode', 'Golongan darah'],
];

/** A row's cells by column name without copying them: the importer reads 1.6 M rows through this. */
export class RowView {
  values: unknown[] = [];
  constructor(private readonly columns: Map<string, number>) {}
  get(column: string): unknown {
    const index = this.columns.get(column);
    return index === undefined ? undefined : this.values[index];
  }
}

type Cells = Pick<Map<string, unknown>, 'get'>;

function cellText(cells: Cells, column: string): string {
  const v = cells.get(column);
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return readSpreadsheetText(v.trim());
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

export type ParsedRow =
  | { ok: true; record: ResidentRecord; status: 'hidup' | 'pindah' | 'mati' }
  | { ok: false; errors: FieldErrors };

/**
 * One spreadsheet row → a checked record, or every reason it cannot be imported (field → message).
 * `villageCode` is the importing village; a `kode_desa` column may name a village under it.
 */
export function parseRow(cells: Cells, villageCode: string): ParsedRow {
  const errors: FieldErrors = {};
  const name = cellText(cells, 'nama').replace(/\s+/g, ' ').toUpperCase();
  if (!name) errors.nama = 'Nama wajib diisi.';
  const nik = cleanNumber(cellText(cells, 'nik'));
  const kk = cleanNumber(cellText(cells, 'no_kk'));
  const dusun = normaliseDusun(cellText(cells, 'dusun'));
  if (!dusun) errors.dusun = 'Dusun wajib diisi.';
  const rw = normaliseRtRw(cellText(cells, 'rw'));
  if (!rw) errors.rw = 'RW wajib diisi.';
  const rt = normaliseRtRw(cellText(cells, 'rt'));
  if (!rt) errors.rt = 'RT wajib diisi.';
  const sexCode = parseCode('jenis_kelamin', cellText(cells, 'sex'));
  if (sexCode === null) errors.sex = 'Jenis kelamin wajib diisi (1/L atau 2/P).';
  else if (sexCode === 'invalid')
    errors.sex = `Jenis kelamin "${cellText(cells, 'sex')}" tidak dikenal (1/L atau 2/P).`;
  const rawDate = cells.get('tanggallahir');
  const birthDate = parseDate(rawDate);
  if (!birthDate)
    errors.tanggallahir =
      cellText(cells, 'tanggallahir') === ''
        ? 'Tanggal lahir wajib diisi.'
        : `Tanggal lahir "${cellText(cells, 'tanggallahir')}" tidak terbaca (pakai hh-bb-tttt).`;
  const sex = typeof sexCode === 'number' ? sexCode : null;
  if (!nik) errors.nik = 'NIK wajib diisi.';
  else Object.assign(errors, checkNik(nik, birthDate, sex));
  if (!kk) errors.no_kk = 'No. KK wajib diisi.';
  else {
    const kkErr = checkFamilyNumber(kk);
    if (kkErr.familyNumber) errors.no_kk = kkErr.familyNumber;
  }
  const codes: Partial<Record<keyof ResidentRecord, number | null>> = {};
  for (const [column, list, field, label] of CODE_FIELDS) {
    const raw = cellText(cells, column);
    const code = parseCode(list, raw);
    if (code === 'invalid') errors[column] = `${label} "${raw}" tidak ada dalam daftar kode.`;
    else codes[field] = code;
  }
  let rowVillage = villageCode;
  const kodeDesa = cellText(cells, 'kode_desa');
  if (kodeDesa) {
    const normalised = /^\d{10}$/.test(kodeDesa)
      ? `${kodeDesa.slice(0, 2)}.${kodeDesa.slice(2, 4)}.${kodeDesa.slice(4, 6)}.${kodeDesa.slice(6)}`
      : kodeDesa;
    if (normalised !== villageCode && !normalised.startsWith(`${villageCode}.`))
      errors.kode_desa = `Kode desa ${kodeDesa} bukan desa yang sedang diimpor (${villageCode}).`;
    else rowVillage = normalised;
  } else if (villageCode.split('.').length !== 4)
    errors.kode_desa = 'Kode desa wajib diisi bila impor untuk lebih dari satu desa.';
  const statusRaw = cellText(cells, 'status_dasar');
  let status: 'hidup' | 'pindah' | 'mati' = 'hidup';
  if (statusRaw) {
    const code = parseCode('status_dasar', statusRaw);
    if (code === 'invalid' || code === null)
      errors.status_dasar = `Status dasar "${statusRaw}" tidak dikenal.`;
    else if (code === 2) status = 'mati';
    else if (code === 3 || code === 6) status = 'pindah';
    else if (code !== 1)
      errors.status_dasar = `Status dasar "${statusRaw}" (hilang/tidak valid) tidak dapat diimpor.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    status,
    record: {
      villageCode: rowVillage,
      nik,
      familyNumber: kk,
      name,
      birthPlace: cellText(cells, 'tempatlahir').toUpperCase(),
      birthDate: birthDate!,
      sex: sex as 1 | 2,
      religionCode: codes.religionCode ?? null,
      educationCode: codes.educationCode ?? null,
      educationCurrentCode: codes.educationCurrentCode ?? null,
      occupationCode: codes.occupationCode ?? null,
      maritalStatusCode: codes.maritalStatusCode ?? null,
      familyRelationCode: codes.familyRelationCode ?? null,
      bloodTypeCode: codes.bloodTypeCode ?? null,
      citizenshipCode: codes.citizenshipCode ?? null,
      fatherName: cellText(cells, 'nama_ayah').toUpperCase() || null,
      motherName: cellText(cells, 'nama_ibu').toUpperCase() || null,
      dusun,
      rw,
      rt,
      address: cellText(cells, 'alamat') || null,
    },
  };
}

function ddmmyyyy(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

const STATUS_CODE = { hidup: 1, mati: 2, pindah: 3 } as const;

/** A record as an export/generator row in EXPORT_COLUMNS order (codes as numbers, dates dd-mm-yyyy). */
export function exportRow(
  r: ResidentRecord,
  status: 'hidup' | 'pindah' | 'mati' = 'hidup',
): Array<string | number> {
  const c = (v: number | null) => (v === null ? '' : v);
  return [
    r.address ?? '',
    r.dusun,
    r.rw,
    r.rt,
    r.name,
    r.familyNumber,
    r.nik,
    r.sex,
    r.birthPlace,
    ddmmyyyy(r.birthDate),
    c(r.religionCode),
    c(r.educationCode),
    c(r.educationCurrentCode),
    c(r.occupationCode),
    c(r.maritalStatusCode),
    c(r.familyRelationCode),
    c(r.citizenshipCode),
    r.fatherName ?? '',
    r.motherName ?? '',
    c(r.bloodTypeCode),
    STATUS_CODE[status],
    r.villageCode,
  ];
}

// the platform's writer, which also neutralises formula-leading cells (CSV injection)
export { csvLine } from '../../platform/csv.ts';
