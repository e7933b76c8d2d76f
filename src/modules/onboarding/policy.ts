import { canOnItem, regionContains, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import './messages.ts';

/**
 * The region whose village accounts this actor may make and follow: admin kabupaten the regency, a
 * camat its kecamatan (issue #13: the camat onboards its own villages), the system anything.
 * Village staff and agency officers make no accounts.
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

/** A village's own staff follow its checklist (and admin, who may fill anything in for it). */
export function mayFollowChecklist(actor: Actor | null, villageCode: string): boolean {
  return canOnItem(actor, 'edit', { villageCode });
}
