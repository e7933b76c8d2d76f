/**
 * The platform's one writer of spreadsheet text: every CSV the platform serves or writes, and every
 * string cell of an XLSX export, goes through here.
 *
 * A cell that starts with `=`, `+`, `-`, `@`, TAB or CR is read by Excel, LibreOffice and Google
 * Sheets as a formula (CSV injection, OWASP): a resident's name `=HYPERLINK(…)` typed into a
 * complaint or an import file would run on the operator's desk. Such a cell is written with a
 * leading `'`, which spreadsheets show as text; `readSpreadsheetText` takes it off again so that an
 * export re-imports unchanged.
 */
const FORMULA_LEAD = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A cell's text with formula-leading values neutralised; numbers are left as they are. */
export function spreadsheetText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return FORMULA_LEAD.test(value) ? `'${value}` : value;
}

/** The inverse of spreadsheetText for a cell read back from an import file. */
export function readSpreadsheetText(value: string): string {
  return value.startsWith("'") && FORMULA_LEAD.test(value.slice(1)) ? value.slice(1) : value;
}

/** One field: neutralised, then quoted per RFC 4180 where it holds a quote, comma or line break. */
export function csvField(value: string | number | null | undefined): string {
  const text = spreadsheetText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One record and its line end. LF rather than RFC 4180's CRLF: every reader we serve (Excel,
 * LibreOffice, our own importer, OpenSID) accepts it, and the files we already handed out used it.
 */
export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\n`;
}

/**
 * Splits one line of a simple CSV file (no line breaks inside fields) into its fields: a field may
 * be double-quoted, and `""` inside quotes is one quote. For reference lists shipped as files; an
 * uploaded import goes through platform/tabular, which also reads quoted line breaks.
 */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(current);
      current = '';
    } else current += c;
  }
  fields.push(current);
  return fields;
}
