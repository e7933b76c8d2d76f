import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/index.ts';
import { likeEscape } from '../../platform/http/input.ts';
import type { UmkmEnterpriseTable } from './schema.ts';
import './schema.ts';

export type EnterpriseRow = Selectable<UmkmEnterpriseTable>;
export type NewEnterprise = Insertable<UmkmEnterpriseTable>;
export type EnterpriseChange = Updateable<UmkmEnterpriseTable>;

export async function insertEnterprise(db: Db, row: NewEnterprise): Promise<EnterpriseRow> {
  return db.insertInto('umkm_enterprises').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Many rows in one statement (the demo seed: no round trip per row). */
export async function insertEnterprises(db: Db, rows: NewEnterprise[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('umkm_enterprises').values(rows).execute();
}

export async function updateEnterprise(db: Db, id: string, change: EnterpriseChange): Promise<void> {
  await db.updateTable('umkm_enterprises').set(change).where('id', '=', id).execute();
}

export async function deleteEnterprise(db: Db, id: string): Promise<void> {
  await db.deleteFrom('umkm_enterprises').where('id', '=', id).execute();
}

export async function enterpriseById(db: Db, id: string): Promise<EnterpriseRow | undefined> {
  return db.selectFrom('umkm_enterprises').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function ownedBy(db: Db, residentId: string): Promise<EnterpriseRow[]> {
  return db
    .selectFrom('umkm_enterprises')
    .selectAll()
    .where('owner_resident_id', '=', residentId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function byOwnerNik(db: Db, nik: string): Promise<EnterpriseRow[]> {
  return db.selectFrom('umkm_enterprises').selectAll().where('owner_nik', '=', nik).execute();
}

/** The import's match for a row: the same NIB in the village, else the same name and owner. */
export async function findExisting(
  db: Db,
  village: string,
  key: { nib: string | null; name: string; ownerName: string },
): Promise<EnterpriseRow | undefined> {
  let query = db.selectFrom('umkm_enterprises').selectAll().where('village_code', '=', village);
  query = key.nib
    ? query.where('nib', '=', key.nib)
    : query
        .where(sql<boolean>`lower(name) = lower(${key.name})`)
        .where(sql<boolean>`lower(owner_name) = lower(${key.ownerName})`);
  return query.executeTakeFirst();
}

export interface ListFilter {
  region: string | null;
  status?: string;
  sector?: string;
  withoutNib?: boolean;
  term?: string | null;
}

function filtered(db: Db, filter: ListFilter) {
  let query = whereInRegion(db.selectFrom('umkm_enterprises'), 'village_code', filter.region);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.sector) query = query.where('kbli_category', '=', filter.sector);
  if (filter.withoutNib) query = query.where((eb) => eb.or([eb('nib', 'is', null), eb('nib', '=', '')]));
  if (filter.term) {
    const like = `%${likeEscape(filter.term)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', like), eb('products', 'ilike', like)]));
  }
  return query;
}

export async function listEnterprises(
  db: Db,
  filter: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: EnterpriseRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .selectAll()
      .orderBy('village_code')
      .orderBy('name')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every row of the filter, in batches, for exports. */
export async function* allEnterprises(
  db: Db,
  filter: ListFilter,
  batch = 1000,
): AsyncGenerator<EnterpriseRow> {
  for (let offset = 0; ; offset += batch) {
    const rows = await filtered(db, filter)
      .selectAll()
      .orderBy('village_code')
      .orderBy('name')
      .orderBy('id')
      .limit(batch)
      .offset(offset)
      .execute();
    yield* rows;
    if (rows.length < batch) return;
  }
}

export async function pendingCount(db: Db, village: string): Promise<number> {
  const row = await db
    .selectFrom('umkm_enterprises')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('village_code', '=', village)
    .where('status', '=', 'menunggu')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The village's enterprises waiting for its check, the longest waiting first (the work queue). */
export function pendingOldestFirst(db: Db, village: string, limit: number) {
  return db
    .selectFrom('umkm_enterprises')
    .select(['id', 'name', 'owner_name', 'updated_at'])
    .where('village_code', '=', village)
    .where('status', '=', 'menunggu')
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The columns the showcase may read: never the NIK, never the owner's name. */
const PUBLIC_COLUMNS = [
  'id',
  'village_code',
  'name',
  'kbli_category',
  'products',
  'dusun',
  'address',
  'publish_address',
  'turnover_band',
  'publish_turnover',
  'phone',
  'photo_file_id',
  'nib',
  'halal',
  'pirt',
  'bpom',
] as const;

export type ShowcaseRow = Pick<EnterpriseRow, (typeof PUBLIC_COLUMNS)[number]>;

export async function showcase(
  db: Db,
  filter: { region: string | null; sector?: string; term?: string | null },
  page: { limit: number; offset: number },
): Promise<{ rows: ShowcaseRow[]; total: number }> {
  const base = () => {
    let query = whereInRegion(db.selectFrom('umkm_enterprises'), 'village_code', filter.region)
      .where('status', '=', 'terdaftar')
      .where('publish', '=', true);
    if (filter.sector) query = query.where('kbli_category', '=', filter.sector);
    if (filter.term) {
      const like = `%${likeEscape(filter.term)}%`;
      query = query.where((eb) => eb.or([eb('name', 'ilike', like), eb('products', 'ilike', like)]));
    }
    return query;
  };
  const [rows, count] = await Promise.all([
    base()
      .select(PUBLIC_COLUMNS)
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function publishedById(db: Db, id: string): Promise<ShowcaseRow | undefined> {
  return db
    .selectFrom('umkm_enterprises')
    .select(PUBLIC_COLUMNS)
    .where('id', '=', id)
    .where('status', '=', 'terdaftar')
    .where('publish', '=', true)
    .executeTakeFirst();
}

export async function publishedOf(db: Db, village?: string): Promise<ShowcaseRow[]> {
  let query = db
    .selectFrom('umkm_enterprises')
    .select(PUBLIC_COLUMNS)
    .where('status', '=', 'terdaftar')
    .where('publish', '=', true);
  if (village) query = query.where('village_code', '=', village);
  return query.execute();
}

export interface CountRow {
  key: string;
  total: number;
  mikro: number;
  kecil: number;
  menengah: number;
  besar: number;
  withoutNib: number;
}

export type Grouping = 'sector' | 'village' | 'kecamatan' | 'all';

function groupKey(grouping: Grouping) {
  if (grouping === 'sector') return sql<string>`kbli_category`;
  if (grouping === 'village') return sql<string>`village_code`;
  // a kecamatan code is the first 8 characters of its villages' codes (36.04.05.2001 → 36.04.05)
  if (grouping === 'kecamatan') return sql<string>`substr(village_code, 1, 8)`;
  return sql<string>`'all'`;
}

/** Registered enterprises of a region, counted by scale and NIB, one row per sector, village or kecamatan. */
export async function counts(db: Db, region: string | null, grouping: Grouping): Promise<CountRow[]> {
  const key = groupKey(grouping);
  const rows = await whereInRegion(db.selectFrom('umkm_enterprises'), 'village_code', region)
    .where('status', '=', 'terdaftar')
    .select([
      key.as('key'),
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) FILTER (WHERE turnover_band IN ('sd300jt', '300jt_2m'))`.as('mikro'),
      sql<string>`count(*) FILTER (WHERE turnover_band = '2m_15m')`.as('kecil'),
      sql<string>`count(*) FILTER (WHERE turnover_band = '15m_50m')`.as('menengah'),
      sql<string>`count(*) FILTER (WHERE turnover_band = 'di_atas_50m')`.as('besar'),
      sql<string>`count(*) FILTER (WHERE coalesce(nib, '') = '')`.as('without_nib'),
    ])
    // by position: the key is the first column (a constant for 'all', which PostgreSQL will not order by)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    total: Number(r.total),
    mikro: Number(r.mikro),
    kecil: Number(r.kecil),
    menengah: Number(r.menengah),
    besar: Number(r.besar),
    withoutNib: Number(r.without_nib),
  }));
}

export async function anonymiseOwner(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('umkm_enterprises')
    .set({
      owner_nik: null,
      owner_resident_id: null,
      owner_name: '—',
      non_resident_reason: 'dihapus atas permintaan pemilik',
      phone: '',
      email: '',
      address: '',
      publish: false,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Heads of family of a village, for the demo seed's owners (deterministic: by NIK). */
export async function demoOwners(db: Db, village: string, limit: number) {
  return db
    .selectFrom('residents')
    .select(['id', 'nik', 'name', 'dusun'])
    .where('village_code', '=', village)
    .where('family_relation_code', '=', 1)
    .where('status', '=', 'hidup')
    .orderBy('nik')
    .limit(limit)
    .execute();
}

export async function anyIn(db: Db, villages: string[]): Promise<boolean> {
  if (villages.length === 0) return false;
  const row = await db
    .selectFrom('umkm_enterprises')
    .select('id')
    .where('village_code', 'in', villages)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
