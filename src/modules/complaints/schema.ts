import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp, TimestampDefault } from '../../platform/schema.ts';
import type { CategoryField, Details } from './fields.ts';
import type { State } from './states.ts';

type Json<T> = ColumnType<T, string | T, string | T>;

export interface ComplaintCategoryTable {
  code: string;
  name: string;
  name_en: string;
  group_name: string;
  description: string;
  fields: Json<CategoryField[]>;
  sla_verify_days: number;
  sla_response_days: number;
  sla_resolve_days: number;
  confidential_default: boolean;
  anonymous_allowed: boolean;
  public_reopen: boolean;
  reopen_days: number;
  active: boolean;
  sort: number;
}

export interface ComplaintRouteTable {
  id: Generated<string>;
  category_code: string;
  /** regency 36.04, kecamatan 36.04.05 or village 36.04.05.2001: the most specific match wins */
  region_code: string;
  handler_kind: 'agency' | 'village';
  /** agency code; empty for 'village' (the report's own village handles it) */
  agency_code: string | null;
  created_at: TimestampDefault;
}

export interface ComplaintTable {
  id: Generated<string>;
  ticket: string;
  village_code: string;
  kecamatan_code: string;
  category_code: string;
  kind: 'pengaduan' | 'aspirasi' | 'informasi';
  title: string;
  description: string;
  details: Json<Details>;
  lat: number | null;
  lng: number | null;
  address: string | null;
  state: State;
  handler_kind: 'agency' | 'village';
  /** agency code, or the village code when the village handles it */
  handler_code: string;
  anonymous: boolean;
  confidential: boolean;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_email: string | null;
  reporter_resident_id: string | null;
  reporter_key_hash: string;
  source: 'web' | 'api' | 'open311';
  open311_client_id: string | null;
  open311_token: string | null;
  device_id: string | null;
  account_id: string | null;
  support_count: Generated<number>;
  duplicate_of: string | null;
  reject_reason: string | null;
  scheduled_for: string | null;
  flagged: Generated<boolean>;
  flag_reason: string | null;
  hidden: Generated<boolean>;
  public_title: string | null;
  public_description: string | null;
  verify_due_at: Timestamp;
  response_due_at: Timestamp;
  resolve_due_at: Timestamp;
  verified_at: NullableTimestamp;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  confirmed_at: NullableTimestamp;
  reopened_count: Generated<number>;
  escalation_level: Generated<number>;
  escalated_at: NullableTimestamp;
  ip_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ComplaintUpdateTable {
  id: Generated<string>;
  complaint_id: string;
  at: Timestamp;
  kind:
    | 'created'
    | 'state'
    | 'reply'
    | 'note'
    | 'route'
    | 'support'
    | 'confirm'
    | 'reopen'
    | 'escalation'
    | 'flag'
    | 'moderation';
  public: boolean;
  from_state: string | null;
  to_state: string | null;
  from_handler: string | null;
  to_handler: string | null;
  body: string;
  actor_kind: 'staff' | 'resident' | 'reporter' | 'public' | 'system';
  actor_id: string | null;
  actor_label: string;
}

export interface ComplaintPhotoTable {
  id: Generated<string>;
  complaint_id: string;
  file_id: string;
  thumb_file_id: string;
  position: number;
  /** true until an officer publishes it */
  hidden: Generated<boolean>;
  /** the resident's photo of the problem, or the officer's photo of the fix */
  kind: Generated<'laporan' | 'sesudah'>;
}

export interface ComplaintIntakeTable {
  id: Generated<string>;
  key: string;
  at: Timestamp;
}

export interface ComplaintSupportTable {
  complaint_id: string;
  key_hash: string;
  at: Timestamp;
}

/** A reply officers start from: for one category or all (null), for one state or any (null). */
export interface ComplaintTemplateTable {
  id: Generated<string>;
  category_code: string | null;
  state: State | null;
  title: string;
  body: string;
  created_at: TimestampDefault;
}

export interface Open311ClientTable {
  id: Generated<string>;
  name: string;
  key_hash: string;
  active: Generated<boolean>;
  created_at: TimestampDefault;
  created_by: string | null;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    complaint_categories: ComplaintCategoryTable;
    complaint_routes: ComplaintRouteTable;
    complaints: ComplaintTable;
    complaint_updates: ComplaintUpdateTable;
    complaint_photos: ComplaintPhotoTable;
    complaint_intake: ComplaintIntakeTable;
    complaint_supports: ComplaintSupportTable;
    open311_clients: Open311ClientTable;
    complaint_templates: ComplaintTemplateTable;
  }
}
