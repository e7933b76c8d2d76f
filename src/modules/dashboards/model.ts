import { barOption, type ChartOption } from '../../platform/charts/echarts.ts';

export type CellValue = string | number | null;

/** One table of a dashboard page: drawn as HTML and exported as CSV/XLSX from the same rows. */
export interface DataTable {
  /** `?tabel=` of its export */
  name: string;
  title: string;
  header: string[];
  rows: CellValue[][];
  /** a link for each row's first cell (a drill-down), null for none; not exported */
  links?: Array<string | null>;
  /**
   * offered as a download only, too long to draw on the page; its rows are counted only when the
   * export asks for it (the page builder reads `?tabel=`)
   */
  exportOnly?: boolean;
}

export interface ChartSpec {
  title: string;
  option: ChartOption;
  height: number;
}

/** What every dashboard page shows: where, how fresh, how counted, the numbers. */
export interface DashboardPage {
  /** the page's own path, `/kelola/statistik/...` */
  path: string;
  title: string;
  region: string;
  regionName: string;
  /** when the numbers were counted (live pages: the moment of the request) */
  asOf: Date;
  /**
   * set on pages read from a daily rollup: its last refresh (null: never refreshed); the days
   * written since (today among them) are counted live at `asOf`
   */
  rollup?: { refreshedAt: Date | null };
  /** the query the page was asked with (kept by filters and export links) */
  query: Record<string, string>;
  /** label → value lines above the tables (the regent's counts) */
  headline: Array<[string, string]>;
  /** term → how it is counted, shown on the page */
  definitions: Array<[string, string]>;
  charts: ChartSpec[];
  tables: DataTable[];
  notes: string[];
  /** the page takes `dari`/`sampai` */
  period?: { dari: string; sampai: string };
}

/** A share in percent with one decimal; null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Bars of some numeric columns of a table, one category per row (the chart beside the table). */
export function tableBars(table: DataTable, columns: number[]): ChartOption {
  return barOption(
    table.rows.map((r) => String(r[0])),
    columns.map((i) => ({
      label: table.header[i] ?? '',
      values: table.rows.map((r) => (typeof r[i] === 'number' ? r[i] : null)),
    })),
  );
}
