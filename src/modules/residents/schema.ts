import type { ColumnType, Generated } from 'kysely';
import type { TimestampDefault } from '../../platform/schema.ts';

export type ResidentStatus = 'hidup' | 'pindah' | 'mati';

export interface ResidentTable {
  id: Generated<string>;
  village_code: string;
  /** left(village_code, 5): the partition key when residents is partitioned by regency */
  regency_code: string;
  nik: string;
  family_number: string;
  name: string;
  birth_place: string;
  birth_date: ColumnType<string, string, string>;
  sex: number;
  religion_code: number | null;
  education_code: number | null;
  education_current_code: number | null;
  occupation_code: number | null;
  marital_status_code: number | null;
  family_relation_code: number | null;
  blood_type_code: number | null;
  citizenship_code: number | null;
  father_name: string | null;
  mother_name: string | null;
  dusun: string;
  rw: string;
  rt: string;
  address: string | null;
  status: Generated<ResidentStatus>;
  /** hash of the imported/edited fields: lets a re-import tell "unchanged" from "updated" cheaply */
  row_hash: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

/** A person's identity, kept with `residents` by its triggers (migration 0208_residents_keys). */
export interface ResidentKeyTable {
  id: string;
  regency_code: string;
  nik: string | null;
}

export interface FamilyTable {
  family_number: string;
  village_code: string;
  head_resident_id: string | null;
  dusun: string;
  rw: string;
  rt: string;
  address: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export type ResidentEventKind = 'lahir' | 'mati' | 'pindah_keluar' | 'pindah_masuk' | 'ubah';

export interface ResidentEventTable {
  id: Generated<string>;
  resident_id: string;
  village_code: string;
  kind: ResidentEventKind;
  event_date: ColumnType<string, string, string>;
  detail: ColumnType<Record<string, unknown>, string, string>;
  recorded_by: string | null;
  recorded_at: TimestampDefault;
}

export interface ReferenceCodeTable {
  list: string;
  code: number;
  label: string;
}

/** counts per village and category, kept current on import and edit so statistics stay fast */
export interface ResidentStatTable {
  village_code: string;
  dimension: string;
  sex: number;
  bucket: number;
  n: number;
}

/** A field of a correction request: what the registry holds, what the resident says is right. */
export interface CorrectionItem {
  /** the registry form's field (OpenSID column name: tanggallahir, agama_id, …) */
  field: string;
  from: string;
  to: string;
  state: 'menunggu' | 'diterapkan';
}

export type CorrectionState = 'diajukan' | 'diterapkan' | 'ditolak';

/** A resident's request to correct their own (or a family member's) registry data. */
export interface ResidentCorrectionTable {
  id: Generated<string>;
  village_code: string;
  resident_id: string;
  /** the resident who asked (themself or a member of the same family card) */
  requested_by: string;
  items: ColumnType<CorrectionItem[], string, string>;
  note: string;
  photo_file_id: string | null;
  contact_phone: string | null;
  /** the page the resident came from (a letter form), offered back once the data is fixed */
  return_path: string | null;
  state: Generated<CorrectionState>;
  reason: string | null;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | null, Date | null>;
  created_at: ColumnType<Date, Date, Date>;
}

/** What an import changed in an "updated" row: kept for the first rows of each import job. */
export interface ResidentImportChangeTable {
  import_job_id: string;
  row_number: number;
  nik: string;
  name: string;
  changes: ColumnType<Record<string, { from: unknown; to: unknown }>, string, string>;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    resident_corrections: ResidentCorrectionTable;
    resident_import_changes: ResidentImportChangeTable;
    residents: ResidentTable;
    resident_keys: ResidentKeyTable;
    families: FamilyTable;
    resident_events: ResidentEventTable;
    reference_codes: ReferenceCodeTable;
    resident_stats: ResidentStatTable;
  }
}
