import type { ColumnType, Generated } from 'kysely';

/** numeric columns come back as strings (platform/db/parsers.ts); written as numbers or strings */
type NullableNumeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;
type Created = ColumnType<Date, Date | undefined, never>;
type Updated = ColumnType<Date, Date | undefined, Date>;

export type Position = 'lying' | 'standing';

/** A posyandu of a village: where children are weighed and measured once a month. */
export interface HealthPosyanduTable {
  id: Generated<string>;
  village_code: string;
  name: string;
  dusun: string;
  /** day of the month the session is usually held (1–31), null when not fixed */
  schedule_day: number | null;
  address: string;
  active: Generated<boolean>;
  created_at: Created;
}

/** A kader account's posyandu: one posyandu per kader account. */
export interface HealthKaderTable {
  user_id: string;
  posyandu_id: string;
  village_code: string;
  created_at: Created;
}

/** A mother (KIA pairing and pregnancies): a registered resident, or a name until she is registered. */
export interface HealthMotherTable {
  id: Generated<string>;
  village_code: string;
  resident_id: string | null;
  name: string;
  nik: string | null;
  family_number: string | null;
  birth_date: string | null;
  created_at: Created;
  updated_at: Updated;
}

/** A child under five followed by a posyandu. */
export interface HealthChildTable {
  id: Generated<string>;
  village_code: string;
  posyandu_id: string;
  resident_id: string | null;
  name: string;
  /** 1 laki-laki, 2 perempuan (as WHO and the registry) */
  sex: number;
  birth_date: string;
  nik: string | null;
  family_number: string | null;
  mother_id: string | null;
  birth_weight_kg: NullableNumeric;
  birth_length_cm: NullableNumeric;
  active: Generated<boolean>;
  /** set when the child's personal data was erased: the measurements stay, anonymous, for the figures */
  anonymised_at: Date | null;
  created_at: Created;
  updated_at: Updated;
}

export interface HealthPregnancyTable {
  id: Generated<string>;
  village_code: string;
  mother_id: string;
  posyandu_id: string | null;
  expected_date: string | null;
  first_check_date: string | null;
  ended_on: string | null;
  created_at: Created;
}

export interface HealthPregnancyCheckTable {
  id: Generated<string>;
  pregnancy_id: string;
  village_code: string;
  checked_on: string;
  gestational_weeks: number | null;
  lila_cm: NullableNumeric;
  /** LiLA below 23.5 cm: risk of chronic energy deficiency (KEK) */
  kek_risk: boolean;
  iron_tablets: number;
  visit_number: number | null;
  entered_by: string | null;
  created_at: Created;
}

/**
 * One monthly measurement of a child. The z-scores, categories and weight-gain judgement are
 * computed when it is saved (and again when it is edited) so figures are plain counts.
 */
export interface HealthMeasurementTable {
  id: Generated<string>;
  child_id: string;
  village_code: string;
  posyandu_id: string;
  measured_on: string;
  /** first day of measured_on's month: one measurement per child per month */
  measured_month: string;
  age_days: number;
  weight_kg: NullableNumeric;
  height_cm: NullableNumeric;
  position: Position | null;
  head_cm: NullableNumeric;
  arm_cm: NullableNumeric;
  oedema: boolean;
  /** immunisation codes given at this visit (e.g. HB0, BCG, DPT1, POLIO1, CAMPAK) */
  immunisations: ColumnType<string[], string[] | undefined, string[]>;
  vitamin_a: boolean;
  exclusive_breastfeeding: boolean | null;
  haz: NullableNumeric;
  waz: NullableNumeric;
  whz: NullableNumeric;
  height_for_age: string | null;
  weight_for_age: string | null;
  weight_for_height: string | null;
  /** naik | tidak_naik | baru */
  weight_gain: string | null;
  two_t: boolean;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  confirmed_implausible: boolean;
  entered_by: string | null;
  created_at: Created;
  updated_at: Updated;
}

/** A puskesmas; its area is the villages `health_puskesmas_villages` gives it. */
export interface HealthPuskesmasTable {
  code: string;
  name: string;
  /** where the puskesmas stands; its area may reach into a neighbouring kecamatan */
  kecamatan_code: string;
  active: Generated<boolean>;
  created_at: Created;
  updated_at: Updated;
}

export interface HealthPuskesmasVillageTable {
  village_code: string;
  puskesmas_code: string;
  assigned_at: Created;
}

/** A Dinkes officer assigned to one puskesmas (no row: regency-wide reading). */
export interface HealthPuskesmasOfficerTable {
  user_id: string;
  puskesmas_code: string;
  assigned_at: Updated;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    health_posyandu: HealthPosyanduTable;
    health_kader: HealthKaderTable;
    health_mothers: HealthMotherTable;
    health_children: HealthChildTable;
    health_pregnancies: HealthPregnancyTable;
    health_pregnancy_checks: HealthPregnancyCheckTable;
    health_measurements: HealthMeasurementTable;
    health_puskesmas: HealthPuskesmasTable;
    health_puskesmas_villages: HealthPuskesmasVillageTable;
    health_puskesmas_officers: HealthPuskesmasOfficerTable;
  }
}
