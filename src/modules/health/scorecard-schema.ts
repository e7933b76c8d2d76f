import type { ColumnType } from 'kysely';

/**
 * What a village reports for a quarter of the convergence scorecard where the registry holds no
 * data (home visits, counselling, water, sanitation, birth certificates, JKN, PAUD): one row per
 * village, quarter and indicator.
 */
export interface HealthScorecardEntryTable {
  village_code: string;
  year: number;
  /** 1–4 */
  quarter: number;
  /** an entered indicator's code (scorecard.ts) */
  indicator: string;
  /** how many of the indicator's target received the service */
  achieved: number;
  /** the target's size where the registry cannot count it (PAUD: children 2–6 years), else null */
  target: number | null;
  entered_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    health_scorecard_entries: HealthScorecardEntryTable;
  }
}
