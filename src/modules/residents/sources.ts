import fs from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export interface SourceRow {
  /** 1-based line/row number in the file as a spreadsheet shows it (the header is row 1) */
  rowNumber: number;
  values: unknown[];
}

export interface RowSource {
  rows: AsyncGenerator<SourceRow>;
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

/** Streams a CSV file (comma, semicolon or tab; UTF-8 with or without BOM) row by row. */
export function csvSource(path: string): RowSource {
  const stream = fs.createReadStream(path, { highWaterMark: 256 * 1024 });
  const parser = stream.pipe(
    parse({
      delimiter: detectDelimiter(path),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }),
  );
  async function* rows(): AsyncGenerator<SourceRow> {
    let rowNumber = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        rowNumber++;
        yield { rowNumber, values: record };
      }
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  async function* rows(): AsyncGenerator<SourceRow> {
    try {
      for await (const sheet of reader) {
        let any = false;
        for await (const row of sheet) {
          any = true;
          const values = (row.values as unknown[]).slice(1).map(cellValue);
          yield { rowNumber: row.number, values };
        }
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
