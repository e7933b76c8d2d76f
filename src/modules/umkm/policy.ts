import { canOnItem, type Item, isVillageOffice, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';

/**
 * Who may see and keep the UMKM registry.
 *
 * - the village office keeps its village's enterprises and reads them in full (owner's NIK, turnover);
 * - Diskoperindag (`opd` officers of agency DISKOPERINDAG) reads every village's enterprises in
 *   full: the registry is routed to it as its handler; other agencies read figures only;
 * - the camat reads its kecamatan's enterprises, masked, and keeps nothing;
 * - admin kabupaten reads all;
 * - a resident reads the enterprises they own, and registers new ones for the office to check.
 */
export const UMKM_AGENCY = 'DISKOPERINDAG';

export interface EnterpriseRef {
  villageCode: string;
  ownerResidentId: string | null;
}

function enterpriseItem(e: EnterpriseRef): Item {
  return {
    villageCode: e.villageCode,
    handler: { kind: 'agency', code: UMKM_AGENCY },
    subject: { residentId: e.ownerResidentId },
  };
}

export function mayReadEnterprise(actor: Actor | null, e: EnterpriseRef): boolean {
  return canOnItem(actor, 'view_record', enterpriseItem(e));
}

export function assertMayReadEnterprise(actor: Actor | null, e: EnterpriseRef): void {
  if (!mayReadEnterprise(actor, e)) throw new Forbidden(t('umkm.error.outOfScope'));
}

/** The owner's NIK and the turnover in full (masked otherwise); a staff read is audited. */
export function seesInFull(actor: Actor | null, e: EnterpriseRef): boolean {
  return canOnItem(actor, 'view_personal', enterpriseItem(e));
}

/** Entering, changing, confirming and returning enterprises: the village's own office. */
export function mayKeep(actor: Actor | null, villageCode: string): boolean {
  return actor?.kind === 'system' || isVillageOffice(actor, villageCode);
}

export function assertMayKeep(actor: Actor | null, villageCode: string): void {
  if (!mayKeep(actor, villageCode)) throw new Forbidden(t('umkm.error.notYourVillage'));
}

/** The village a staff member keeps enterprises of, or null. */
export function keptVillage(actor: Actor | null): string | null {
  if (actor?.kind !== 'staff' || actor.scope.type !== 'region') return null;
  return mayKeep(actor, actor.scope.code) ? actor.scope.code : null;
}

/**
 * Which enterprises a staff list or export holds: a region's (village office, camat, admin), every
 * village's (Diskoperindag, admin); anybody else reads no list.
 */
export function recordRegion(actor: Actor | null): string | null {
  if (actor?.kind === 'system') return null;
  if (actor?.kind !== 'staff') throw new Forbidden(t('umkm.error.outOfScope'));
  if (actor.scope.type === 'agency') {
    if (canOnItem(actor, 'view_record', { handler: { kind: 'agency', code: UMKM_AGENCY } })) return null;
    throw new Forbidden(t('umkm.error.notYourField'));
  }
  if (!canOnItem(actor, 'view_record', { villageCode: actor.scope.code }))
    throw new Forbidden(t('umkm.error.outOfScope'));
  return scopeLevel(actor.scope.code) === 'regency' ? null : actor.scope.code;
}

/** A region's registry, asked for by code: refused outside the actor's records. */
export function assertMayListRegion(actor: Actor | null, region: string): void {
  const own = recordRegion(actor);
  if (own !== null && !(region === own || region.startsWith(`${own}.`)))
    throw new Forbidden(t('umkm.error.outOfScope'));
}

export function readsRecords(actor: Actor | null): boolean {
  try {
    recordRegion(actor);
    return true;
  } catch {
    return false;
  }
}

/** Figures of a region (counts by sector, scale, village): the platform's figures rule. */
export function mayReadFigures(actor: Actor | null, region: string): boolean {
  return canOnItem(actor, 'view_figures', { villageCode: region });
}

export function assertMayReadFigures(actor: Actor | null, region: string): void {
  if (!mayReadFigures(actor, region)) throw new Forbidden(t('umkm.error.outOfScope'));
}
