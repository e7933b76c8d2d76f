import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { splitCsvLine } from '../../platform/csv.ts';

// idn-area-data ships the Kemendagri code lists as CSV; its JavaScript API needs Node 22,
// so we read the files themselves.
const packageDir = path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json'));

type AreaFile = 'provinces' | 'regencies' | 'districts' | 'villages';

/** The rows of one list; with `codePrefix`, only rows whose code (first column) starts with it. */
export function readAreaFile(file: AreaFile, codePrefix = ''): Array<Record<string, string>> {
  const text = fs.readFileSync(path.join(packageDir, 'data', `${file}.csv`), 'utf8');
  const [header, ...all] = text.split(/\r?\n/).filter((l) => l.length > 0);
  // the 83,762 villages of Indonesia: parse only the served regency's few hundred
  const lines = codePrefix ? all.filter((l) => l.startsWith(codePrefix)) : all;
  const columns = splitCsvLine(header ?? '');
  return lines.map((line) => {
    const values = splitCsvLine(line);
    return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? '']));
  });
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
