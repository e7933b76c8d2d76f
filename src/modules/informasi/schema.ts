import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp, TimestampDefault } from '../../platform/schema.ts';

export type BodyKind = 'village' | 'agency';
export type Category = 'berkala' | 'serta_merta' | 'setiap_saat' | 'dikecualikan';
export type RequestState =
  | 'diproses'
  | 'diperpanjang'
  | 'diterima_seluruhnya'
  | 'diterima_sebagian'
  | 'ditolak';

/** One line of a public body's Daftar Informasi Publik (DIP). */
export interface InformasiEntryTable {
  id: Generated<string>;
  body_kind: BodyKind;
  /** village code (36.04.05.2001) or agency code (DPUPR) */
  body_code: string;
  /** the village a village body's rows belong to; null for an agency */
  village_code: string | null;
  category: Category;
  title: string;
  summary: string;
  /** pejabat penguasa informasi */
  official: string;
  period: string;
  format: 'softcopy' | 'hardcopy' | 'keduanya';
  retention: string;
  file_id: string | null;
  file_name: string | null;
  link: string | null;
  /** uji konsekuensi (dikecualikan only): the article, the harm, why withholding outweighs disclosure */
  legal_basis: string | null;
  consequence: string | null;
  public_interest: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface InformasiRequestTable {
  id: Generated<string>;
  number: string;
  body_kind: BodyKind;
  body_code: string;
  village_code: string | null;
  year: number;
  seq: number;
  token_hash: string;
  name: string;
  id_kind: 'nik' | 'lain';
  id_number: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  information: string;
  purpose: string;
  /** how the requester wants the information: lihat/baca, softcopy copy, hardcopy copy */
  delivery: 'lihat' | 'softcopy' | 'hardcopy';
  /** how the copy reaches them */
  copy_method: 'email' | 'ambil' | 'pos' | 'tidak';
  received_at: Timestamp;
  due_at: Timestamp;
  extended_due_at: NullableTimestamp;
  extension_reason: string | null;
  state: RequestState;
  decided_at: NullableTimestamp;
  answer_note: string | null;
  answer_file_id: string | null;
  answer_file_name: string | null;
  refusal_ground: string | null;
  overdue_notified_at: NullableTimestamp;
}

export interface InformasiRequestEventTable {
  id: Generated<string>;
  request_id: string;
  seq: Generated<string>;
  at: Timestamp;
  kind: string;
  actor_id: string | null;
  note: string;
}

export interface InformasiObjectionTable {
  id: Generated<string>;
  request_id: string;
  reason: string;
  note: string;
  filed_at: Timestamp;
  due_at: Timestamp;
  state: 'diproses' | 'dikabulkan' | 'ditolak';
  decision_note: string | null;
  decided_at: NullableTimestamp;
  overdue_notified_at: NullableTimestamp;
}

export interface InformasiCounterTable {
  body_kind: BodyKind;
  body_code: string;
  year: number;
  n: number;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    informasi_entries: InformasiEntryTable;
    informasi_requests: InformasiRequestTable;
    informasi_request_events: InformasiRequestEventTable;
    informasi_objections: InformasiObjectionTable;
    informasi_counters: InformasiCounterTable;
  }
}
