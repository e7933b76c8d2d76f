import type { ColumnType, Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { TimestampDefault } from '../schema.ts';
import { narrowSearchIndexes } from './narrow-indexes.ts';

/**
 * Who may find a document: `public` everyone (visitors included); `record` staff whose scope
 * covers the village or who handle it (as `view_record` on the module's item); `personal` the
 * same staff, never an agency officer (people: residents' names, NIK, address).
 */
export type SearchVisibility = 'public' | 'record' | 'personal';

export interface SearchDocumentTable {
  module: string;
  kind: string;
  ref_id: string;
  /** null for regency-wide things */
  village_code: string | null;
  handler_kind: 'agency' | 'village' | null;
  handler_code: string | null;
  confidential: ColumnType<boolean, boolean | undefined, boolean>;
  visibility: SearchVisibility;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  url: string;
  updated_at: TimestampDefault;
  /** generated: title (weight A) and body (weight B) with the `indonesian` configuration */
  document: ColumnType<string, never, never>;
}

declare module '../db/database.ts' {
  interface Database {
    search_documents: SearchDocumentTable;
  }
}

/** The text search configuration (PGlite 0.5.16 and PostgreSQL 15 both ship `indonesian`). */
export const SEARCH_CONFIG = 'indonesian';

const searchDocuments: Migration = {
  async up(db: Kysely<unknown>) {
    // btree_gin lets one GIN index hold the village code beside the title's trigrams
    await sql`CREATE EXTENSION IF NOT EXISTS btree_gin`.execute(db);
    await sql`
      CREATE TABLE search_documents (
        module text NOT NULL,
        kind text NOT NULL,
        ref_id text NOT NULL,
        village_code text,
        handler_kind text CHECK (handler_kind IN ('agency','village')),
        handler_code text,
        confidential boolean NOT NULL DEFAULT false,
        visibility text NOT NULL CHECK (visibility IN ('public','record','personal')),
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        url text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        document tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('indonesian'::regconfig, title), 'A') ||
          setweight(to_tsvector('indonesian'::regconfig, body), 'B')
        ) STORED,
        PRIMARY KEY (module, kind, ref_id)
      )`.execute(db);
    await sql`CREATE INDEX search_documents_document ON search_documents USING gin (document)`.execute(db);
    // misspelt names: word similarity (<%) and ILIKE fragments, within a village or a range of
    // village codes (a kecamatan) or regency-wide, all from this one index
    await sql`
      CREATE INDEX search_documents_village_title ON search_documents
      USING gin (village_code, title gin_trgm_ops)`.execute(db);
  },
};

export const searchMigrations: Record<string, Migration> = {
  '0010_search_documents': searchDocuments,
  '0013_search_narrow_indexes': narrowSearchIndexes,
};
