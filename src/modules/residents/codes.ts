import fs from 'node:fs';
import path from 'node:path';
import { splitCsvLine } from '../../platform/csv.ts';
import { referencePath } from '../../platform/paths.ts';

/**
 * The Dukcapil/OpenSID code lists, read from the CSV seed data in reference/reference-codes. The
 * CSV files are the single source: the `reference_codes` table is seeded from them for SQL joins.
 */
export const CODE_LISTS = {
  jenis_kelamin: 'jenis_kelamin.csv',
  agama: 'agama.csv',
  pendidikan: 'pendidikan_kk.csv',
  pendidikan_sedang: 'pendidikan_sedang.csv',
  pekerjaan: 'pekerjaan.csv',
  status_kawin: 'status_kawin.csv',
  hubungan: 'hubungan_keluarga_shdk.csv',
  golongan_darah: 'golongan_darah.csv',
  warganegara: 'warganegara.csv',
  status_dasar: 'status_dasar.csv',
} as const;

export type CodeList = keyof typeof CODE_LISTS;

interface CodeEntry {
  code: number;
  label: string;
}

const referenceDir = referencePath('reference-codes');
const cache = new Map<CodeList, CodeEntry[]>();

export function codeList(list: CodeList): CodeEntry[] {
  let entries = cache.get(list);
  if (!entries) {
    const text = fs.readFileSync(path.join(referenceDir, CODE_LISTS[list]), 'utf8');
    entries = text
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [code, label] = splitCsvLine(l);
        return { code: Number(code), label: (label ?? '').trim() };
      });
    cache.set(list, entries);
  }
  return entries;
}

/** codeLabel('pekerjaan', 88) → its label; '' for an empty code, the number itself when unknown. */
export function codeLabel(list: CodeList, code: number | null | undefined): string {
  if (code === null || code === undefined) return '';
  return codeList(list).find((e) => e.code === code)?.label ?? String(code);
}

const validCodes = new Map<CodeList, Set<number>>();

function isValidCode(list: CodeList, code: number): boolean {
  let set = validCodes.get(list);
  if (!set) {
    set = new Set(codeList(list).map((e) => e.code));
    validCodes.set(list, set);
  }
  return set.has(code);
}

function normaliseLabel(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9+-]/g, '');
}

/**
 * A code from a spreadsheet cell: the number itself or the label as written in the list
 * (case, spaces and punctuation ignored), plus OpenSID's abbreviations for sex and marital status.
 */
export function parseCode(list: CodeList, raw: string): number | null | 'invalid' {
  const value = raw.trim();
  if (value === '' || value === '-') return null;
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return isValidCode(list, n) ? n : 'invalid';
  }
  const key = normaliseLabel(value);
  const aliases = ALIASES[list];
  if (aliases?.[key] !== undefined) return aliases[key];
  const hit = codeList(list).find((e) => normaliseLabel(e.label) === key);
  return hit ? hit.code : 'invalid';
}

const ALIASES: Partial<Record<CodeList, Record<string, number>>> = {
  jenis_kelamin: { L: 1, LK: 1, LAKILAKI: 1, P: 2, PR: 2, PEREMPUAN: 2, W: 2, WANITA: 2, PRIA: 1 },
  status_kawin: { BK: 1, K: 2, CH: 3, CM: 4 },
  warganegara: { WNI: 1, WNA: 2 },
  golongan_darah: { TIDAKTAHU: 13, TT: 13 },
  agama: { KATOLIK: 3, KONGHUCU: 6, KHONGHUCU: 6 },
};
