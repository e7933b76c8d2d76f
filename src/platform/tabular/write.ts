/**
 * The platform's writers of spreadsheet files, formula-safe through `csvLine`/`spreadsheetText`
 * (platform/csv.ts): a CSV written to a file with back-pressure, and an XLSX streamed to a file or
 * to any writable stream (an HTTP reply) without holding the workbook in memory.
 */
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { csvLine, spreadsheetText } from '../csv.ts';

export type Cell = string | number | null | undefined;

export interface TableWriter {
  row(values: ReadonlyArray<Cell>): Promise<void>;
  close(): Promise<void>;
}

/** A CSV file written line by line; `row` waits when the disk falls behind. */
export function csvFileWriter(path: string): TableWriter {
  const out = fs.createWriteStream(path);
  return {
    async row(values) {
      if (!out.write(csvLine(values)))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      ),
  };
}

/** An XLSX with one worksheet, streamed to `target` (a file path or a writable stream). */
export async function xlsxWriter(target: string | Writable, sheetName: string): Promise<TableWriter> {
  // exceljs takes half a second to load: only a writer of XLSX pays it
  const { default: Excel } = (await import('exceljs')) as { default: typeof ExcelJS };
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    ...(typeof target === 'string' ? { filename: target } : { stream: target }),
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  return {
    async row(values) {
      sheet.addRow(values.map(spreadsheetText)).commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** Writes every row of `rows` as CSV or XLSX (by the file name's ending) and returns how many. */
export async function writeTable(
  path: string,
  rows: Iterable<ReadonlyArray<Cell>> | AsyncIterable<ReadonlyArray<Cell>>,
  options: { sheetName?: string } = {},
): Promise<number> {
  const writer = path.toLowerCase().endsWith('.xlsx')
    ? await xlsxWriter(path, options.sheetName ?? 'Data')
    : csvFileWriter(path);
  let n = 0;
  try {
    for await (const values of rows) {
      await writer.row(values);
      n++;
    }
  } finally {
    await writer.close();
  }
  return n;
}
