import type { Generated } from 'kysely';
import type { NullableTimestamp, TimestampDefault } from '../schema.ts';

// The table was created by the services module's landed migration `0301_service_requests`
// (landed migrations are never edited); its logic is the platform's (auth/resident-login.ts).
export interface ResidentPinTable {
  resident_id: string;
  pin_hash: string;
  must_change: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  issued_by: string | null;
  issued_at: TimestampDefault;
  last_login_at: NullableTimestamp;
}

declare module '../db/database.ts' {
  interface Database {
    resident_pins: ResidentPinTable;
  }
}
