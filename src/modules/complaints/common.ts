/**
 * What the complaints files share: abuse limits, tickets, the module's own texts for history and
 * messages, and telling reporters (and the reporters of duplicates) what happened.
 */
import { createHash, randomInt } from 'node:crypto';
import type { StaffActor } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { registerMessages, t } from '../../platform/i18n/index.ts';
import { notifyContact } from '../../platform/outbox/index.ts';
import { messages } from './messages.ts';
import { requireComplaintsAdmin } from './policy.ts';
import * as repo from './repo.ts';
import type { State } from './states.ts';

// the services throw errors through t(); a job, the CLI or a test may call them before any app has loaded
registerMessages(messages);

/** Abuse limits (per IP address and per account) and the duplicate-suggestion window. */
export const LIMITS = {
  perIpPer10Min: 5,
  perIpPerDay: 30,
  perAccountPerHour: 10,
  /** an Open311 client (an app's server) speaks for many residents from one address */
  perClientPer10Min: 300,
  nearbyRadiusM: 50,
  nearbyDays: 30,
  /** working days after a missed deadline before the admin kabupaten is told too */
  escalateToAdminAfter: 2,
  /** how far an earlier report may lie for its village to stand for a GPS point's village */
  nearestVillageM: 1500,
};

const TICKET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newTicket(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return `PGD-${code.slice(0, 4)}-${code.slice(4)}`;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Texts stored in the history or sent in messages are written in Indonesian, so they read the same
 * whether a request (in any language), a job or the CLI produced them: the platform's t() in 'id'.
 */
export function text(
  key: string,
  params: Record<string, string | number> = {},
  locale: 'id' | 'en' = 'id',
): string {
  return t(key, params, locale);
}

const LONG_DATE = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' });

export function longDate(instant: Date): string {
  return LONG_DATE.format(instant);
}

export function stateLabel(state: State, locale: 'id' | 'en' = 'id'): string {
  return text(`complaints.state.${state}`, {}, locale);
}

export function requireManage(ctx: Ctx): StaffActor {
  return requireComplaintsAdmin(ctx.actor);
}

export function trackingUrl(ctx: Ctx, ticket: string, key?: string): string {
  return `${ctx.config.publicUrl}/pengaduan/${ticket}${key ? `?kunci=${key}` : ''}`;
}

export async function notifyReporter(
  ctx: Ctx,
  contact: { email: string | null; phone: string | null },
  ticket: string,
  body: string,
): Promise<void> {
  await notifyContact(ctx, contact, text('complaints.notify.subject', { ticket }), body);
}

/**
 * The reporter, and the reporters of every report marked as its duplicate: updates on the
 * original follow to them (FixMyStreet's lesson), each with a link to the original.
 */
export async function notifyFollowers(
  ctx: Ctx,
  row: { id: string; ticket: string; reporter_email: string | null; reporter_phone: string | null },
  body: (ticket: string) => string,
): Promise<void> {
  await notifyReporter(
    ctx,
    { email: row.reporter_email, phone: row.reporter_phone },
    row.ticket,
    body(row.ticket),
  );
  for (const duplicate of await repo.selectDuplicateContacts(ctx.db, row.id))
    await notifyReporter(
      ctx,
      { email: duplicate.reporter_email, phone: duplicate.reporter_phone },
      row.ticket,
      body(row.ticket),
    );
}
