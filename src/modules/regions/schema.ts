import type { Generated } from 'kysely';
import type { TimestampDefault } from '../../platform/schema.ts';

export interface ProvinceTable {
  code: string;
  name: string;
}
export interface RegencyTable {
  code: string;
  province_code: string;
  name: string;
}
export interface KecamatanTable {
  code: string;
  regency_code: string;
  name: string;
}
export interface VillageTable {
  code: string;
  kecamatan_code: string;
  name: string;
  slug: string;
  kind: Generated<'desa' | 'kelurahan'>;
  address: string | null;
  phone: string | null;
  email: string | null;
  office_hours: string | null;
  created_at: TimestampDefault;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    provinces: ProvinceTable;
    regencies: RegencyTable;
    kecamatan: KecamatanTable;
    villages: VillageTable;
  }
}
