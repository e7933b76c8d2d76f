import { audit } from './audit/service.ts';
import { canOnItem } from './auth/policy.ts';
import type { Ctx } from './context.ts';
import { Forbidden, Invalid, NotFound } from './http/errors.ts';
import { t } from './i18n/index.ts';

/**
 * Sets the e-mail of an agency's head (kepala dinas), where overdue complaints are escalated.
 * Added by the complaints module (agencies had no way to set it); admin kabupaten only.
 */
export async function setAgencyHeadEmail(ctx: Ctx, code: string, email: string): Promise<void> {
  if (!canOnItem(ctx.actor, 'manage')) throw new Forbidden(t('error.agencyContactsAdminOnly'));
  const value = email.trim();
  if (value && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value))
    throw new Invalid({ [`head_${code}`]: t('error.emailInvalid') });
  const result = await ctx.db
    .updateTable('agencies')
    .set({ head_email: value || null })
    .where('code', '=', code)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound(t('error.agencyNotFound'));
  await audit(ctx, {
    action: 'agency_head_email',
    entity: 'agency',
    entityId: code,
    detail: { email: value || null },
  });
}
