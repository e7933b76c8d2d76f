import { canOnItem, type Item, isVillageOffice, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';

/**
 * Who may see and keep aid records (UU 27/2022: who receives aid is personal data).
 *
 * - the village office (operator, kepala and sekretaris desa) keeps its village's registry and
 *   applications and reads them in full;
 * - Dinsos officers read every village's records (aid records are routed to Dinsos as handler)
 *   and decide forwarded applications;
 * - admin kabupaten reads all and keeps the regency's programmes, but decides nothing;
 * - a camat reads the kecamatan's figures and its records masked; other agencies read figures only;
 * - a resident reads the applications and entries whose subject is themself or their family.
 */
export const AID_AGENCY = 'DINSOS';

export interface AidSubject {
  villageCode: string;
  residentId?: string | null;
  familyNumber?: string | null;
}

function aidItem(subject: AidSubject): Item {
  return {
    villageCode: subject.villageCode,
    handler: { kind: 'agency', code: AID_AGENCY },
    subject: { residentId: subject.residentId ?? null, familyNumber: subject.familyNumber ?? null },
  };
}

export function mayReadAidRecord(actor: Actor | null, subject: AidSubject): boolean {
  return canOnItem(actor, 'view_record', aidItem(subject));
}

export function assertMayReadAidRecord(actor: Actor | null, subject: AidSubject): void {
  if (!mayReadAidRecord(actor, subject)) throw new Forbidden(t('aid.error.notYours'));
}

/** NIK, KK and the reasons in full; the camat reads records masked. */
export function seesAidInFull(actor: Actor | null, subject: AidSubject): boolean {
  return canOnItem(actor, 'view_personal', aidItem(subject));
}

/** Keeping a village's registry and verifying its applications: the village office only. */
export function mayKeepVillageAid(actor: Actor | null, villageCode: string): boolean {
  return actor?.kind === 'system' || isVillageOffice(actor, villageCode);
}

export function assertMayKeepVillageAid(actor: Actor | null, villageCode: string): void {
  if (!mayKeepVillageAid(actor, villageCode)) throw new Forbidden(t('aid.error.notYourVillage'));
}

/** Approving or rejecting what villages forwarded: Dinsos officers. */
export function mayDecideAid(actor: Actor | null, villageCode: string): boolean {
  if (actor?.kind === 'system') return true;
  if (actor?.kind !== 'staff' || actor.scope.type !== 'agency') return false;
  return canOnItem(actor, 'handle', aidItem({ villageCode }));
}

export function assertMayDecideAid(actor: Actor | null, villageCode: string): void {
  if (!mayDecideAid(actor, villageCode)) throw new Forbidden(t('aid.error.notDinsos'));
}

/** Recording that the aid reached the family: the village office or Dinsos. */
export function mayRecordDisbursement(actor: Actor | null, villageCode: string): boolean {
  return mayKeepVillageAid(actor, villageCode) || mayDecideAid(actor, villageCode);
}

/** The regency's programmes (national and regional): admin kabupaten and Dinsos; a village its own. */
export function mayKeepProgramme(actor: Actor | null, villageCode: string | null): boolean {
  if (villageCode) return mayKeepVillageAid(actor, villageCode);
  return canOnItem(actor, 'manage') || mayDecideAid(actor, '36.04');
}

export function assertMayKeepProgramme(actor: Actor | null, villageCode: string | null): void {
  if (!mayKeepProgramme(actor, villageCode)) throw new Forbidden(t('aid.error.notProgrammeKeeper'));
}

/**
 * The villages a staff list of aid records holds: a region code, or null for every village
 * (Dinsos, admin kabupaten, a regency-scoped officer). Other agencies and residents read no list.
 */
export function aidRecordRegion(actor: Actor | null): string | null {
  if (actor?.kind === 'system') return null;
  if (actor?.kind !== 'staff') throw new Forbidden(t('aid.error.recordsOutOfScope'));
  if (actor.scope.type === 'agency') {
    if (canOnItem(actor, 'view_record', aidItem({ villageCode: '36.04' }))) return null;
    throw new Forbidden(t('aid.error.recordsOutOfScope'));
  }
  if (!canOnItem(actor, 'view_record', { villageCode: actor.scope.code }))
    throw new Forbidden(t('aid.error.recordsOutOfScope'));
  return scopeLevel(actor.scope.code) === 'regency' ? null : actor.scope.code;
}

export function readsAidRecords(actor: Actor | null): boolean {
  try {
    aidRecordRegion(actor);
    return true;
  } catch {
    return false;
  }
}
