import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, Date | undefined, never>;
type Updated = ColumnType<Date, Date | undefined, Date>;

export type AidSource = 'apbn' | 'apbd' | 'dana_desa';
export type AidTarget = 'person' | 'family' | 'household';
export type ApplicationStatus =
  | 'diajukan'
  | 'dikembalikan'
  | 'diverifikasi_desa'
  | 'diteruskan'
  | 'disetujui'
  | 'ditolak'
  | 'disalurkan';
export type BeneficiaryEventKind = 'ditambahkan' | 'diverifikasi' | 'dihentikan' | 'disalurkan';

/** An aid programme: national ones are reference data; a village keeps its own BLT-DD. */
export interface AidProgrammeTable {
  id: Generated<string>;
  code: string;
  name: string;
  source: AidSource;
  target: AidTarget;
  benefit: string;
  period_start: string | null;
  period_end: string | null;
  /** null: a programme of the whole regency; a village code: that village's own (BLT-DD) */
  village_code: string | null;
  active: Generated<boolean>;
  created_at: Created;
}

/** A family's DTSEN welfare decile (1 poorest … 10), where known, with the date of its source. */
export interface AidFamilyDecileTable {
  family_number: string;
  village_code: string;
  decile: number;
  source: string;
  as_of: string;
  updated_by: string | null;
  updated_at: Updated;
}

/** One entry of the beneficiary registry: a programme, a period, a person or a family. */
export interface AidBeneficiaryTable {
  id: Generated<string>;
  village_code: string;
  programme_id: string;
  period: string;
  /** the NIK for a person programme, the KK number for a family or household programme */
  subject_key: string;
  nik: string | null;
  family_number: string | null;
  resident_id: string | null;
  name: string;
  dusun: string;
  rt: string;
  active: Generated<boolean>;
  verified_at: Date | null;
  stopped_reason: string | null;
  application_id: string | null;
  created_at: Created;
  updated_at: Updated;
}

export interface AidBeneficiaryEventTable {
  id: Generated<string>;
  /** the order lines were written in (several may share one instant) */
  seq: ColumnType<number, never, never>;
  beneficiary_id: string;
  village_code: string;
  kind: BeneficiaryEventKind;
  note: string;
  on_date: string | null;
  amount: number | null;
  goods: string | null;
  actor_id: string | null;
  actor_name: string;
  at: Date;
}

/** An application (usulan) for aid, followed by the resident from filing to disbursement. */
export interface AidApplicationTable {
  id: Generated<string>;
  code: string;
  village_code: string;
  programme_id: string;
  resident_id: string | null;
  nik: string;
  family_number: string | null;
  name: string;
  dusun: string;
  rt: string;
  phone: string | null;
  reason: string;
  status: ApplicationStatus;
  filed_by: string | null;
  submitted_at: Date;
  status_at: Date;
  /** the end of the day the step now waited for is due */
  due_at: Date | null;
  musdes_date: string | null;
  musdes_number: string | null;
  musdes_file_id: string | null;
  return_reason: string | null;
  decision_reason: string | null;
  disbursed_on: string | null;
  amount: number | null;
  goods: string | null;
  beneficiary_id: string | null;
  created_at: Created;
  updated_at: Updated;
}

/** Every status an application took, with who set it and when. */
export interface AidApplicationEventTable {
  id: Generated<string>;
  seq: ColumnType<number, never, never>;
  application_id: string;
  village_code: string;
  status: ApplicationStatus;
  note: string;
  actor_kind: 'resident' | 'staff' | 'system';
  actor_id: string | null;
  actor_name: string;
  at: Date;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    aid_programmes: AidProgrammeTable;
    aid_family_deciles: AidFamilyDecileTable;
    aid_beneficiaries: AidBeneficiaryTable;
    aid_beneficiary_events: AidBeneficiaryEventTable;
    aid_applications: AidApplicationTable;
    aid_application_events: AidApplicationEventTable;
  }
}
