import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, TimestampDefault } from '../../platform/schema.ts';
import type { ServiceDefinition } from './definition.ts';

type Json<T> = ColumnType<T, string, string>;

export interface ServiceTable {
  id: Generated<string>;
  slug: string;
  owner_type: 'village' | 'agency';
  owner_code: string | null;
  current_version: number;
  active: Generated<boolean>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface ServiceVersionTable {
  service_id: string;
  version: number;
  definition: Json<ServiceDefinition>;
  created_by: string | null;
  created_at: TimestampDefault;
}

/** A village's own choices: a missing row means the service is on. */
export interface VillageServiceTable {
  village_code: string;
  service_id: string;
  enabled: boolean;
  updated_at: TimestampDefault;
}

export const REQUEST_STATES = [
  'draf',
  'diperiksa',
  'belum_lengkap',
  'menunggu_tanda_tangan',
  'siap_diambil',
  'sudah_diambil',
  'ditolak',
  'dibatalkan',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** Registry facts about the applicant at the time of filing (the letter prints these). */
export interface ApplicantSnapshot {
  residentId: string;
  nik: string;
  familyNumber: string;
  name: string;
  birthPlace: string;
  birthDate: string;
  sex: number;
  religion: string;
  maritalStatus: string;
  occupation: string;
  education: string;
  citizenship: string;
  fatherName: string;
  motherName: string;
  address: string;
}

export interface ServiceRequestTable {
  id: Generated<string>;
  code: string;
  village_code: string;
  service_id: string;
  service_version: number;
  resident_id: string;
  applicant: Json<ApplicantSnapshot>;
  data: Json<Record<string, string>>;
  state: RequestState;
  step_index: Generated<number>;
  /** field → what the checker asks to correct; empty once resubmitted */
  remarks: Json<Record<string, string>>;
  remark_note: string | null;
  filed_by: string | null;
  contact_phone: string | null;
  contact_channel: string | null;
  submitted_at: NullableTimestamp;
  due_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface ServiceRequestAttachmentTable {
  id: Generated<string>;
  request_id: string;
  name: string;
  file_id: string;
  file_name: string;
  content_type: string;
  size: number;
  created_at: TimestampDefault;
}

export interface ServiceRequestEventTable {
  id: Generated<number>;
  request_id: string;
  at: TimestampDefault;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  kind: string;
  note: string | null;
  detail: Json<Record<string, unknown>>;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    services: ServiceTable;
    service_versions: ServiceVersionTable;
    village_services: VillageServiceTable;
    service_requests: ServiceRequestTable;
    service_request_attachments: ServiceRequestAttachmentTable;
    service_request_events: ServiceRequestEventTable;
  }
}
