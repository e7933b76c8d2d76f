import type { ColumnType, Generated } from 'kysely';
import type { TimestampDefault } from '../../platform/schema.ts';

export interface LetterClassificationTable {
  code: string;
  name: string;
}

/** Per issuer (village code or agency code), year and classification: the last number given. */
export interface LetterSequenceTable {
  issuer: string;
  year: number;
  classification_code: string;
  last_number: number;
}

/** How a village (or agency) letter is numbered and who signs it. */
export interface LetterSettingsTable {
  issuer: string;
  number_pattern: string;
  signatory_name: string | null;
  signatory_position: string | null;
  signatory_employee_number: string | null;
  delegate_name: string | null;
  delegate_position: string | null;
  delegate_employee_number: string | null;
  logo_file_id: string | null;
  updated_at: TimestampDefault;
}

export interface LetterTable {
  id: Generated<string>;
  request_id: string | null;
  issuer: string;
  village_code: string;
  service_slug: string;
  letter_code: string;
  title: string;
  number: string;
  year: number;
  classification_code: string;
  sequence: number;
  subject_name: string;
  subject_nik: string;
  verification_code: string;
  file_id: string;
  pdf_sha256: string;
  signed_by: string;
  signed_by_name: string;
  signed_on_behalf: boolean;
  signature_method: string;
  issued_at: ColumnType<Date, Date | string, Date | string>;
  valid_until: ColumnType<string | null, string | null, string | null>;
  created_at: TimestampDefault;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    letter_classifications: LetterClassificationTable;
    letter_sequences: LetterSequenceTable;
    letter_settings: LetterSettingsTable;
    letters: LetterTable;
  }
}
