import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

/**
 * Indexes that keep each part of a search's scope narrow (issue #11 §3). `search()` asks for the
 * public documents and for the actor's own documents as separate parts of one query
 * (policy.ts `searchScopeParts`), so that each part is answered by an index holding only what it
 * may find: public documents by two small partial indexes, a village's or a kecamatan's documents
 * by composite GIN indexes with the village code first (names: since 0010_search_documents) or the
 * kecamatan code first (names and words; a village's words are found through its kecamatan), an
 * agency's routed records by their handler.
 */
/** The GIN indexes of search_documents (0010 and these). */
export const SEARCH_GIN_INDEXES = [
  'search_documents_document',
  'search_documents_village_title',
  'search_documents_public_title',
  'search_documents_public_document',
  'search_documents_kecamatan_title',
  'search_documents_kecamatan_document',
];

export const narrowSearchIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE INDEX search_documents_public_title ON search_documents
      USING gin (title gin_trgm_ops) WHERE visibility = 'public'`.execute(db);
    await sql`
      CREATE INDEX search_documents_public_document ON search_documents
      USING gin (document) WHERE visibility = 'public'`.execute(db);
    await sql`
      CREATE INDEX search_documents_kecamatan_title ON search_documents
      USING gin (left(village_code, 8), title gin_trgm_ops)`.execute(db);
    await sql`
      CREATE INDEX search_documents_kecamatan_document ON search_documents
      USING gin (left(village_code, 8), document)`.execute(db);
    // GIN's pending list (fast update) is read in full by every search until it is merged: at the
    // default 4 MB a village search at 1.6 M documents took 264 ms instead of 16 ms. Keep it small.
    for (const index of SEARCH_GIN_INDEXES)
      await sql`ALTER INDEX ${sql.id(index)} SET (gin_pending_list_limit = 64)`.execute(db);
    await sql`
      CREATE INDEX search_documents_agency ON search_documents (handler_code)
      WHERE handler_kind = 'agency'`.execute(db);
  },
};
