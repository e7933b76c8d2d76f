import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let kecamatanCodes: Set<string> | null = null;

/** Every kecamatan code of Indonesia as six digits (36.04.05 → 360405), from idn-area-data's CSV. */
function kecamatanCodeSet(): Set<string> {
  if (!kecamatanCodes) {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve('idn-area-data/package.json'));
    const text = fs.readFileSync(path.join(pkgDir, 'data', 'districts.csv'), 'utf8');
    kecamatanCodes = new Set();
    for (const line of text.split(/\r?\n/).slice(1)) {
      const code = line.split(',', 1)[0];
      if (code) kecamatanCodes.add(code.replaceAll('.', ''));
    }
  }
  return kecamatanCodes;
}

interface NikParts {
  regionCode: string;
  /** day of birth as written, women +40 */
  day: number;
  month: number;
  yearTwoDigits: number;
  sex: 1 | 2;
  serial: string;
}

/** Field → Indonesian message; empty when the NIK is consistent. */
export type FieldErrors = Record<string, string>;

export function cleanNumber(raw: string): string {
  // spreadsheets show long numbers as 3.604E+15 or keep a leading apostrophe; OpenSID strips non-digits
  return raw.replace(/\D/g, '');
}

export function parseNikParts(nik: string): NikParts {
  const dd = Number(nik.slice(6, 8));
  return {
    regionCode: nik.slice(0, 6),
    day: dd > 40 ? dd - 40 : dd,
    month: Number(nik.slice(8, 10)),
    yearTwoDigits: Number(nik.slice(10, 12)),
    sex: dd > 40 ? 2 : 1,
    serial: nik.slice(12),
  };
}

/** Days in a month of the Gregorian calendar (no Date object: this runs for every imported row). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/**
 * Checks a NIK on its own and against the record's birth date (YYYY-MM-DD) and sex.
 * Returns the failures as field → message (the message always names the field).
 */
export function checkNik(nik: string, birthDate: string | null, sex: number | null): FieldErrors {
  if (!/^\d{16}$/.test(nik)) return { nik: 'NIK harus 16 angka.' };
  const parts = parseNikParts(nik);
  if (!kecamatanCodeSet().has(parts.regionCode))
    return { nik: `NIK: enam angka pertama (${parts.regionCode}) bukan kode kecamatan yang terdaftar.` };
  const rawDay = Number(nik.slice(6, 8));
  if (!((rawDay >= 1 && rawDay <= 31) || (rawDay >= 41 && rawDay <= 71)))
    return { nik: 'NIK: angka ke-7 dan ke-8 harus tanggal lahir (1–31, atau 41–71 untuk perempuan).' };
  if (parts.month < 1 || parts.month > 12)
    return { nik: 'NIK: angka ke-9 dan ke-10 harus bulan lahir (01–12).' };
  if (parts.serial === '0000') return { nik: 'NIK: empat angka terakhir tidak boleh 0000.' };
  const errors: FieldErrors = {};
  if (birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    const y = Number(birthDate.slice(0, 4));
    const m = Number(birthDate.slice(5, 7));
    const d = Number(birthDate.slice(8, 10));
    if (!isRealDate(y, parts.month, parts.day))
      errors.nik = 'NIK: tanggal lahir di dalam NIK bukan tanggal yang ada.';
    else if (d !== parts.day || m !== parts.month || y % 100 !== parts.yearTwoDigits)
      errors.nik = `NIK: tanggal lahir di dalam NIK (${String(parts.day).padStart(2, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.yearTwoDigits).padStart(2, '0')}) tidak sama dengan tanggal lahir ${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}.`;
  }
  if (!errors.nik && (sex === 1 || sex === 2) && sex !== parts.sex)
    errors.nik =
      sex === 2
        ? 'NIK: untuk perempuan, tanggal lahir di dalam NIK ditambah 40 (angka ke-7 dan ke-8 antara 41 dan 71).'
        : 'NIK: angka ke-7 dan ke-8 di atas 40 menandakan perempuan, tetapi jenis kelamin laki-laki.';
  return errors;
}

/** No. KK: 16 digits, a real kecamatan code, a data-entry date ddmmyy, serial from 0001. */
export function checkFamilyNumber(kk: string): FieldErrors {
  if (!/^\d{16}$/.test(kk)) return { familyNumber: 'No. KK harus 16 angka.' };
  if (!kecamatanCodeSet().has(kk.slice(0, 6)))
    return {
      familyNumber: `No. KK: enam angka pertama (${kk.slice(0, 6)}) bukan kode kecamatan yang terdaftar.`,
    };
  const day = Number(kk.slice(6, 8));
  const month = Number(kk.slice(8, 10));
  if (day < 1 || day > 31 || month < 1 || month > 12)
    return { familyNumber: 'No. KK: angka ke-7 sampai ke-12 harus tanggal pencatatan (hhbbtt).' };
  if (kk.slice(12) === '0000') return { familyNumber: 'No. KK: empat angka terakhir tidak boleh 0000.' };
  return {};
}

/**
 * Whether a NIK's first six digits name another kecamatan than the village code (36.04.05.2001 →
 * 360405), compared character by character: the importer asks this of every row.
 */
export function issuedElsewhere(nik: string, villageCode: string): boolean {
  if (nik.length !== 16) return false;
  return (
    nik[0] !== villageCode[0] ||
    nik[1] !== villageCode[1] ||
    nik[2] !== villageCode[3] ||
    nik[3] !== villageCode[4] ||
    nik[4] !== villageCode[6] ||
    nik[5] !== villageCode[7]
  );
}

/** The NIK was issued in another kecamatan than the village's: normal after a move, so only a warning. */
export function nikRegionWarning(nik: string, villageCode: string): string | null {
  if (issuedElsewhere(nik, villageCode))
    return `NIK diterbitkan di wilayah ${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}, bukan di kecamatan desa ini (wajar bila penduduk pindah datang).`;
  return null;
}

/** Builds a NIK from its parts (generator and tests). */
export function makeNik(regionCode6: string, birthDate: string, sex: 1 | 2, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (sex === 2 ? 40 : 0);
  return `${regionCode6}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}
