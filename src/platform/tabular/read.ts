/**
 * The platform's reader of spreadsheet files: CSV (comma, semicolon or tab; UTF-8 with or without
 * BOM) and the first worksheet of an XLSX, streamed in groups of rows so memory stays flat at a
 * regency's 1.6 million rows. `openSource` gives raw rows (the fast path an importer with its own
 * header mapping reads); `readRecords` gives one object per row keyed by the mapped header.
 */
import fs from 'node:fs';
import type ExcelJS from 'exceljs';
import { readSpreadsheetText } from '../csv.ts';

export interface SourceRow {
  /** 1-based line/row number in the file as a spreadsheet shows it (the header is row 1) */
  rowNumber: number;
  values: unknown[];
}

export interface RowSource {
  /** rows in groups (a CSV chunk's worth): one await per group, not per row */
  rows: AsyncGenerator<SourceRow[]>;
  /** bytes of the file read so far, for progress */
  bytesRead(): number;
  bytesTotal: number;
}

export function fileKind(fileName: string): 'csv' | 'xlsx' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

function detectDelimiter(path: string): string {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const firstLine = buf.subarray(0, n).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
    const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
    counts.sort((a, b) => b[1] - a[1]);
    return counts[0]![0];
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Splits CSV text into records (RFC 4180: quoted fields may hold the delimiter, doubled quotes and
 * line breaks). Lines without a quote take a fast path through String.split: csv-parse spent
 * ~14 µs a row on OpenSID's 37 columns, which alone capped a regency import below half of COPY.
 */
export class CsvSplitter {
  private rest = '';
  constructor(private readonly delimiter: string) {}

  /** Feeds a chunk; returns the complete records in it (the unfinished tail waits for the next chunk). */
  push(chunk: string, final = false): string[][] {
    const text = this.rest + chunk;
    const out: string[][] = [];
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) break;
      let line = text.slice(pos, nl);
      if (line.indexOf('"') === -1) {
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (line !== '') out.push(line.split(this.delimiter));
        pos = nl + 1;
        continue;
      }
      const parsed = this.quoted(text, pos, final);
      if (!parsed) break;
      out.push(parsed.fields);
      pos = parsed.next;
    }
    this.rest = text.slice(pos);
    if (final && this.rest !== '') {
      const tail = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
      const parsed =
        tail.indexOf('"') === -1 ? { fields: tail.split(this.delimiter) } : this.quoted(`${tail}\n`, 0, true);
      if (parsed && tail !== '') out.push(parsed.fields);
      this.rest = '';
    }
    return out;
  }

  /** One record that contains quotes, from `start`; null when it runs past the text we have. */
  private quoted(text: string, start: number, final: boolean): { fields: string[]; next: number } | null {
    const fields: string[] = [];
    let field = '';
    let i = start;
    let inQuotes = false;
    while (i < text.length) {
      const c = text[i]!;
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          inQuotes = false;
        } else field += c;
        i++;
        continue;
      }
      if (c === '"') inQuotes = true;
      else if (c === this.delimiter) {
        fields.push(field);
        field = '';
      } else if (c === '\n') {
        fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
        return { fields, next: i + 1 };
      } else field += c;
      i++;
    }
    if (final) {
      fields.push(field);
      return { fields, next: text.length };
    }
    return null;
  }
}

/** Streams a CSV file (comma, semicolon or tab; UTF-8 with or without BOM) row by row. */
export function csvSource(path: string): RowSource {
  // 64 KB (~300 rows) a chunk: the importer yields to the event loop once per chunk, which is
  // when the COPY of the previous batch can push more of its data into the socket
  const stream = fs.createReadStream(path, { highWaterMark: 64 * 1024, encoding: 'utf8' });
  const splitter = new CsvSplitter(detectDelimiter(path));
  async function* rows(): AsyncGenerator<SourceRow[]> {
    let rowNumber = 0;
    let first = true;
    const number = (records: string[][]) => records.map((values) => ({ rowNumber: ++rowNumber, values }));
    try {
      for await (const chunk of stream as AsyncIterable<string>) {
        const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
        first = false;
        yield number(splitter.push(text));
      }
      yield number(splitter.push('', true));
    } finally {
      stream.destroy();
    }
  }
  return { rows: rows(), bytesRead: () => stream.bytesRead, bytesTotal: fs.statSync(path).size };
}

function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellValue(o.result);
    if (o.text !== undefined) return String(o.text);
  }
  return v;
}

/**
 * Streams the first worksheet of an XLSX file (OpenSID calls it "Data Penduduk") without loading
 * the workbook into memory.
 */
export function xlsxSource(path: string): RowSource {
  const stream = fs.createReadStream(path, { highWaterMark: 256 * 1024 });
  async function* rows(): AsyncGenerator<SourceRow[]> {
    try {
      // exceljs takes half a second to load: only an XLSX import pays it
      const { default: Excel } = (await import('exceljs')) as { default: typeof ExcelJS };
      const reader = new Excel.stream.xlsx.WorkbookReader(stream, {
        sharedStrings: 'cache',
        worksheets: 'emit',
        hyperlinks: 'ignore',
        styles: 'ignore',
        entries: 'ignore',
      });
      for await (const sheet of reader) {
        let group: SourceRow[] = [];
        let any = false;
        for await (const row of sheet) {
          any = true;
          group.push({ rowNumber: row.number, values: (row.values as unknown[]).slice(1).map(cellValue) });
          if (group.length >= 500) {
            yield group;
            group = [];
          }
        }
        if (group.length > 0) yield group;
        if (any) return;
      }
    } finally {
      stream.destroy();
    }
  }
  return { rows: rows(), bytesRead: () => stream.bytesRead, bytesTotal: fs.statSync(path).size };
}

export function openSource(path: string, fileName = path): RowSource {
  return fileKind(fileName) === 'xlsx' ? xlsxSource(path) : csvSource(path);
}

/** A header cell as a key: trimmed, lower case, spaces and dashes as underscores ("Kode Desa" → kode_desa). */
export function headerKey(cell: unknown): string {
  return String(cell ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export interface RecordRow<V = string> {
  rowNumber: number;
  /** column key → cell text (formula guard taken off), or what `cell` made of it; a column the row lacks is '' */
  record: Record<string, V>;
}

/** A cell as the text `readRecords` gives: trimmed, a date as YYYY-MM-DD, the formula guard taken off. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return readSpreadsheetText(String(value).trim());
}

/**
 * Streams a CSV or XLSX file as objects: the first non-empty row is the header, each header cell
 * becomes a key through `headerKey` and then `aliases` (alias key → the key the module wants),
 * blank rows are skipped, and each cell is read through `cell` (`cellText` unless given). Rows come
 * one at a time; read a large file with `openSource` instead when every microsecond per row counts.
 */
export async function* readRecords<V = string>(
  path: string,
  options: { fileName?: string; aliases?: Record<string, string>; cell?: (value: unknown) => V } = {},
): AsyncGenerator<RecordRow<V>> {
  const cell = options.cell ?? (cellText as (value: unknown) => V);
  const source = openSource(path, options.fileName ?? path);
  let keys: string[] | null = null;
  for await (const group of source.rows) {
    for (const { rowNumber, values } of group) {
      if (values.every((v) => v === '' || v === null || v === undefined)) continue;
      if (!keys) {
        keys = values.map((v) => {
          const key = headerKey(v);
          return options.aliases?.[key] ?? key;
        });
        continue;
      }
      const record: Record<string, V> = {};
      keys.forEach((key, i) => {
        if (key) record[key] = cell(values[i]);
      });
      yield { rowNumber, record };
    }
  }
}
