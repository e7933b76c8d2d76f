import type { ColumnType, Generated } from 'kysely';

/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** A timestamptz column with a database default (may be left out on insert). */
export type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export interface AgencyTable {
  code: string;
  name: string;
  short_name: string;
  field: Generated<string>;
  head_email: string | null;
  created_at: TimestampDefault;
}

export interface StaffUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: string;
  scope_type: string;
  scope_code: string;
  password_hash: string;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface SessionTable {
  id: string;
  subject_kind: 'staff' | 'resident';
  subject_id: string;
  subject: Json<Record<string, unknown>>;
  csrf_secret: string;
  created_at: TimestampDefault;
  last_seen_at: TimestampDefault;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: TimestampDefault;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  expires_at: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  last_failure_at: NullableTimestamp;
  blocked_until: NullableTimestamp;
  last_success_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string | null;
  village_code: string | null;
  detail: Json<Record<string, unknown>>;
  ip: string | null;
}

export interface FileTable {
  id: Generated<string>;
  sha256: string;
  size: number;
  content_type: string;
  name: string;
  village_code: string | null;
  created_by: string | null;
  created_at: TimestampDefault;
}

export interface OutboxTable {
  id: Generated<string>;
  channel: 'sms' | 'whatsapp' | 'email' | 'log';
  recipient: string;
  subject: Generated<string>;
  body: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: TimestampDefault;
  send_after: TimestampDefault;
  sent_at: NullableTimestamp;
}

declare module './db/database.ts' {
  interface Database {
    agencies: AgencyTable;
    staff_users: StaffUserTable;
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    login_throttle: LoginThrottleTable;
    audit_log: AuditLogTable;
    files: FileTable;
    outbox: OutboxTable;
  }
}
