/**
 * One registry sheet import (CSV or XLSX, one record a row) for the modules whose import saves
 * row by row: the file is read through platform/tabular with the module's header aliases, the
 * first row must carry the columns the module needs, each row is handed to the module's `saveRow`,
 * and every problem of a rejected row becomes a line of the errors file (baris, kolom, pesan).
 */
import type { Ctx } from '../context.ts';
import { csvLine } from '../csv.ts';
import { Invalid } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import { csvFileWriter, readRecords } from '../tabular/index.ts';
import type { ImportDefinition, ImportJob, ImportOutcome, ImportReporter } from './index.ts';

export interface RejectedRow {
  row: number;
  column: string;
  message: string;
}

/** What a saved row did; nothing when the row was rejected (its problems given to `reject`). */
export type RowOutcome = 'inserted' | 'updated' | 'unchanged';

export interface SheetRow {
  rowNumber: number;
  record: Record<string, string>;
  /** a problem of this row: the row is rejected, with one errors-file line per problem */
  reject(column: string, message: string): void;
}

export interface SheetFormat {
  /** the template's columns, named in the message of a file without the needed ones */
  columns: readonly string[];
  /** the columns the first row must have, or the file is refused */
  required: readonly string[];
  aliases: Record<string, string>;
  /** i18n keys of the file-level refusals: the needed columns missing (`{columns}`), no row at all */
  messages: { columns: string; empty: string };
}

/** Saves one row of the sheet: what it did, or nothing when it rejected the row (`SheetRow.reject`). */
export type SaveRow = (row: SheetRow) => Promise<RowOutcome | undefined>;

/** The template file of an import: the columns, then the example rows. */
export function sheetTemplate(
  columns: readonly string[],
  examples: ReadonlyArray<readonly string[]>,
): string {
  return [columns, ...examples].map((row) => csvLine(row)).join('');
}

/**
 * The import definition of a module whose run is `importSheet` over `format`. `rows` is asked once a
 * run for the saver of its rows, after checking what the whole file depends on (the job's posyandu,
 * say: throwing `Invalid` there fails the import with that message).
 */
export function sheetImport(
  definition: Omit<ImportDefinition, 'run'> & {
    format: SheetFormat;
    rows(ctx: Ctx, job: ImportJob): SaveRow | Promise<SaveRow>;
  },
): ImportDefinition {
  const { format, rows, ...rest } = definition;
  return {
    ...rest,
    run: async (ctx, job, file, progress) => importSheet(job, file, progress, format, await rows(ctx, job)),
  };
}

/** Writes the errors file of an import; returns how many rows were rejected. */
export async function writeRejectedRows(errorFile: string, rejected: RejectedRow[]): Promise<number> {
  if (rejected.length === 0) return 0;
  const writer = csvFileWriter(errorFile);
  await writer.row(['baris', 'kolom', 'pesan']);
  for (const r of rejected) await writer.row([r.row, r.column, r.message]);
  await writer.close();
  return new Set(rejected.map((r) => r.row)).size;
}

/**
 * Runs `saveRow` over every row of the job's file. A row is rejected when `saveRow` reports a
 * problem or throws `Invalid` (one problem per field); any other error fails the whole import.
 */
async function importSheet(
  job: ImportJob,
  file: string,
  progress: ImportReporter,
  format: SheetFormat,
  saveRow: SaveRow,
): Promise<ImportOutcome> {
  const rejected: RejectedRow[] = [];
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  let rowsTotal = 0;
  for await (const { rowNumber, record } of readRecords(file, {
    fileName: job.fileName,
    aliases: format.aliases,
  })) {
    if (rowsTotal === 0 && !format.required.every((column) => column in record))
      throw new Invalid({ file: t(format.messages.columns, { columns: format.columns.join(', ') }) });
    rowsTotal++;
    const before = rejected.length;
    const reject = (column: string, message: string) => rejected.push({ row: rowNumber, column, message });
    try {
      const outcome = await saveRow({ rowNumber, record, reject });
      if (outcome && rejected.length === before) counts[outcome]++;
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      for (const [column, message] of Object.entries(error.fields)) reject(column, message);
    }
    progress.report({ rowsDone: rowsTotal });
  }
  if (rowsTotal === 0) throw new Invalid({ file: t(format.messages.empty) });
  return { ...counts, rejected: await writeRejectedRows(job.errorFile, rejected), rowsTotal };
}
