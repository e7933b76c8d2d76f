import { canOnItem } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import './messages.ts';

/** A village's office details (address, phone, e-mail) are kept by its own staff and admin kabupaten. */
export function assertMayKeepVillageOffice(actor: Actor | null, villageCode: string): void {
  if (!canOnItem(actor, 'edit', { villageCode })) throw new Forbidden(t('regions.error.villageOutOfScope'));
}
