import { canOnItem, type Item, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';

/**
 * Who may see and keep the health records (UU 27/2022: health data is sensitive personal data).
 *
 * - the village office (operator, kepala and sekretaris desa) keeps its village's posyandu and reads
 *   its children in full;
 * - a kader (`kader_posyandu`, who holds no right at platform level) reads and measures the children
 *   of the one posyandu `health_kader` links them to, nothing else;
 * - Dinkes (`opd` officers of agency DINKES, puskesmas staff among them) reads every record of the
 *   regency: health records are routed to Dinkes as their handler;
 * - admin kabupaten reads all;
 * - a parent (resident) reads the children whose resident id or family card is theirs;
 * - the camat and everybody else read aggregates only (no child's name).
 */
export const HEALTH_AGENCY = 'DINKES';

/** The posyandu a kader account is linked to, looked up once per request by the service. */
export interface HealthAccess {
  actor: Actor | null;
  kaderPosyanduId: string | null;
}

export interface ChildRef {
  villageCode: string;
  posyanduId: string;
  residentId: string | null;
  familyNumber: string | null;
  /** the mother's resident id: she is the parent who logs in most often */
  motherResidentId?: string | null;
}

export function isKader(actor: Actor | null): boolean {
  return actor?.kind === 'staff' && actor.role === 'kader_posyandu';
}

function childItem(child: ChildRef): Item {
  return {
    villageCode: child.villageCode,
    handler: { kind: 'agency', code: HEALTH_AGENCY },
    subject: { residentId: child.residentId, familyNumber: child.familyNumber },
  };
}

/** One child's record (name, measurements, chart): in full or not at all, and audited for staff. */
export function mayReadChild(access: HealthAccess, child: ChildRef): boolean {
  const { actor } = access;
  if (isKader(actor)) return access.kaderPosyanduId === child.posyanduId;
  if (actor?.kind === 'resident' && child.motherResidentId && child.motherResidentId === actor.id)
    return true;
  return canOnItem(actor, 'view_personal', childItem(child));
}

export function assertMayReadChild(access: HealthAccess, child: ChildRef): void {
  if (!mayReadChild(access, child)) throw new Forbidden(t('health.error.notYourChild'));
}

/** Entering measurements and registering children of a posyandu: its kader and its village office. */
export function mayRecordAt(access: HealthAccess, posyandu: { id: string; villageCode: string }): boolean {
  if (isKader(access.actor)) return access.kaderPosyanduId === posyandu.id;
  if (access.actor?.kind === 'staff' && access.actor.role === 'admin_kabupaten') return false;
  return canOnItem(access.actor, 'edit', { villageCode: posyandu.villageCode });
}

export function assertMayRecordAt(access: HealthAccess, posyandu: { id: string; villageCode: string }): void {
  if (!mayRecordAt(access, posyandu)) throw new Forbidden(t('health.error.notYourPosyandu'));
}

/** Opening a posyandu and linking its kader: the village office only. */
export function mayKeepPosyandu(actor: Actor | null, villageCode: string): boolean {
  if (actor?.kind === 'system') return true;
  if (actor?.kind !== 'staff' || actor.scope.type !== 'region') return false;
  return scopeLevel(actor.scope.code) === 'village' && canOnItem(actor, 'edit', { villageCode });
}

export function assertMayKeepPosyandu(actor: Actor | null, villageCode: string): void {
  if (!mayKeepPosyandu(actor, villageCode)) throw new Forbidden(t('health.error.notYourVillage'));
}

/**
 * Which children a staff list holds: one posyandu (kader), a region (village office, admin), the
 * whole regency (Dinkes); anybody else reads no list of children.
 */
export type RecordScope = { posyanduId: string } | { region: string | null };

export function recordScope(access: HealthAccess): RecordScope {
  const { actor } = access;
  if (isKader(actor)) {
    if (!access.kaderPosyanduId) throw new Forbidden(t('health.error.kaderWithoutPosyandu'));
    return { posyanduId: access.kaderPosyanduId };
  }
  if (actor?.kind === 'system') return { region: null };
  if (actor?.kind !== 'staff') throw new Forbidden(t('health.error.recordsOutOfScope'));
  if (actor.scope.type === 'agency') {
    if (readsDinkesRecords(actor)) return { region: null };
    throw new Forbidden(t('health.error.recordsOutOfScope'));
  }
  if (!canOnItem(actor, 'view_personal', { villageCode: actor.scope.code }))
    throw new Forbidden(t('health.error.recordsOutOfScope'));
  return { region: scopeLevel(actor.scope.code) === 'regency' ? null : actor.scope.code };
}

/** Dinkes officers (puskesmas staff among them): every health record of the regency, read only. */
export function readsDinkesRecords(actor: Actor | null): boolean {
  if (actor?.kind !== 'staff' || actor.scope.type !== 'agency') return false;
  return canOnItem(actor, 'view_personal', { handler: { kind: 'agency', code: HEALTH_AGENCY } });
}

/** May the actor read lists of children at all (for menus and the work queue)? */
export function readsRecords(access: HealthAccess): boolean {
  try {
    recordScope(access);
    return true;
  } catch {
    return false;
  }
}

/** A region's posyandu list (names, counts, no child): whoever reads the region's figures, and a kader their own. */
export function mayReadPosyanduOf(
  access: HealthAccess,
  posyandu: { id: string; villageCode: string },
): boolean {
  if (isKader(access.actor)) return access.kaderPosyanduId === posyandu.id;
  return canOnItem(access.actor, 'view_figures', { villageCode: posyandu.villageCode });
}
