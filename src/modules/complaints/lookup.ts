/** Finding one's report again: a ticket typed loosely, or the phone number the report was filed with. */
import type { Ctx } from '../../platform/context.ts';
import { Invalid, TooManyRequests } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { sha256, text, trackingUrl } from './common.ts';
import * as repo from './repo.ts';

/** "pgd abcd efgh", "PGD-ABCD-EFGH ", "pgdabcdefgh" → "PGD-ABCD-EFGH"; null when it is no ticket. */
export function normaliseTicket(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const match = /^PGD([A-Z0-9]{4})([A-Z0-9]{4})$/.exec(compact);
  return match ? `PGD-${match[1]}-${match[2]}` : null;
}

/** 0812…, +62812…, 62812… and spaces or dashes between: one form, starting with 0. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.()-]/g, '');
  if (!/^(\+62|62|0)8\d{7,12}$/.test(digits)) return null;
  return digits.replace(/^(\+62|62)/, '0');
}

const LOOKUPS_PER_HOUR = 3;

/**
 * The tickets filed with a phone number are sent to that number (SMS), never shown on the page:
 * whoever types a number must also hold the phone to learn what was reported from it. The page
 * says the same thing whether or not reports exist, so it does not tell who has reported.
 */
export async function sendTicketsByPhone(
  ctx: Ctx,
  input: { phone: string; ip?: string | null },
): Promise<void> {
  const phone = normalisePhone(input.phone ?? '');
  if (!phone) throw new Invalid({ phone: t('complaints.errors.phone') });
  const since = new Date(ctx.clock.now().getTime() - 3_600_000);
  const keys = [`lookup:${sha256(phone)}`, ...(input.ip ? [`lookup-ip:${sha256(input.ip)}`] : [])];
  for (const key of keys)
    if ((await repo.countIntake(ctx.db, key, since)) >= LOOKUPS_PER_HOUR)
      throw new TooManyRequests(t('complaints.errors.tooManyLookups'));
  const tickets = await repo.selectTicketsByPhone(ctx.db, phone);
  await repo.insertIntake(ctx.db, keys, ctx.clock.now());
  if (tickets.length === 0) return;
  const lines = tickets.map((ticket) => `${ticket}: ${trackingUrl(ctx, ticket)}`).join('\n');
  await enqueueNotification(ctx, {
    channel: 'sms',
    recipient: phone,
    subject: text('complaints.lookup.subject'),
    body: text('complaints.lookup.body', { list: lines }),
  });
}
