import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/schema.ts';

export interface OnboardingBatchTable {
  id: Generated<string>;
  created_by: string;
  file_name: string;
  rows_total: number;
  accounts_created: number;
  rows_rejected: number;
  letters_file_id: string | null;
  letters_until: NullableTimestamp;
  created_at: Timestamp;
}

export interface OnboardingAccountTable {
  user_id: string;
  village_code: string;
  phone: string;
  batch_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  first_login_at: NullableTimestamp;
}

export interface FirstLoginCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    onboarding_batches: OnboardingBatchTable;
    onboarding_accounts: OnboardingAccountTable;
    first_login_codes: FirstLoginCodeTable;
  }
}
