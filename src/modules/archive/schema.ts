import type { Generated } from 'kysely';

type Timestamp = Generated<Date>;

/** The letter and archive classification (Permendagri 83/2022), kept by admin kabupaten. */
export interface ClassificationCodeTable {
  code: string;
  name: string;
  parent: string | null;
  retention_active: string;
  retention_inactive: string;
  final_disposition: string;
  active: Generated<boolean>;
  updated_at: Timestamp;
}

/** Buku agenda surat masuk: one row per letter received by a village office. */
export interface ArchiveIncomingTable {
  id: Generated<string>;
  village_code: string;
  year: number;
  agenda_number: number;
  received_on: string;
  letter_number: string;
  letter_date: string;
  sender: string;
  subject: string;
  classification_code: string;
  scan_file_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  deleted_at: Date | null;
  deleted_by: string | null;
  deleted_reason: string | null;
}

export interface ArchiveDispositionTable {
  id: Generated<string>;
  incoming_id: string;
  village_code: string;
  assignee_id: string;
  instruction: string;
  due_on: string | null;
  status: 'belum' | 'proses' | 'selesai';
  reply: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Buku agenda surat keluar: letters the office writes by hand (service letters are read from letters). */
export interface ArchiveOutgoingTable {
  id: Generated<string>;
  village_code: string;
  year: number;
  agenda_number: number;
  letter_number: string;
  letter_date: string;
  recipient: string;
  subject: string;
  classification_code: string;
  sent_on: string | null;
  receipt_file_id: string | null;
  receipt_noted_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
  deleted_at: Date | null;
  deleted_by: string | null;
  deleted_reason: string | null;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    classification_codes: ClassificationCodeTable;
    archive_incoming: ArchiveIncomingTable;
    archive_dispositions: ArchiveDispositionTable;
    archive_outgoing: ArchiveOutgoingTable;
  }
}
