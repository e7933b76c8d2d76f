/**
 * The APBDes account structure of Permendagri 20/2018, read from reference/apbdes/struktur.json
 * (the one source: the import, the staff form and the public pages all check codes against it).
 *
 * Lines of a budget are entered at three levels only, so that one code never means two things:
 * - pendapatan and pembiayaan: an object of the structure (`4.2.1` Dana Desa, `6.1.1` SiLPA);
 * - belanja: a kegiatan under a sub-bidang, `{bidang}.{sub}.{NN}` with a two-digit number (`2.2.01`).
 * Group codes (`4`, `4.2`, bidang `2`, sub-bidang `2.2`) are totals, never lines.
 */
import fs from 'node:fs';
import { referencePath } from '../../platform/paths.ts';

export type Section = 'pendapatan' | 'belanja' | 'pembiayaan';
export const SECTIONS: readonly Section[] = ['pendapatan', 'belanja', 'pembiayaan'];

export interface Account {
  code: string;
  name: string;
}

interface StructureFile {
  pendapatan: Account[];
  belanja: Account[];
  pembiayaan: Account[];
  examples: Account[];
}

const FILE = referencePath('apbdes', 'struktur.json');

function readStructure(): StructureFile {
  const json = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<
    string,
    Array<{ kode: string; uraian: string }>
  >;
  const list = (key: string): Account[] => {
    const rows = json[key];
    if (!Array.isArray(rows)) throw new Error(`reference/apbdes/struktur.json: "${key}" is missing`);
    return rows.map((r) => ({ code: r.kode, name: r.uraian }));
  };
  return {
    pendapatan: list('pendapatan'),
    belanja: list('belanja'),
    pembiayaan: list('pembiayaan'),
    examples: list('contoh_kegiatan'),
  };
}

const structure = readStructure();

/** Problems of the reference file (duplicate codes, a code whose parent is missing, a bad shape): empty when sound. */
export function structureProblems(file: StructureFile = structure): string[] {
  const problems: string[] = [];
  const check = (section: string, rows: Account[], pattern: RegExp, root: RegExp) => {
    const seen = new Set<string>();
    for (const row of rows) {
      if (!pattern.test(row.code)) problems.push(`${section} ${row.code}: bad code`);
      if (!row.name?.trim()) problems.push(`${section} ${row.code}: no name`);
      if (seen.has(row.code)) problems.push(`${section} ${row.code}: twice`);
      seen.add(row.code);
      const parent = row.code.includes('.') ? row.code.slice(0, row.code.lastIndexOf('.')) : null;
      if (parent && !seen.has(parent))
        problems.push(`${section} ${row.code}: parent ${parent} missing or later`);
      if (!parent && !root.test(row.code)) problems.push(`${section} ${row.code}: not a root`);
    }
  };
  check('pendapatan', file.pendapatan, /^4(\.\d){0,2}$/, /^4$/);
  check('belanja', file.belanja, /^[1-5](\.\d)?$/, /^[1-5]$/);
  check('pembiayaan', file.pembiayaan, /^6(\.\d){0,2}$/, /^6$/);
  const subBidang = new Set(file.belanja.map((a) => a.code));
  for (const example of file.examples)
    if (!/^[1-5]\.\d\.\d{2}$/.test(example.code) || !subBidang.has(example.code.slice(0, 3)))
      problems.push(`contoh_kegiatan ${example.code}: not a kegiatan of a known sub-bidang`);
  return problems;
}

{
  const problems = structureProblems();
  if (problems.length > 0)
    throw new Error(`reference/apbdes/struktur.json is not sound:\n${problems.join('\n')}`);
}

const byCode: Record<Section, Map<string, Account>> = {
  pendapatan: new Map(structure.pendapatan.map((a) => [a.code, a])),
  belanja: new Map(structure.belanja.map((a) => [a.code, a])),
  pembiayaan: new Map(structure.pembiayaan.map((a) => [a.code, a])),
};

const hasChildren = (section: Section, code: string) =>
  structure[section].some((a) => a.code.startsWith(`${code}.`));

export function accounts(section: Section): Account[] {
  return structure[section];
}

export function exampleActivities(): Account[] {
  return structure.examples;
}

export function accountName(section: Section, code: string): string | null {
  return byCode[section].get(code)?.name ?? null;
}

/** Where a line's code belongs: its section, or null when no line may carry it (unknown, or a group). */
export function lineSection(code: string): Section | null {
  if (/^[1-5]\.\d\.\d{2}$/.test(code)) return byCode.belanja.has(code.slice(0, 3)) ? 'belanja' : null;
  for (const section of ['pendapatan', 'pembiayaan'] as const)
    if (byCode[section].has(code) && !hasChildren(section, code)) return section;
  return null;
}

/** Is it a group code of the structure (a total, never a line)? */
export function isGroupCode(code: string): boolean {
  return SECTIONS.some((s) => byCode[s].has(code) && (s === 'belanja' || hasChildren(s, code)));
}

/**
 * The code as the structure writes it: spaces gone, trailing dot gone (Siskeudes writes `4.2.1.`),
 * a kegiatan's number in two digits (`2.2.1` → `2.2.01` is not guessed: only `02.02.01` → `2.2.01`).
 */
export function normaliseCode(raw: string): string {
  const parts = raw.replace(/\s+/g, '').replace(/\.$/, '').split('.');
  if (parts.some((p) => !/^\d+$/.test(p))) return raw.trim();
  if (parts.length === 3 && parts[2]!.length === 2 && /^[1-5]$/.test(String(Number(parts[0]))))
    return `${Number(parts[0])}.${Number(parts[1])}.${parts[2]}`;
  return parts.map((p, i) => (i < 3 && parts.length <= 3 ? String(Number(p)) : p)).join('.');
}

/** Pendapatan and pembiayaan objects (the leaves a line may carry), in structure order. */
export function leafAccounts(section: 'pendapatan' | 'pembiayaan'): Account[] {
  return structure[section].filter((a) => !hasChildren(section, a.code));
}

/** Sort key so that codes order as the APBDes lists them (2.10.01 after 2.9.01). */
export function codeSortKey(code: string): string {
  return code
    .split('.')
    .map((p) => p.padStart(3, '0'))
    .join('.');
}
