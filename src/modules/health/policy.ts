import {
  canOnItem,
  type Item,
  isVillageOffice,
  regionContains,
  scopeLevel,
} from '../../platform/auth/policy.ts';
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
 *   regency (health records are routed to Dinkes as their handler), unless assigned to one
 *   puskesmas: then the records of its area's villages only (aggregates stay regency-wide);
 * - admin kabupaten reads all;
 * - a parent (resident) reads the children whose resident id or family card is theirs;
 * - the camat and everybody else read aggregates only (no child's name).
 */
export const HEALTH_AGENCY = 'DINKES';

/** A puskesmas and the villages of its area. */
export interface PuskesmasArea {
  code: string;
  villages: string[];
}

/**
 * The posyandu a kader account is linked to and the puskesmas a Dinkes officer is assigned to,
 * looked up once per request by the service.
 */
export interface HealthAccess {
  actor: Actor | null;
  kaderPosyanduId: string | null;
  /** set only for a Dinkes officer assigned to a puskesmas */
  area?: PuskesmasArea | null;
}

function outsideArea(access: HealthAccess, villageCode: string): boolean {
  return !!access.area && !access.area.villages.includes(villageCode);
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
  if (outsideArea(access, child.villageCode)) return false;
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
  return actor?.kind === 'system' || isVillageOffice(actor, villageCode);
}

export function assertMayKeepPosyandu(actor: Actor | null, villageCode: string): void {
  if (!mayKeepPosyandu(actor, villageCode)) throw new Forbidden(t('health.error.notYourVillage'));
}

/**
 * Which children a staff list holds: one posyandu (kader), a region (village office, admin), the
 * villages of a puskesmas area (an assigned Dinkes officer), the whole regency (Dinkes); anybody
 * else reads no list of children.
 */
export type RecordScope = { posyanduId: string } | { region: string | null } | { villages: string[] };

export function recordScope(access: HealthAccess): RecordScope {
  const { actor } = access;
  if (isKader(actor)) {
    if (!access.kaderPosyanduId) throw new Forbidden(t('health.error.kaderWithoutPosyandu'));
    return { posyanduId: access.kaderPosyanduId };
  }
  if (actor?.kind === 'system') return { region: null };
  if (actor?.kind !== 'staff') throw new Forbidden(t('health.error.recordsOutOfScope'));
  if (actor.scope.type === 'agency') {
    if (readsDinkesRecords(actor)) return access.area ? { villages: access.area.villages } : { region: null };
    throw new Forbidden(t('health.error.recordsOutOfScope'));
  }
  if (!canOnItem(actor, 'view_personal', { villageCode: actor.scope.code }))
    throw new Forbidden(t('health.error.recordsOutOfScope'));
  return { region: scopeLevel(actor.scope.code) === 'regency' ? null : actor.scope.code };
}

/** Does a (region or area) record scope hold the village? */
export function scopeHoldsVillage(scope: RecordScope, villageCode: string): boolean {
  if ('villages' in scope) return scope.villages.includes(villageCode);
  if ('region' in scope) return scope.region === null || regionContains(scope.region, villageCode);
  return false;
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

/** What an export of records covers: a region (village, kecamatan, regency) or a puskesmas area. */
export type RecordArea = { region: string } | { puskesmas: PuskesmasArea };

/**
 * May the actor take every record of the area (the e-PPGBM sheet)? Only when the area lies within
 * their record scope: an assigned Dinkes officer their own puskesmas or one of its villages, a
 * village office its village (not a puskesmas area, which holds other villages), regency-wide
 * readers anything. A kader (one posyandu) never.
 */
export function mayReadRecordsOf(access: HealthAccess, area: RecordArea): boolean {
  let scope: RecordScope;
  try {
    scope = recordScope(access);
  } catch (error) {
    if (error instanceof Forbidden) return false;
    throw error;
  }
  if ('posyanduId' in scope) return false;
  if ('villages' in scope)
    return 'puskesmas' in area
      ? area.puskesmas.code === access.area?.code
      : scopeLevel(area.region) === 'village' && scope.villages.includes(area.region);
  const { region } = scope;
  if (region === null) return true;
  if ('region' in area) return regionContains(region, area.region);
  return (
    area.puskesmas.villages.length > 0 && area.puskesmas.villages.every((v) => regionContains(region, v))
  );
}

/**
 * Keeping the puskesmas list, their areas and the officers assigned to them: admin kabupaten and
 * Dinkes officers not assigned to one puskesmas (Dinkes' own regency-wide desk).
 */
export function mayKeepPuskesmas(access: HealthAccess): boolean {
  const { actor } = access;
  if (actor?.kind === 'system') return true;
  if (actor?.kind === 'staff' && actor.role === 'admin_kabupaten') return true;
  return readsDinkesRecords(actor) && !access.area;
}

export function assertMayKeepPuskesmas(access: HealthAccess): void {
  if (!mayKeepPuskesmas(access)) throw new Forbidden(t('health.puskesmas.notAllowed'));
}
