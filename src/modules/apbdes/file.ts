/**
 * Rows of an APBDes file (CSV or XLSX) keyed by the template's column names. Unlike the platform's
 * plain `readRecords` it keeps a spreadsheet's number cells as numbers: 1500000.5 in an XLSX cell is
 * a fraction, while the text "1.500.000" is Indonesian thousands — the two must not be confused.
 */
import { cellText, type RecordRow, readRecords } from '../../platform/tabular/index.ts';

const cell = (value: unknown): string | number => (typeof value === 'number' ? value : cellText(value));

export function readBudgetFile(
  file: string,
  fileName: string,
  aliases: Record<string, string>,
): AsyncGenerator<RecordRow<string | number>> {
  return readRecords(file, { fileName, aliases, cell });
}
