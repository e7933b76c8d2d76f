import { canOnItem, isVillageOffice, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { ACCESS_CLASSES, type AccessClass } from './documents/schema.ts';

// The archive's rules in one place: the registers of letters first, then the documents.

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

/** Whether the officer has registers to read at all (`registerRegion` answers). */
export function readsRegister(actor: Actor | null): boolean {
  try {
    registerRegion(actor);
    return true;
  } catch {
    return false;
  }
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

// ---- documents

/**
 * Who reads which access class (SKKAAD) of a village's archive:
 *
 * - biasa: whoever reads the village's records (its office, the camat of its kecamatan, admin kabupaten);
 * - terbatas: the village office (operator, sekretaris and kepala desa) and admin kabupaten;
 * - rahasia: the kepala desa and the sekretaris desa of the village;
 * - sangat_rahasia: the kepala desa of the village only.
 *
 * Residents, visitors and agency officers read none (an archive document is routed to no agency).
 * Filing is for the village office, in a class its filer may read; deleting (with a reason) for the
 * kepala and sekretaris desa; approving an usul musnah for the kepala desa alone.
 */
function isRole(actor: Actor | null, ...roles: string[]): boolean {
  return actor?.kind === 'staff' && roles.includes(actor.role);
}

export function mayReadClass(actor: Actor | null, villageCode: string, accessClass: AccessClass): boolean {
  if (actor?.kind === 'system') return true;
  switch (accessClass) {
    case 'biasa':
      return canOnItem(actor, 'view_record', { villageCode });
    case 'terbatas':
      return isVillageOffice(actor, villageCode) || canOnItem(actor, 'manage', { villageCode });
    case 'rahasia':
      return isVillageOffice(actor, villageCode) && isRole(actor, 'kepala_desa', 'sekretaris_desa');
    case 'sangat_rahasia':
      return isVillageOffice(actor, villageCode) && isRole(actor, 'kepala_desa');
  }
}

export function assertMayReadDocument(
  actor: Actor | null,
  doc: { villageCode: string; accessClass: AccessClass },
): void {
  if (!mayReadClass(actor, doc.villageCode, doc.accessClass))
    throw new Forbidden(t('archiveDocuments.error.accessClass'));
}

/**
 * The documents a list or a search may hold, as a region and the classes readable there: within
 * a village the classes follow the role; a kecamatan or regency scope reads what it may of every
 * village beneath (biasa, and terbatas for admin kabupaten). Null region: every village.
 */
export interface ArchiveReadScope {
  region: string | null;
  classes: AccessClass[];
}

export function archiveReadScope(actor: Actor | null): ArchiveReadScope {
  if (actor?.kind === 'system') return { region: null, classes: [...ACCESS_CLASSES] };
  if (actor?.kind !== 'staff' || actor.scope.type !== 'region')
    throw new Forbidden(t('archiveDocuments.error.noArchive'));
  const region = actor.scope.code;
  const level = scopeLevel(region);
  // a sample village inside the region stands for all of them: the rules depend on scope and role only
  const probe = level === 'village' ? region : `${region}${level === 'regency' ? '.00' : ''}.0000`;
  const classes = ACCESS_CLASSES.filter((c) => mayReadClass(actor, probe, c));
  if (classes.length === 0) throw new Forbidden(t('archiveDocuments.error.noArchive'));
  return { region: level === 'regency' ? null : region, classes };
}

export function mayReadArchive(actor: Actor | null): boolean {
  try {
    archiveReadScope(actor);
    return true;
  } catch {
    return false;
  }
}

/** The village an actor files documents for: their own village office's. */
export function filingVillage(actor: Actor | null): string {
  if (actor?.kind === 'staff' && actor.scope.type === 'region' && isVillageOffice(actor, actor.scope.code))
    return actor.scope.code;
  throw new Forbidden(t('archiveDocuments.error.notFiler'));
}

export function mayFile(actor: Actor | null): boolean {
  try {
    filingVillage(actor);
    return true;
  } catch {
    return false;
  }
}

/** Changing a document's metadata: its village office, for a document of a class the editor reads. */
export function mayEditDocument(
  actor: Actor | null,
  doc: { villageCode: string; accessClass: AccessClass },
): boolean {
  if (actor?.kind === 'system') return true;
  return isVillageOffice(actor, doc.villageCode) && mayReadClass(actor, doc.villageCode, doc.accessClass);
}

export function assertMayEditDocument(
  actor: Actor | null,
  doc: { villageCode: string; accessClass: AccessClass },
): void {
  if (!mayEditDocument(actor, doc)) throw new Forbidden(t('archiveDocuments.error.notEditor'));
}

export function mayDeleteDocument(
  actor: Actor | null,
  doc: { villageCode: string; accessClass: AccessClass },
): boolean {
  if (actor?.kind === 'system') return true;
  return (
    isVillageOffice(actor, doc.villageCode) &&
    isRole(actor, 'kepala_desa', 'sekretaris_desa') &&
    mayReadClass(actor, doc.villageCode, doc.accessClass)
  );
}

export function assertMayDeleteDocument(
  actor: Actor | null,
  doc: { villageCode: string; accessClass: AccessClass },
): void {
  if (!mayDeleteDocument(actor, doc)) throw new Forbidden(t('archiveDocuments.error.notDeleter'));
}

/** The usul musnah of a village: read by its office, approved by its kepala desa. */
export function mayReviewRetention(actor: Actor | null): boolean {
  return actor?.kind === 'staff' && actor.scope.type === 'region' && isVillageOffice(actor, actor.scope.code);
}

export function mayApproveDestruction(actor: Actor | null, villageCode: string): boolean {
  if (actor?.kind === 'system') return true;
  return isVillageOffice(actor, villageCode) && isRole(actor, 'kepala_desa');
}

export function assertMayApproveDestruction(actor: Actor | null, villageCode: string): void {
  if (!mayApproveDestruction(actor, villageCode))
    throw new Forbidden(t('archiveDocuments.error.notApprover'));
}
