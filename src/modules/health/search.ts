import { type Expression, type SqlBool, sql } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import { villageInRegion } from '../../platform/search/policy.ts';
import {
  removeSearchDocuments,
  type SearchDocument,
  type SearchProvider,
  settleSearchIndexes,
  upsertSearchDocuments,
} from '../../platform/search/service.ts';
import { HEALTH_AGENCY, isKader, readsDinkesRecords } from './policy.ts';
import { officerArea } from './puskesmas-repo.ts';
import * as repo from './repo.ts';

/**
 * Children and posyandu in the platform's search index.
 *
 * A child is a personal, confidential document handled by the child's village: the platform's
 * rules let the village office and admin kabupaten find it (not the camat, not another village);
 * the module's `scope` adds the kader of the child's posyandu and Dinkes, whom the health policy
 * admits and the platform's roles do not. The NIK is masked for all but the village office and admin.
 * A posyandu (name, dusun, schedule; no child) is a record handled by Dinkes, found by whoever
 * reads the region's records and by its kader.
 */
const MODULE = 'health';
const CHILD = 'child';
const POSYANDU = 'posyandu';
const BATCH = 1000;

/** The index speaks one language, whoever's request wrote it. */
const idText = (key: string, params?: Record<string, string | number>) => t(key, params, 'id');

function childDocument(row: repo.ChildSearchRow): SearchDocument {
  const born = row.birth_date.split('-').reverse().join('-');
  const parts = [
    idText(`health.sex.${row.sex}`),
    idText('health.bornOn', { date: born }),
    row.posyandu_name,
    row.mother_name ? idText('health.motherIs', { name: row.mother_name }) : null,
    row.nik ? `NIK ${row.nik}` : null,
    row.family_number ? `KK ${row.family_number}` : null,
  ];
  return {
    module: MODULE,
    kind: CHILD,
    refId: row.id,
    villageCode: row.village_code,
    handler: { kind: 'village', code: row.village_code },
    confidential: true,
    visibility: 'personal',
    title: row.name,
    body: parts.filter((p) => p !== null).join(' · '),
    url: `/kelola/kesehatan/anak/${row.id}`,
  };
}

function posyanduDocument(row: repo.PosyanduSearchRow): SearchDocument {
  const parts = [
    row.dusun,
    row.schedule_day ? idText('health.scheduleOn', { day: row.schedule_day }) : null,
    row.address,
    row.active ? null : idText('health.search.inactive'),
  ];
  return {
    module: MODULE,
    kind: POSYANDU,
    refId: row.id,
    villageCode: row.village_code,
    handler: { kind: 'agency', code: HEALTH_AGENCY },
    visibility: 'record',
    title: row.name,
    body: parts.filter((p) => p).join(' · '),
    url: `/kelola/kesehatan/posyandu/${row.id}`,
  };
}

/** Writes the documents of these children again (after a registration, an edit, a link); an erased one goes. */
export async function indexChildren(ctx: Ctx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await repo.childrenForSearch(ctx.db, { ids });
  await upsertSearchDocuments(ctx, rows.map(childDocument));
  const kept = new Set(rows.map((r) => r.id));
  await removeSearchDocuments(ctx, {
    module: MODULE,
    kind: CHILD,
    refIds: ids.filter((id) => !kept.has(id)),
  });
}

/** Writes a posyandu's document again, and its children's (their text names the posyandu). */
export async function indexPosyandu(ctx: Ctx, posyanduId: string): Promise<void> {
  const rows = await repo.posyanduForSearch(ctx.db, { id: posyanduId });
  await upsertSearchDocuments(ctx, rows.map(posyanduDocument));
  for (let after = ''; ; ) {
    const children = await repo.childrenForSearch(ctx.db, { posyanduId, after, limit: BATCH });
    if (children.length === 0) return;
    await upsertSearchDocuments(ctx, children.map(childDocument));
    after = children[children.length - 1]!.id;
  }
}

/** Rebuilds the module's part of the index, of one village or of all (`npx simpul search reindex`). */
export async function reindexHealth(ctx: Ctx, villageCode?: string): Promise<number> {
  await removeSearchDocuments(ctx, { module: MODULE, ...(villageCode ? { villageCode } : {}) });
  const posyandu = await repo.posyanduForSearch(ctx.db, { villageCode });
  await upsertSearchDocuments(ctx, posyandu.map(posyanduDocument));
  let written = posyandu.length;
  for (let after = ''; ; ) {
    const children = await repo.childrenForSearch(ctx.db, { villageCode, after, limit: BATCH });
    if (children.length === 0) break;
    await upsertSearchDocuments(ctx, children.map(childDocument));
    written += children.length;
    after = children[children.length - 1]!.id;
  }
  await settleSearchIndexes(ctx.db);
  return written;
}

/**
 * What the health policy lets a reader find that the platform's rules do not: a kader their
 * posyandu and its children; Dinkes every child of the regency, or of its puskesmas area when the
 * officer is assigned to one (the posyandu, handled by Dinkes,
 * the platform's rules already give them).
 */
export async function healthSearchScope(ctx: Ctx): Promise<Expression<SqlBool> | null> {
  const actor = ctx.actor;
  if (isKader(actor)) {
    if (actor?.kind !== 'staff') return null;
    const kaderPosyanduId = await repo.kaderPosyanduId(ctx.db, actor.id);
    if (!kaderPosyanduId) return null;
    return sql<SqlBool>`(module = ${MODULE} AND ${villageInRegion(actor.scope.code)} AND (
      (kind = ${POSYANDU} AND ref_id = ${kaderPosyanduId}) OR
      (kind = ${CHILD} AND ref_id IN (SELECT id::text FROM health_children WHERE posyandu_id = ${kaderPosyanduId}))))`;
  }
  if (actor?.kind === 'staff' && readsDinkesRecords(actor)) {
    // an officer assigned to a puskesmas finds the children of its area's villages only
    const area = await officerArea(ctx.db, actor.id);
    const inArea = !area
      ? sql<SqlBool>`true`
      : area.villages.length === 0
        ? sql<SqlBool>`false`
        : sql<SqlBool>`village_code IN (${sql.join(area.villages)})`;
    return sql<SqlBool>`(module = ${MODULE} AND kind = ${CHILD} AND visibility = 'personal' AND ${inArea})`;
  }
  return null;
}

export const healthSearch: SearchProvider = {
  kinds: [
    { kind: CHILD, label: 'health.search.kindChild' },
    { kind: POSYANDU, label: 'health.search.kindPosyandu' },
  ],
  reindex: reindexHealth,
  scope: healthSearchScope,
};
