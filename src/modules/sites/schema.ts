import type { ColumnType, Generated } from 'kysely';

type Stamp = ColumnType<Date, Date | string, Date | string>;

export interface SiteProfileTable {
  village_code: string;
  history: string;
  vision: string;
  mission: string;
  area_km2: number | null;
  lat: number | null;
  lng: number | null;
  place_name: string;
  /** one dusun per line */
  hamlets: string;
  rw_count: number | null;
  rt_count: number | null;
  about: string;
  updated_at: Stamp;
}

export interface SiteImageVariant {
  format: 'avif' | 'webp' | 'jpeg';
  width: number;
  height: number;
  fileId: string;
}

export interface SiteImageTable {
  id: Generated<string>;
  village_code: string;
  alt: string;
  caption: string;
  width: number;
  height: number;
  variants: ColumnType<SiteImageVariant[], string, string>;
  in_gallery: boolean;
  created_at: Stamp;
}

export interface SiteOfficialTable {
  id: Generated<string>;
  village_code: string;
  name: string;
  position: string;
  grp: 'perangkat' | 'bpd';
  sort_order: number;
  photo_id: string | null;
  updated_at: Stamp;
}

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';

export interface SiteArticleTable {
  id: Generated<string>;
  village_code: string;
  kind: 'berita' | 'pengumuman';
  title: string;
  slug: string;
  summary: string;
  body: string;
  cover_id: string | null;
  status: ArticleStatus;
  publish_at: Stamp | null;
  published_at: Stamp | null;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface SiteEventTable {
  id: Generated<string>;
  village_code: string;
  title: string;
  starts_at: Stamp;
  ends_at: Stamp | null;
  place: string;
  description: string;
  updated_at: Stamp;
}

export type RevisionEntity = 'profile' | 'article' | 'official' | 'event';

export interface SiteRevisionTable {
  id: Generated<string>;
  seq: Generated<string>;
  village_code: string;
  entity: RevisionEntity;
  entity_id: string;
  content: ColumnType<Record<string, unknown>, string, string>;
  saved_by: string | null;
  saved_by_name: string;
  saved_at: Stamp;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    site_profiles: SiteProfileTable;
    site_images: SiteImageTable;
    site_officials: SiteOfficialTable;
    site_articles: SiteArticleTable;
    site_events: SiteEventTable;
    site_revisions: SiteRevisionTable;
  }
}
