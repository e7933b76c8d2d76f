import type { Db } from '../../platform/db/index.ts';
import type { PuskesmasArea } from './policy.ts';
import './schema.ts';

export interface PuskesmasRow {
  code: string;
  name: string;
  kecamatan_code: string;
  active: boolean;
  villages: number;
  officers: number;
}

/** The puskesmas an officer is assigned to and its villages; null when the officer is unassigned. */
export async function officerArea(db: Db, userId: string): Promise<PuskesmasArea | null> {
  const row = await db
    .selectFrom('health_puskesmas_officers')
    .select('puskesmas_code')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? areaOf(db, row.puskesmas_code) : null;
}

export async function areaOf(db: Db, code: string): Promise<PuskesmasArea> {
  return { code, villages: await villagesOf(db, code) };
}

export async function villagesOf(db: Db, code: string): Promise<string[]> {
  const rows = await db
    .selectFrom('health_puskesmas_villages')
    .select('village_code')
    .where('puskesmas_code', '=', code)
    .orderBy('village_code')
    .execute();
  return rows.map((r) => r.village_code);
}

export async function listPuskesmas(db: Db, code?: string): Promise<PuskesmasRow[]> {
  let query = db
    .selectFrom('health_puskesmas as p')
    .select([
      'p.code',
      'p.name',
      'p.kecamatan_code',
      'p.active',
      (eb) =>
        eb
          .selectFrom('health_puskesmas_villages as v')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('v.puskesmas_code', '=', 'p.code')
          .as('villages'),
      (eb) =>
        eb
          .selectFrom('health_puskesmas_officers as o')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('o.puskesmas_code', '=', 'p.code')
          .as('officers'),
    ])
    .orderBy('p.kecamatan_code')
    .orderBy('p.name');
  if (code !== undefined) query = query.where('p.code', '=', code);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, villages: Number(r.villages ?? 0), officers: Number(r.officers ?? 0) }));
}

export async function insertPuskesmas(
  db: Db,
  row: { code: string; name: string; kecamatan_code: string; active: boolean },
): Promise<void> {
  await db.insertInto('health_puskesmas').values(row).execute();
}

export async function updatePuskesmas(
  db: Db,
  code: string,
  row: { name: string; kecamatan_code: string; active: boolean; updated_at: Date },
): Promise<void> {
  await db.updateTable('health_puskesmas').set(row).where('code', '=', code).execute();
}

/** Which puskesmas already hold these villages (other than `except`). */
export async function villageOwners(db: Db, villages: string[], except: string) {
  if (villages.length === 0) return [];
  return db
    .selectFrom('health_puskesmas_villages as v')
    .innerJoin('health_puskesmas as p', 'p.code', 'v.puskesmas_code')
    .select(['v.village_code', 'p.name'])
    .where('v.village_code', 'in', villages)
    .where('v.puskesmas_code', '<>', except)
    .execute();
}

/** Replaces the area's villages with the given ones; returns the villages added and removed. */
export async function setVillages(db: Db, code: string, villages: string[], at: Date) {
  const before = new Set(await villagesOf(db, code));
  const after = new Set(villages);
  const removed = [...before].filter((v) => !after.has(v));
  const added = [...after].filter((v) => !before.has(v));
  if (removed.length > 0)
    await db
      .deleteFrom('health_puskesmas_villages')
      .where('puskesmas_code', '=', code)
      .where('village_code', 'in', removed)
      .execute();
  if (added.length > 0)
    await db
      .insertInto('health_puskesmas_villages')
      .values(added.map((village_code) => ({ village_code, puskesmas_code: code, assigned_at: at })))
      .execute();
  return { added, removed };
}

/** Every assigned village with its puskesmas, for the assignment page. */
export async function villageAssignments(db: Db) {
  return db
    .selectFrom('health_puskesmas_villages as v')
    .innerJoin('health_puskesmas as p', 'p.code', 'v.puskesmas_code')
    .select(['v.village_code', 'p.code', 'p.name'])
    .execute();
}

export async function officersOf(db: Db, code: string) {
  return db
    .selectFrom('health_puskesmas_officers as o')
    .innerJoin('staff_users as u', 'u.id', 'o.user_id')
    .select(['u.id', 'u.name', 'u.email'])
    .where('o.puskesmas_code', '=', code)
    .orderBy('u.name')
    .execute();
}

export async function assignOfficer(db: Db, userId: string, code: string, at: Date): Promise<void> {
  await db
    .insertInto('health_puskesmas_officers')
    .values({ user_id: userId, puskesmas_code: code, assigned_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ puskesmas_code: code, assigned_at: at }))
    .execute();
}

export async function unassignOfficer(db: Db, userId: string, code: string): Promise<number> {
  const result = await db
    .deleteFrom('health_puskesmas_officers')
    .where('user_id', '=', userId)
    .where('puskesmas_code', '=', code)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The seed: one puskesmas per kecamatan, named after it, holding the kecamatan's villages that no
 * area holds yet. What exists already is left as the admin keeps it.
 */
export async function seedOnePerKecamatan(
  db: Db,
  kecamatan: Array<{ code: string; name: string }>,
  villages: Array<{ code: string; kecamatanCode: string }>,
): Promise<number> {
  if (kecamatan.length === 0) return 0;
  const created = await db
    .insertInto('health_puskesmas')
    .values(
      kecamatan.map((k) => ({ code: seedCode(k.code), name: `Puskesmas ${k.name}`, kecamatan_code: k.code })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('code')
    .execute();
  const mine = new Set(created.map((r) => r.code));
  const free = villages.filter((v) => mine.has(seedCode(v.kecamatanCode)));
  if (free.length > 0)
    await db
      .insertInto('health_puskesmas_villages')
      .values(free.map((v) => ({ village_code: v.code, puskesmas_code: seedCode(v.kecamatanCode) })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  return created.length;
}

/** `P` and the kecamatan's digits and `01` (36.04.05 → P36040501), a stand-in for Kemenkes' code. */
export function seedCode(kecamatanCode: string): string {
  return `P${kecamatanCode.replaceAll('.', '')}01`;
}
