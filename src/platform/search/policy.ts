import { type Expression, type SqlBool, sql } from 'kysely';
import { canOnItem, scopeLevel } from '../auth/policy.ts';
import type { Actor } from '../auth/roles.ts';

/** Village codes under a region, written so the (village_code, title) index can use them. */
export function villageInRegion(region: string): Expression<SqlBool> {
  if (scopeLevel(region) === 'village') return sql<SqlBool>`village_code = ${region}`;
  return sql<SqlBool>`(village_code >= ${`${region}.`} AND village_code < ${`${region}/`})`;
}

/**
 * Which search documents an actor may find, as SQL over `search_documents`, in the words of the
 * policy's Item rules (`view_record` on { villageCode, handler, confidential }): a visitor or a
 * resident finds public documents; region staff also the records and persons of villages within
 * their region (regency staff also regency-wide records), a confidential one only when their
 * office handles it (admin kabupaten: all); an agency officer finds public documents and the
 * records routed to the agency, never a person.
 */
export function searchScope(actor: Actor | null): Expression<SqlBool> {
  if (actor?.kind === 'system') return sql<SqlBool>`true`;
  if (!actor || actor.kind === 'resident') return sql<SqlBool>`visibility = 'public'`;
  const { scope } = actor;
  if (scope.type === 'agency')
    return sql<SqlBool>`(visibility = 'public' OR (visibility = 'record' AND handler_kind = 'agency' AND handler_code = ${scope.code}))`;
  if (!canOnItem(actor, 'view_record', { villageCode: scope.code }))
    return sql<SqlBool>`visibility = 'public'`;
  const region = scope.code;
  const confidentialOk = canOnItem(actor, 'manage')
    ? sql<SqlBool>`true`
    : sql<SqlBool>`(NOT confidential OR (handler_kind = 'village' AND handler_code = ${region}))`;
  const where =
    scopeLevel(region) === 'regency'
      ? sql<SqlBool>`(village_code IS NULL OR ${villageInRegion(region)})`
      : villageInRegion(region);
  return sql<SqlBool>`(visibility = 'public' OR (${where} AND ${confidentialOk}))`;
}

/** A person's NIK and KK number in full: as `view_personal` on their village (a camat sees them masked). */
export function seesPersonalInFull(actor: Actor | null, villageCode: string | null): boolean {
  return villageCode !== null && canOnItem(actor, 'view_personal', { villageCode });
}
