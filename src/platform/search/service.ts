import { type Expression, type SqlBool, sql } from 'kysely';
import { audit } from '../audit/service.ts';
import { mask } from '../auth/roles.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/index.ts';
import { SEARCH_GIN_INDEXES } from './narrow-indexes.ts';
import { searchScopeIsNarrow, searchScopeParts, seesPersonalInFull } from './policy.ts';
import type { SearchVisibility } from './schema.ts';
import './schema.ts';

/** One thing a module wants found: a resident, a report, a page. */
export interface SearchDocument {
  module: string;
  kind: string;
  refId: string;
  /** the village it belongs to; null for regency-wide things */
  villageCode: string | null;
  /** who it is routed to (reports): an agency officer finds `record` documents routed to them */
  handler?: { kind: 'agency' | 'village'; code: string } | null;
  /** for its handler and admin kabupaten only */
  confidential?: boolean;
  visibility: SearchVisibility;
  title: string;
  body?: string;
  url: string;
}

/** What a module's descriptor gives the platform so the index can be rebuilt (`npx simpul search reindex`). */
export interface SearchProvider {
  /** the kinds it feeds, with the i18n key of each kind's label */
  kinds: Array<{ kind: string; label: string }>;
  /** rewrites the module's documents (of one village, or all); returns how many it wrote */
  reindex(ctx: Ctx, villageCode?: string): Promise<number>;
  /**
   * The module's documents this actor may find beyond the platform's rules (`searchScopeParts`),
   * as SQL over `search_documents` that overlaps none of them, or null: for a reader the module's
   * policy admits and the platform's roles do not (a kader: their posyandu's children).
   */
  scope?(ctx: Ctx): Promise<Expression<SqlBool> | null>;
}

const kindLabels = new Map<string, string>();
const moduleScopes = new Set<NonNullable<SearchProvider['scope']>>();

/** The app hands over each module's kinds (the platform imports no module). */
export function registerSearchKinds(kinds: Array<{ kind: string; label: string }>): void {
  for (const k of kinds) kindLabels.set(k.kind, k.label);
}

/** The app hands over each module's own reading rules (`SearchProvider.scope`). */
export function registerSearchScope(scope: NonNullable<SearchProvider['scope']>): void {
  moduleScopes.add(scope);
}

/** The parts of the scope the modules add for this actor (none for the system, which reads all). */
async function moduleScopeParts(ctx: Ctx): Promise<Array<Expression<SqlBool>>> {
  if (ctx.actor?.kind === 'system') return [];
  const parts: Array<Expression<SqlBool>> = [];
  for (const scope of moduleScopes) {
    const part = await scope(ctx);
    if (part) parts.push(part);
  }
  return parts;
}

export function searchKinds(): Array<{ kind: string; label: string }> {
  return [...kindLabels].map(([kind, label]) => ({ kind, label }));
}

const NIK_LIKE = /\b\d{16}\b/g;

/** A public document never carries a NIK or KK number in clear. */
function scrub(doc: SearchDocument, text: string): string {
  return doc.visibility === 'public' ? text.replace(NIK_LIKE, (n) => mask(n)) : text;
}

const WRITE_BATCH = 500;

