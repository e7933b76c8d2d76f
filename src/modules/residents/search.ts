import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { type SearchProvider, settleSearchIndexes } from '../../platform/search/service.ts';

/**
 * Residents in the platform's search index: one personal document per person (name as the title;
 * NIK, KK, address, birth and status in the body), written from the registry table in one
 * set-based statement, so an import of a whole village costs one statement, not one per row.
 * A personal document is found only by staff whose region covers the village (policy in
 * platform/search/policy.ts); the NIK is masked for those who may not see it in full.
 */
const DOCUMENTS = sql`
  SELECT 'residents', 'resident', r.id::text, r.village_code, 'personal', r.name,
    'NIK ' || r.nik || ' · KK ' || r.family_number || ' · ' || coalesce(r.address || ' ', '') ||
      'RT ' || r.rt || ' RW ' || r.rw || ' ' || r.dusun || ' · ' || r.birth_place || ', ' ||
      to_char(r.birth_date, 'DD-MM-YYYY') || CASE r.status WHEN 'hidup' THEN '' ELSE ' · ' || r.status END,
    '/kelola/penduduk/' || r.id::text, now()
  FROM residents r`;

const COLUMNS = sql`(module, kind, ref_id, village_code, visibility, title, body, url, updated_at)`;

/** Writes (or rewrites) the documents of these residents. */
export async function indexResidents(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    INSERT INTO search_documents ${COLUMNS}
    ${DOCUMENTS} WHERE r.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`))})
    ON CONFLICT (module, kind, ref_id) DO UPDATE SET village_code = excluded.village_code,
      title = excluded.title, body = excluded.body, url = excluded.url, updated_at = excluded.updated_at`.execute(
    db,
  );
}

/** Rebuilds the documents of whole villages (after an import, a seed, or `npx simpul search reindex`). */
export async function reindexResidentVillages(db: Db, villages: string[] | null): Promise<number> {
  if (villages && villages.length === 0) return 0;
  const inVillages = (column: string) =>
    villages ? sql`${sql.ref(column)} IN (${sql.join(villages)})` : sql`true`;
  await sql`DELETE FROM search_documents WHERE module = 'residents' AND ${inVillages('village_code')}`.execute(
    db,
  );
  const result =
    await sql`INSERT INTO search_documents ${COLUMNS} ${DOCUMENTS} WHERE ${inVillages('r.village_code')}`.execute(
      db,
    );
  await settleSearchIndexes(db);
  return Number(result.numAffectedRows ?? 0);
}

export const residentSearch: SearchProvider = {
  kinds: [{ kind: 'resident', label: 'residents.searchKind' }],
  reindex: (ctx, villageCode) => reindexResidentVillages(ctx.db, villageCode ? [villageCode] : null),
};
