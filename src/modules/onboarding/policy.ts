import { canOnItem, regionContains, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import './messages.ts';

const VILLAGE_OFFICE: readonly Role[] = ['operator_desa', 'sekretaris_desa', 'kepala_desa'];

/**
 * The region whose village accounts this actor may make and follow: admin kabupaten the regency, a
 * camat its kecamatan (issue #13: the camat onboards its own villages), the system anything.
 * Agency officers make no accounts; a village office only its kader (`mayCreateAccount`).
 */
export function onboardingRegion(actor: Actor | null, regencyCode: string): string | null {
  if (!actor || actor.kind === 'resident') return null;
  if (actor.kind === 'system') return regencyCode;
  if (actor.scope.type !== 'region') return null;
  const level = scopeLevel(actor.scope.code);
  if (level === 'regency') return canOnItem(actor, 'manage') ? actor.scope.code : null;
  if (level === 'kecamatan')
    return canOnItem(actor, 'view_record', { villageCode: actor.scope.code }) ? actor.scope.code : null;
  return null;
}

export function assertMayOnboard(actor: Actor | null, regencyCode: string): string {
  const region = onboardingRegion(actor, regencyCode);
  if (!region) throw new Forbidden(t('onboarding.error.forbidden'));
  return region;
}

/** May this actor make (or re-issue the code of) an account in this village? */
export function mayOnboardVillage(actor: Actor | null, regencyCode: string, villageCode: string): boolean {
  const region = onboardingRegion(actor, regencyCode);
  return region !== null && regionContains(region, villageCode);
}

/**
 * May this actor make (or re-issue the code of) an account of this role in this village? Whoever
 * onboards the village makes any village account; the village office itself makes only its
 * posyandu kader (issue #14: kader are many and change often, the office knows them).
 */
export function mayCreateAccount(
  actor: Actor | null,
  regencyCode: string,
  villageCode: string,
  role: Role,
): boolean {
  if (mayOnboardVillage(actor, regencyCode, villageCode)) return true;
  return (
    role === 'kader_posyandu' &&
    actor?.kind === 'staff' &&
    VILLAGE_OFFICE.includes(actor.role) &&
    canOnItem(actor, 'edit', { villageCode })
  );
}

/** A village's own staff follow its checklist (and admin, who may fill anything in for it). */
export function mayFollowChecklist(actor: Actor | null, villageCode: string): boolean {
  return canOnItem(actor, 'edit', { villageCode });
}
