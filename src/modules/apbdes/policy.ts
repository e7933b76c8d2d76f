import { canOnItem, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';

/**
 * Who may do what with a village's APBDes. The budget is the village's own record: its office
 * (operator, sekretaris, kepala desa) keeps and publishes it; the camat reads the villages of the
 * kecamatan and admin kabupaten reads every village, drafts included, but neither writes a village's
 * books. A published APBDes is public information (UU 6/2014 art. 82, UU 14/2008): anyone reads it.
 */
export function mayKeepBudget(actor: Actor | null, villageCode: string): boolean {
  if (actor?.kind === 'system') return true;
  if (actor?.kind !== 'staff' || actor.scope.type !== 'region') return false;
  if (scopeLevel(actor.scope.code) !== 'village') return false;
  return canOnItem(actor, 'edit', { villageCode });
}

export function mayReadDraft(actor: Actor | null, villageCode: string): boolean {
  return mayKeepBudget(actor, villageCode) || canOnItem(actor, 'view_record', { villageCode });
}

export function assertMayKeepBudget(actor: Actor | null, villageCode: string): void {
  if (!mayKeepBudget(actor, villageCode)) throw new Forbidden(t('apbdes.error.notYourVillage'));
}

export function assertMayReadDraft(actor: Actor | null, villageCode: string): void {
  if (!mayReadDraft(actor, villageCode)) throw new Forbidden(t('apbdes.error.outOfScope'));
}
