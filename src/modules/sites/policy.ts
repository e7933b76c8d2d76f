import { canOnItem } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import './messages.ts';

/**
 * A village's website is written by its own office (operator, sekdes, kades) and admin kabupaten;
 * the camat reads what the villages of the kecamatan have in draft; the public reads what is published.
 */
export function mayEditSite(actor: Actor | null, villageCode: string): boolean {
  return canOnItem(actor, 'edit', { villageCode });
}

export function assertMayEditSite(actor: Actor | null, villageCode: string): void {
  if (!mayEditSite(actor, villageCode)) throw new Forbidden(t('sites.error.forbidden'));
}

/** Drafts, revisions and the staff lists of a village's site (and the pictures not yet shown). */
export function mayReadSiteDrafts(actor: Actor | null, villageCode: string): boolean {
  return canOnItem(actor, 'view_record', { villageCode });
}

export function assertMayReadSiteDrafts(actor: Actor | null, villageCode: string): void {
  if (!mayReadSiteDrafts(actor, villageCode)) throw new Forbidden(t('sites.error.forbidden'));
}
