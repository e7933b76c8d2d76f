/**
 * Rows of an APBDes file (CSV or XLSX) keyed by the template's column names. Unlike the platform's
 * `readRecords` it keeps a spreadsheet's number cells as numbers: 1500000.5 in an XLSX cell is a
 * fraction, while the text "1.500.000" is Indonesian thousands — the two must not be confused.
 */
import { readSpreadsheetText } from '../../platform/csv.ts';
import { headerKey, openSource } from '../../platform/tabular/read.ts';

export interface BudgetRow {
  rowNumber: number;
  record: Record<string, string | number>;
}

function cell(value: unknown): string | number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return readSpreadsheetText(String(value).trim());
}

export async function* readBudgetFile(
  file: string,
  fileName: string,
  aliases: Record<string, string>,
): AsyncGenerator<BudgetRow> {
  const source = openSource(file, fileName);
  let keys: string[] | null = null;
  for await (const group of source.rows) {
    for (const { rowNumber, values } of group) {
      if (values.every((v) => v === '' || v === null || v === undefined)) continue;
      if (!keys) {
        keys = values.map((v) => {
          const key = headerKey(v);
          return aliases[key] ?? key;
        });
        continue;
      }
      const record: Record<string, string | number> = {};
      keys.forEach((key, i) => {
        if (key) record[key] = cell(values[i]);
      });
      yield { rowNumber, record };
    }
  }
}
