import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp, TimestampDefault } from '../../../platform/schema.ts';

/** SKKAAD access classes, from open to most secret. */
export const ACCESS_CLASSES = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type AccessClass = (typeof ACCESS_CLASSES)[number];

/** What the JRA says happens once the inactive years are over. */
export const DISPOSITIONS = ['musnah', 'permanen', 'dinilai_kembali'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export type ExtractionState = 'menunggu' | 'berjalan' | 'selesai' | 'gagal';

export interface ArchiveDocumentTable {
  id: Generated<string>;
  village_code: string;
  /** null once the bytes were destroyed after an approved usul musnah */
  file_id: string | null;
  sha256: string;
  content_type: string;
  size: number;
  file_name: string;
  title: string;
  number: string | null;
  document_date: ColumnType<string, string, string>;
  classification: string | null;
  category: string;
  active_years: number;
  inactive_years: number;
  disposition: Disposition;
  access_class: AccessClass;
  /** where the paper original is kept: "Lemari 2, rak 3, map 14" */
  location: string | null;
  extraction_state: ColumnType<ExtractionState, ExtractionState | undefined, ExtractionState>;
  extraction_method: string | null;
  extraction_attempts: ColumnType<number, number | undefined, number>;
  extraction_error: string | null;
  extraction_started_at: NullableTimestamp;
  extraction_next_at: NullableTimestamp;
  pages_done: ColumnType<number, number | undefined, number>;
  pages_total: number | null;
  text: ColumnType<string, string | undefined, string>;
  /** generated: title, number and classification (weight A), text (B), `indonesian` configuration */
  search: ColumnType<string, never, never>;
  /** generated: title and number, for trigram matches of names and numbers */
  label: ColumnType<string, never, never>;
  created_by: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
  deleted_at: NullableTimestamp;
  deleted_by: string | null;
  deleted_reason: string | null;
  destroyed_at: NullableTimestamp;
  destruction_id: string | null;
}

/** One approved usul musnah: the kepala desa's decision, with its berita acara. */
export interface ArchiveDestructionTable {
  id: Generated<string>;
  village_code: string;
  approved_by: string | null;
  approved_at: Timestamp;
  reason: string;
  minutes_number: string;
  documents: number;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    archive_documents: ArchiveDocumentTable;
    archive_destructions: ArchiveDestructionTable;
  }
}
