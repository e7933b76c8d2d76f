import { type Expression, type SqlBool, sql } from 'kysely';
import { canOnItem, scopeLevel } from '../auth/policy.ts';
import type { Actor } from '../auth/roles.ts';

/**
 * Village codes under a region, written so that an index answers them narrowly: a village by the
 * (village_code, title) index, a kecamatan by the (kecamatan, title) one (`left(village_code, 8)`,
 * migration 0013; a range over village_code in a GIN index gathers every code in the range first).
 */
export function villageInRegion(region: string): Expression<SqlBool> {
  const level = scopeLevel(region);
  // a village's kecamatan too: its words are found through the (kecamatan, document) index
  if (level === 'village')
    return sql<SqlBool>`(village_code = ${region} AND left(village_code, 8) = ${region.slice(0, 8)})`;
  if (level === 'kecamatan') return sql<SqlBool>`left(village_code, 8) = ${region}`;
  return sql<SqlBool>`(village_code >= ${`${region}.`} AND village_code < ${`${region}/`})`;
}

/**
 * True when the actor's own documents lie within one village or kecamatan: few enough that
 * `search()` reads all their matches at once; wider scopes look for close matches first.
 */
export function searchScopeIsNarrow(actor: Actor | null): boolean {
  if (actor?.kind !== 'staff' || actor.scope.type === 'agency') return false;
  const level = scopeLevel(actor.scope.code);
  return level === 'village' || level === 'kecamatan';
}

/**
 * Which search documents an actor may find, as SQL over `search_documents`, in the words of the
 * policy's Item rules (`view_record` on { villageCode, handler, confidential }): a visitor or a
 * resident finds public documents; region staff also the records and persons of villages within
 * their region (regency staff also regency-wide records), a confidential one only when their
 * office handles it (admin kabupaten: all); an agency officer finds public documents and the
 * records routed to the agency, never a person.
 *
 * Given as parts that never overlap (public documents; the actor's own), each of which an index
 * answers on its own: one OR over all of them would make the planner read every village's
 * matching names to keep the public ones (351 ms for one village among 1.6 M documents).
 */
export function searchScopeParts(actor: Actor | null): Array<Expression<SqlBool>> {
  if (actor?.kind === 'system') return [sql<SqlBool>`true`];
  const everyone = sql<SqlBool>`visibility = 'public'`;
  if (!actor || actor.kind === 'resident') return [everyone];
  const { scope } = actor;
  if (scope.type === 'agency')
    return [
      everyone,
      sql<SqlBool>`(visibility = 'record' AND handler_kind = 'agency' AND handler_code = ${scope.code})`,
    ];
  if (!canOnItem(actor, 'view_record', { villageCode: scope.code })) return [everyone];
  const region = scope.code;
  const confidentialOk = canOnItem(actor, 'manage')
    ? sql<SqlBool>`true`
    : sql<SqlBool>`(NOT confidential OR (handler_kind = 'village' AND handler_code = ${region}))`;
  const where =
    scopeLevel(region) === 'regency'
      ? sql<SqlBool>`(village_code IS NULL OR ${villageInRegion(region)})`
      : villageInRegion(region);
  return [everyone, sql<SqlBool>`(visibility <> 'public' AND ${where} AND ${confidentialOk})`];
}

/** The same scope as one condition. */
export function searchScope(actor: Actor | null): Expression<SqlBool> {
  const parts = searchScopeParts(actor);
  return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** A person's NIK and KK number in full: as `view_personal` on their village (a camat sees them masked). */
export function seesPersonalInFull(actor: Actor | null, villageCode: string | null): boolean {
  return villageCode !== null && canOnItem(actor, 'view_personal', { villageCode });
}
