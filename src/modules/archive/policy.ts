import { canOnItem, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';

/**
 * Who keeps and reads the village registers of incoming and outgoing letters.
 *
 * - the village office (operator, kepala and sekretaris desa) registers, disposes and follows up
 *   the letters of its own village;
 * - deleting an entry is an act of the kepala desa or sekretaris desa (the officials who answer
 *   for the village's records), with a reason that is kept; the entry stays, marked deleted;
 * - a camat reads the registers of the villages of its kecamatan and changes nothing;
 * - everybody else (agencies, admin kabupaten, residents) reads no register: the letters are the
 *   village's own correspondence. Admin kabupaten keeps the classification list instead.
 */
function isStaffOfRegion(actor: Actor | null): actor is Extract<Actor, { kind: 'staff' }> {
  return actor?.kind === 'staff' && actor.scope.type === 'region';
}

function isVillageOffice(actor: Actor | null, villageCode: string): boolean {
  if (!isStaffOfRegion(actor)) return false;
  return scopeLevel(actor.scope.code) === 'village' && canOnItem(actor, 'edit', { villageCode });
}

export function mayKeepRegister(actor: Actor | null, villageCode: string): boolean {
  return actor?.kind === 'system' || isVillageOffice(actor, villageCode);
}

export function assertMayKeepRegister(actor: Actor | null, villageCode: string): void {
  if (!mayKeepRegister(actor, villageCode)) throw new Forbidden(t('archive.error.notYourVillage'));
}

export function mayReadRegister(actor: Actor | null, villageCode: string): boolean {
  if (mayKeepRegister(actor, villageCode)) return true;
  return isStaffOfRegion(actor) && actor.role === 'camat' && canOnItem(actor, 'view_record', { villageCode });
}

export function assertMayReadRegister(actor: Actor | null, villageCode: string): void {
  if (!mayReadRegister(actor, villageCode)) throw new Forbidden(t('archive.error.notYourVillage'));
}

/** The region whose registers a list shows: the officer's village or kecamatan; nobody else has one. */
export function registerRegion(actor: Actor | null): string {
  if (
    isStaffOfRegion(actor) &&
    ((scopeLevel(actor.scope.code) === 'village' && actor.role !== 'camat') ||
      (actor.role === 'camat' && scopeLevel(actor.scope.code) === 'kecamatan'))
  )
    return actor.scope.code;
  throw new Forbidden(t('archive.error.noRegister'));
}

export function mayDeleteEntry(actor: Actor | null, villageCode: string): boolean {
  return (
    isVillageOffice(actor, villageCode) &&
    actor?.kind === 'staff' &&
    (actor.role === 'kepala_desa' || actor.role === 'sekretaris_desa')
  );
}

export function assertMayDeleteEntry(actor: Actor | null, villageCode: string): void {
  if (!mayDeleteEntry(actor, villageCode)) throw new Forbidden(t('archive.error.deleteRole'));
}

/** The classification list is regency data: admin kabupaten keeps it (and the system seeds it). */
export function mayKeepClassification(actor: Actor | null): boolean {
  return canOnItem(actor, 'manage');
}

export function assertMayKeepClassification(actor: Actor | null): void {
  if (!mayKeepClassification(actor)) throw new Forbidden(t('archive.error.classificationAdmin'));
}