export async function upsertSearchDocuments(ctx: Ctx, docs: SearchDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += WRITE_BATCH) {
    const values = docs.slice(i, i + WRITE_BATCH).map((d) => ({
      module: d.module,
      kind: d.kind,
      ref_id: d.refId,
      village_code: d.villageCode,
      handler_kind: d.handler?.kind ?? null,
      handler_code: d.handler?.code ?? null,
      confidential: d.confidential ?? false,
      visibility: d.visibility,
      title: scrub(d, d.title),
      body: scrub(d, d.body ?? ''),
      url: d.url,
      updated_at: ctx.clock.now(),
    }));
    await ctx.db
      .insertInto('search_documents')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['module', 'kind', 'ref_id']).doUpdateSet((eb) => ({
          village_code: eb.ref('excluded.village_code'),
          handler_kind: eb.ref('excluded.handler_kind'),
          handler_code: eb.ref('excluded.handler_code'),
          confidential: eb.ref('excluded.confidential'),
          visibility: eb.ref('excluded.visibility'),
          title: eb.ref('excluded.title'),
          body: eb.ref('excluded.body'),
          url: eb.ref('excluded.url'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/**
 * After writing many documents at once (a reindex, an import): merges what GIN holds in its
 * pending lists into the indexes, so that searches right after do not read those lists in full.
 */
export async function settleSearchIndexes(db: Db): Promise<void> {
  for (const index of SEARCH_GIN_INDEXES)
    await sql`SELECT gin_clean_pending_list(${index}::regclass)`.execute(db);
}

export async function removeSearchDocuments(
  ctx: Pick<Ctx, 'db'>,
  where: { module: string; kind?: string; refIds?: string[]; villageCode?: string },
): Promise<number> {
  if (where.refIds && where.refIds.length === 0) return 0;
  let q = ctx.db.deleteFrom('search_documents').where('module', '=', where.module);
  if (where.kind) q = q.where('kind', '=', where.kind);
  if (where.refIds) q = q.where('ref_id', 'in', where.refIds);
  if (where.villageCode) q = q.where('village_code', '=', where.villageCode);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * How alike a search and a name must be (pg_trgm word similarity, 0–1): 0.45 finds
 * "abdull jailani" → ABDUL JAELANI (0.53) but not SUHERMAN → ASEP HERMAWAN (0.33).
 */
export const NAME_SIMILARITY = 0.45;

/**
 * Runs `work` with pg_trgm's word-similarity threshold set for this transaction only, so that
 * `term <% title` finds names through the trigram index at that threshold (the `%` operator is
 * never used: it hangs PGlite).
 */
export async function withWordSimilarity<T>(
  db: Db,
  threshold: number,
  work: (db: Db) => Promise<T>,
): Promise<T> {
  const run = async (trx: Db) => {
    await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`.execute(
      trx,
    );
    return work(trx);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * "The title is like this name": a fragment (ILIKE) or a misspelling (word similarity) — both
 * answered by the (village_code, title) trigram index. Call inside `withWordSimilarity`.
 */
export function titleMatches(
  term: string,
  column = 'title',
  threshold = NAME_SIMILARITY,
): Expression<SqlBool> {
  const ref = sql.ref(column);
  const fragment = `%${term.replace(/[%_\\]/g, '\\$&')}%`;
  return sql<SqlBool>`(${ref} ILIKE ${fragment} OR (${term} <% ${ref} AND word_similarity(${term}, ${ref}) >= ${threshold}))`;
}

export const SEARCH_PAGE_SIZE = 20;
/** The search page counts at most this many hits ("more than 1,000") and pages within them. */
export const SEARCH_CAP = 1000;
/**
 * Stricter word-similarity thresholds: tried first for a regency-wide search, and within a
 * village or kecamatan only when more than SEARCH_CAP documents match at NAME_SIMILARITY (the
 * best of those are then found among the closer ones).
 */
const STRICT_TIERS = [0.8, 0.6];

export interface SearchHit {
  module: string;
  kind: string;
  refId: string;
  villageCode: string | null;
  title: string;
  body: string;
  url: string;
  visibility: SearchVisibility;
}

export interface SearchResult {
  term: string;
  hits: SearchHit[];
  /** hits counted, at most SEARCH_CAP */
  total: number;
  /** true when there are more than `total` */
  more: boolean;
  page: number;
  pageSize: number;
}

/**
 * Finds documents within the actor's scope by words (full text, `indonesian` configuration) and
 * by name, misspellings included (trigram word similarity). Best first. Reading personal
 * documents (people) is audited like any list of persons.
 */
export async function search(
  ctx: Ctx,
  input: { term: string; kinds?: string[] | undefined; page?: number | undefined },
): Promise<SearchResult> {
  const term = input.term.trim().replace(/\s+/g, ' ').slice(0, 100);
  const page = Math.max(1, Math.min(input.page ?? 1, SEARCH_CAP / SEARCH_PAGE_SIZE));
  const empty = { term, hits: [], total: 0, more: false, page, pageSize: SEARCH_PAGE_SIZE };
  if (term.length < 2) return empty;
  const kinds = input.kinds?.filter((k) => k.length > 0) ?? [];
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  const parts = [...searchScopeParts(ctx.actor), ...(await moduleScopeParts(ctx))];
  const kindFilter = kinds.length > 0 ? sql<SqlBool>`kind IN (${sql.join(kinds)})` : sql<SqlBool>`true`;
  const words = sql`websearch_to_tsquery('indonesian', ${term})`;
  const match = sql<SqlBool>`(document @@ ${words} OR ${term} <% title)`;
  // candidates within scope, at most SEARCH_CAP + 1 of them: each part of the scope on its own,
  // so that each is an index search within its village, kecamatan, agency or the public documents
  const candidates = sql`SELECT * FROM (${sql.join(
    parts.map(
      (part) => sql`(SELECT module, kind, ref_id, village_code, title, body, url, visibility, document
        FROM search_documents WHERE ${part} AND ${kindFilter} AND ${match} LIMIT ${SEARCH_CAP + 1})`,
    ),
    sql` UNION ALL `,
  )}) part LIMIT ${SEARCH_CAP + 1}`;
  // the page, best first, with how many candidates there were
  const pageOf = async (db: Db) => {
    const found = await sql<SearchHit & { n: number }>`
      WITH hit AS (${candidates})
      SELECT module, kind, ref_id AS "refId", village_code AS "villageCode", title, body, url, visibility,
             count(*) OVER ()::int AS n
      FROM hit
      ORDER BY greatest(word_similarity(${term}, title), ts_rank(document, ${words})) DESC, title, ref_id
      LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset}`.execute(db);
    const rows = found.rows;
    if (rows.length > 0 || offset === 0) return { rows, counted: rows[0]?.n ?? 0 };
    const c = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${candidates}) s`.execute(db);
    return { rows, counted: c.rows[0]?.n ?? 0 };
  };

  const setThreshold = (db: Db, threshold: number) =>
    sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`.execute(db);
  const result = await withWordSimilarity(ctx.db, NAME_SIMILARITY, async (db) => {
    if (!searchScopeIsNarrow(ctx.actor)) {
      // regency-wide a common name matches tens of thousands: the closest ones first, so that
      // the first page is found among few
      let found = { rows: [] as Array<SearchHit & { n: number }>, counted: 0 };
      for (const tier of [...STRICT_TIERS, NAME_SIMILARITY]) {
        await setThreshold(db, tier);
        found = await pageOf(db);
        if (found.counted >= offset + SEARCH_PAGE_SIZE) break;
      }
      return found;
    }
    // within a village or a kecamatan: all the matches at once, one query, unless past the cap
    const lenient = await pageOf(db);
    if (lenient.counted <= SEARCH_CAP) return lenient;
    for (const tier of STRICT_TIERS) {
      await setThreshold(db, tier);
      const strict = await pageOf(db);
      if (strict.counted >= offset + SEARCH_PAGE_SIZE) return { rows: strict.rows, counted: lenient.counted };
    }
    return lenient;
  });
  const hits = result.rows.map(({ n: _n, ...hit }) => maskFor(ctx, hit));
  const personal = hits.filter((h) => h.visibility === 'personal');
  if (personal.length > 0)
    await audit(ctx, {
      action: 'read_personal',
      entity: 'search',
      detail: { term, page, shown: personal.length, refs: personal.map((h) => `${h.kind}:${h.refId}`) },
    });
  return {
    term,
    hits,
    total: Math.min(result.counted, SEARCH_CAP),
    more: result.counted > SEARCH_CAP,
    page,
    pageSize: SEARCH_PAGE_SIZE,
  };
}

/** NIK and KK numbers of a person in full only for staff who may see them (their village's office, admin). */
function maskFor(ctx: Ctx, hit: SearchHit): SearchHit {
  if (hit.visibility !== 'personal' || seesPersonalInFull(ctx.actor, hit.villageCode)) return hit;
  const hide = (text: string) => text.replace(NIK_LIKE, (n) => mask(n));
  return { ...hit, title: hide(hit.title), body: hide(hit.body) };
}
