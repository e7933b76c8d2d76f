/**
 * The WHO Child Growth Standards LMS tables of reference/who-growth/, read once on first use and
 * indexed by sex and key so a lookup is one array access. The same relative path resolves from
 * src/modules/health/growth/ and dist/modules/health/growth/ to the repository's reference folder.
 */
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { referencePath } from '../../../platform/paths.ts';

export interface Lms {
  L: number;
  M: number;
  S: number;
}

export type Sex = 1 | 2;

/** A table keyed by whole days or by tenths of a centimetre, from `first` to `last` (in those units). */
export interface LmsTable {
  first: number;
  last: number;
  /** rows[sex - 1][key - first] */
  rows: [Lms[], Lms[]];
}

const DIR = pathToFileURL(`${referencePath('who-growth')}/`);

/** The non-empty lines of a file in reference/who-growth/. */
export function referenceLines(file: string): string[] {
  return fs
    .readFileSync(fileURLToPath(new URL(file, DIR)), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean);
}

function readTable(file: string, unit: 'day' | 'cm'): LmsTable {
  const lines = referenceLines(file);
  const header = lines[0]?.split(',') ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`reference/who-growth/${file}: no column ${name}`);
    return i;
  };
  const [cSex, cKey, cUnit, cL, cM, cS] = ['sex', 'age_or_length', 'unit', 'L', 'M', 'S'].map(col);
  const bySex: [Map<number, Lms>, Map<number, Lms>] = [new Map(), new Map()];
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const sex = Number(f[cSex as number]);
    if (f[cUnit as number] !== unit || (sex !== 1 && sex !== 2))
      throw new Error(`reference/who-growth/${file}: bad row ${line}`);
    const raw = Number(f[cKey as number]);
    const key = unit === 'cm' ? Math.round(raw * 10) : raw;
    const lms = { L: Number(f[cL as number]), M: Number(f[cM as number]), S: Number(f[cS as number]) };
    if (![raw, lms.L, lms.M, lms.S].every(Number.isFinite) || !Number.isInteger(key))
      throw new Error(`reference/who-growth/${file}: bad row ${line}`);
    bySex[sex === 1 ? 0 : 1].set(key, lms);
  }
  const keys = [...bySex[0].keys()];
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const rows = bySex.map((m, i) => {
    const out: Lms[] = [];
    for (let k = first; k <= last; k++) {
      const row = m.get(k);
      if (!row) throw new Error(`reference/who-growth/${file}: sex ${i + 1} has no row ${k}`);
      out.push(row);
    }
    return out;
  }) as [Lms[], Lms[]];
  return { first, last, rows };
}

export interface GrowthTables {
  /** length/height-for-age by age in days (length rows to 730, height rows from 731) */
  lhfa: LmsTable;
  /** weight-for-age by age in days */
  wfa: LmsTable;
  /** weight-for-length by tenths of a cm (450–1100) */
  wfl: LmsTable;
  /** weight-for-height by tenths of a cm (650–1200) */
  wfh: LmsTable;
}

let tables: GrowthTables | null = null;

/** The four expanded WHO tables, read on first call. */
export function growthTables(): GrowthTables {
  tables ??= {
    lhfa: readTable('lhfa_daily.csv', 'day'),
    wfa: readTable('wfa_daily.csv', 'day'),
    wfl: readTable('wfl.csv', 'cm'),
    wfh: readTable('wfh.csv', 'cm'),
  };
  return tables;
}

/** The row at an integer key, or null outside the table. */
export function rowAt(table: LmsTable, sex: Sex, key: number): Lms | null {
  if (!Number.isInteger(key) || key < table.first || key > table.last) return null;
  return table.rows[sex === 1 ? 0 : 1][key - table.first] ?? null;
}

/**
 * L, M and S at a length in cm, interpolated linearly between the two 0.1 cm rows around it
 * (as the WHO igrowup macros and anthro do); null outside the table.
 */
export function lmsAtLength(table: LmsTable, sex: Sex, cm: number): Lms | null {
  // Tenths with float noise removed: 76.0 computed as 75.3 + 0.7 must hit the 76.0 row exactly.
  const tenths = Math.round(cm * 10 * 1e6) / 1e6;
  const low = Math.floor(tenths);
  const frac = tenths - low;
  const lo = rowAt(table, sex, low);
  if (!lo) return null;
  if (frac === 0) return lo;
  const hi = rowAt(table, sex, low + 1);
  if (!hi) return null;
  return {
    L: lo.L + frac * (hi.L - lo.L),
    M: lo.M + frac * (hi.M - lo.M),
    S: lo.S + frac * (hi.S - lo.S),
  };
}
