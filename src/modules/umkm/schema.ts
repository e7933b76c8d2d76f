import type { Generated } from 'kysely';

export interface UmkmEnterpriseTable {
  id: Generated<string>;
  village_code: string;
  status: string;
  return_reason: string | null;
  /** how it came in: `operator`, `warga` (the owner's account) or `impor` */
  source: string;
  owner_resident_id: string | null;
  owner_nik: string | null;
  owner_name: string;
  /** why the owner is not in the village's registry (required when owner_resident_id is null) */
  non_resident_reason: string | null;
  name: string;
  kbli_category: string;
  kbli_code: string | null;
  products: string;
  nib: string | null;
  pirt: string | null;
  halal: string | null;
  bpom: string | null;
  legal_form: string;
  institution: string;
  workers_male: number;
  workers_female: number;
  turnover_band: string;
  dusun: string;
  address: string;
  lat: number | null;
  lng: number | null;
  phone: string;
  email: string;
  programmes: string;
  photo_file_id: string | null;
  publish: boolean;
  publish_address: boolean;
  publish_turnover: boolean;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  confirmed_at: Date | null;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    umkm_enterprises: UmkmEnterpriseTable;
  }
}
