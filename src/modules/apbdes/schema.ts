import type { ColumnType, Generated } from 'kysely';
import type { Section } from './structure.ts';

export type BudgetStatus = 'draft' | 'published';

/** One village's APBDes of one year. */
export interface ApbdesTable {
  id: Generated<string>;
  village_code: string;
  year: number;
  status: BudgetStatus;
  published_at: Date | null;
  updated_at: ColumnType<Date, Date, Date>;
  updated_by: string | null;
}

/** One line: a pendapatan or pembiayaan object, or a belanja kegiatan; amounts in whole rupiah. */
export interface ApbdesLineTable {
  id: Generated<string>;
  apbdes_id: string;
  village_code: string;
  section: Section;
  code: string;
  sort_key: string;
  name: string;
  budget: number;
  realised_s1: number;
  realised_s2: number;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    apbdes: ApbdesTable;
    apbdes_lines: ApbdesLineTable;
  }
}
