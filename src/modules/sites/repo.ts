import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { Db } from '../../platform/db/index.ts';
import type {
  RevisionEntity,
  SiteArticleTable,
  SiteEventTable,
  SiteImageTable,
  SiteOfficialTable,
  SiteProfileTable,
} from './schema.ts';
import './schema.ts';

export type ProfileRow = Awaited<ReturnType<typeof selectProfile>>;

export function selectProfile(db: Db, villageCode: string) {
  return db
    .selectFrom('site_profiles')
    .selectAll()
    .where('village_code', '=', villageCode)
    .executeTakeFirst();
}

export async function upsertProfile(db: Db, row: Selectable<SiteProfileTable>): Promise<void> {
  const { village_code: _code, ...rest } = row;
  await db
    .insertInto('site_profiles')
    .values(row)
    .onConflict((oc) => oc.column('village_code').doUpdateSet(rest))
    .execute();
}

export type ImageRow = Selectable<SiteImageTable>;

export async function insertImage(db: Db, row: Omit<ImageRow, 'id'>): Promise<ImageRow> {
  return db
    .insertInto('site_images')
    .values({ ...row, variants: JSON.stringify(row.variants) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function selectImages(db: Db, villageCode: string, ids: string[]): Promise<ImageRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('site_images')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('id', 'in', ids)
    .execute();
}

/**
 * A picture the public may see: in the gallery, the cover of a news item visible at `now`, or an
 * official's photo. A cover uploaded for a draft is not, until the item is published.
 */
export async function selectShownImage(
  db: Db,
  villageCode: string,
  id: string,
  now: Date,
): Promise<ImageRow | undefined> {
  return db
    .selectFrom('site_images as i')
    .selectAll('i')
    .where('i.village_code', '=', villageCode)
    .where('i.id', '=', id)
    .where((eb) =>
      eb.or([
        eb('i.in_gallery', '=', true),
        eb.exists(
          eb
            .selectFrom('site_articles')
            .select('site_articles.id')
            .whereRef('site_articles.cover_id', '=', 'i.id')
            .where(visible(now)),
        ),
        eb.exists(eb.selectFrom('site_officials as o').select('o.id').whereRef('o.photo_id', '=', 'i.id')),
      ]),
    )
    .executeTakeFirst();
}

export async function selectGallery(db: Db, villageCode: string): Promise<ImageRow[]> {
  return db
    .selectFrom('site_images')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('in_gallery', '=', true)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

export async function deleteImage(db: Db, villageCode: string, id: string): Promise<ImageRow | undefined> {
  return db
    .deleteFrom('site_images')
    .where('village_code', '=', villageCode)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function selectOfficials(db: Db, villageCode: string) {
  return db
    .selectFrom('site_officials')
    .selectAll()
    .where('village_code', '=', villageCode)
    .orderBy('grp')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export function selectOfficial(db: Db, villageCode: string, id: string) {
  return db
    .selectFrom('site_officials')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export type OfficialValues = Omit<Selectable<SiteOfficialTable>, 'id' | 'village_code'>;

export type ArticleRow = NonNullable<Awaited<ReturnType<typeof selectArticle>>>;

export function selectArticle(db: Db, villageCode: string, id: string) {
  return db
    .selectFrom('site_articles')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function slugTaken(db: Db, villageCode: string, slug: string, exceptId: string | null) {
  let query = db
    .selectFrom('site_articles')
    .select('id')
    .where('village_code', '=', villageCode)
    .where('slug', '=', slug);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst().then(Boolean);
}

export type ArticleValues = Omit<Selectable<SiteArticleTable>, 'id' | 'village_code' | 'created_at'>;

export async function insertArticle(db: Db, villageCode: string, values: ArticleValues): Promise<string> {
  const row = await db
    .insertInto('site_articles')
    .values({ ...values, village_code: villageCode, created_at: values.updated_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateArticle(db: Db, villageCode: string, id: string, values: ArticleValues) {
  await db
    .updateTable('site_articles')
    .set(values)
    .where('village_code', '=', villageCode)
    .where('id', '=', id)
    .execute();
}

export function selectStaffArticles(db: Db, villageCode: string) {
  return db
    .selectFrom('site_articles')
    .select(['id', 'kind', 'title', 'slug', 'status', 'publish_at', 'published_at', 'updated_at'])
    .where('village_code', '=', villageCode)
    .orderBy('updated_at', 'desc')
    .limit(500)
    .execute();
}

/** Published, or scheduled and due: what the public may read at `now`. */
function visible(now: Date) {
  return (eb: ExpressionBuilder<Database, 'site_articles'>) =>
    eb.and([eb('status', 'in', ['published', 'scheduled']), eb('published_at', '<=', now)]);
}

export async function selectPublicArticles(
  db: Db,
  filter: { villageCode?: string; kecamatanCode?: string; now: Date; limit: number; offset: number },
) {
  let query = db.selectFrom('site_articles').selectAll().where(visible(filter.now));
  if (filter.villageCode) query = query.where('village_code', '=', filter.villageCode);
  if (filter.kecamatanCode) query = query.where('village_code', 'like', `${filter.kecamatanCode}.%`);
  return query
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countPublicArticles(db: Db, villageCode: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('site_articles')
    .where(visible(now))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('village_code', '=', villageCode)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function selectPublicArticle(db: Db, villageCode: string, slug: string, now: Date) {
  return db
    .selectFrom('site_articles')
    .selectAll()
    .where(visible(now))
    .where('village_code', '=', villageCode)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export function selectAllPublicArticles(db: Db, now: Date) {
  return db
    .selectFrom('site_articles')
    .select(['village_code', 'slug', 'updated_at'])
    .where(visible(now))
    .orderBy('village_code')
    .execute();
}

export function selectEvents(db: Db, villageCode: string) {
  return db
    .selectFrom('site_events')
    .selectAll()
    .where('village_code', '=', villageCode)
    .orderBy('starts_at', 'desc')
    .limit(200)
    .execute();
}

export function selectEvent(db: Db, villageCode: string, id: string) {
  return db
    .selectFrom('site_events')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export type EventValues = Omit<Selectable<SiteEventTable>, 'id' | 'village_code'>;

/** The items of a village's site that are saved and removed alike, and what is saved of each. */
interface ItemValues {
  site_officials: OfficialValues;
  site_events: EventValues;
}

/** Inserts an item of a village's site, or updates it when `id` is given; returns its id. */
export async function saveItem<T extends keyof ItemValues>(
  db: Db,
  table: T,
  villageCode: string,
  id: string | null,
  values: ItemValues[T],
): Promise<string> {
  const items: keyof ItemValues = table;
  if (id) {
    await db
      .updateTable(items)
      .set(values)
      .where('village_code', '=', villageCode)
      .where('id', '=', id)
      .execute();
    return id;
  }
  const row = await db
    .insertInto(items)
    .values({ ...values, village_code: villageCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Removes an item of a village's site; false when the village has no such item. */
export async function deleteItem(
  db: Db,
  table: keyof ItemValues,
  villageCode: string,
  id: string,
): Promise<boolean> {
  const row = await db
    .deleteFrom(table)
    .where('village_code', '=', villageCode)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** Villages whose site has a profile, and when it last changed (the sitemap). */
export function selectProfileStamps(db: Db) {
  return db
    .selectFrom('site_profiles')
    .select(['village_code', 'updated_at'])
    .orderBy('village_code')
    .execute();
}

export async function insertRevision(
  db: Db,
  row: {
    village_code: string;
    entity: RevisionEntity;
    entity_id: string;
    content: Record<string, unknown>;
    saved_by: string | null;
    saved_by_name: string;
    saved_at: Date;
  },
): Promise<void> {
  await db
    .insertInto('site_revisions')
    .values({ ...row, content: JSON.stringify(row.content) })
    .execute();
}

export function selectRevisions(db: Db, villageCode: string, entity: RevisionEntity, entityId: string) {
  return db
    .selectFrom('site_revisions')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('saved_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(100)
    .execute();
}

export function selectRevision(db: Db, villageCode: string, id: string) {
  return db
    .selectFrom('site_revisions')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Of these villages, those with a row in the table (officials, a profile), in one query. */
export async function villagesWithRows(
  db: Db,
  table: 'site_officials' | 'site_profiles',
  villageCodes: string[],
): Promise<string[]> {
  if (villageCodes.length === 0) return [];
  const rows = await db
    .selectFrom(table)
    .select('village_code')
    .distinct()
    .where('village_code', 'in', villageCodes)
    .execute();
  return rows.map((r) => r.village_code);
}

/** Of these villages, those whose profile says something (history, vision or about), in one query. */
export async function villagesWithProfileText(db: Db, villageCodes: string[]): Promise<string[]> {
  if (villageCodes.length === 0) return [];
  const rows = await db
    .selectFrom('site_profiles')
    .select('village_code')
    .where('village_code', 'in', villageCodes)
    .where((eb) => eb.or([eb('history', '<>', ''), eb('vision', '<>', ''), eb('about', '<>', '')]))
    .execute();
  return rows.map((r) => r.village_code);
}

/** Of these villages, those with a news item or announcement visible to the public now, in one query. */
export async function villagesWithPublicArticles(
  db: Db,
  villageCodes: string[],
  now: Date,
): Promise<string[]> {
  if (villageCodes.length === 0) return [];
  const rows = await db
    .selectFrom('site_articles')
    .select('village_code')
    .distinct()
    .where(visible(now))
    .where('village_code', 'in', villageCodes)
    .execute();
  return rows.map((r) => r.village_code);
}

export async function countOf(
  db: Db,
  table: 'site_officials' | 'site_profiles',
  villageCode: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('village_code', '=', villageCode)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
