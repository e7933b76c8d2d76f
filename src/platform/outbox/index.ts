import type { Ctx } from '../context.ts';
import { backoffDelay } from '../jobs/backoff.ts';

export type Channel = 'sms' | 'whatsapp' | 'email' | 'log';

export interface Notification {
  channel: Channel;
  recipient: string;
  subject?: string;
  body: string;
}

/** Delivers one message; SMS/WhatsApp gateways plug in here by configuration, not code. */
export interface NotificationSender {
  send(message: Notification & { id: string }): Promise<void>;
}

export function logSender(ctx: Ctx): NotificationSender {
  return {
    async send(message) {
      ctx.log.info(
        { notification: message.id, channel: message.channel, recipient: message.recipient },
        'notification sent (log sender)',
      );
    },
  };
}

/** Posts each message as JSON to a gateway (an SMS/WhatsApp provider adapter, or the regency's bus). */
export function webhookSender(url: string): NotificationSender {
  return {
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`gateway answered ${response.status}`);
    },
  };
}

export function senderFor(ctx: Ctx): NotificationSender {
  if (ctx.config.notifySender === 'webhook' && ctx.config.notifyWebhookUrl)
    return webhookSender(ctx.config.notifyWebhookUrl);
  return logSender(ctx);
}

/** Queues a message in the outbox (in the caller's transaction when ctx.db is one). */
export async function enqueueNotification(ctx: Ctx, message: Notification): Promise<string> {
  const row = await ctx.db
    .insertInto('outbox')
    .values({
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? '',
      body: message.body,
      created_at: ctx.clock.now(),
      send_after: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Queues one message to each way a person left to reach them: their email, their phone, both or neither. */
export async function notifyContact(
  ctx: Ctx,
  contact: { email: string | null; phone: string | null },
  subject: string,
  body: string,
): Promise<void> {
  if (contact.email)
    await enqueueNotification(ctx, { channel: 'email', recipient: contact.email, subject, body });
  if (contact.phone)
    await enqueueNotification(ctx, { channel: 'sms', recipient: contact.phone, subject, body });
}

const MAX_ATTEMPTS = 5;

/**
 * Sends what is due; a failed message is retried after the jobs' backoff (1, 2, 4, 8 minutes after
 * its first, second … failure), then marked failed at the fifth.
 */
export async function deliverPendingNotifications(
  ctx: Ctx,
  sender: NotificationSender = senderFor(ctx),
  limit = 50,
) {
  const due = await ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('send_after', '<=', ctx.clock.now())
    .orderBy('created_at')
    .limit(limit)
    .execute();
  let sent = 0;
  for (const message of due) {
    try {
      await sender.send({
        id: message.id,
        channel: message.channel,
        recipient: message.recipient,
        subject: message.subject,
        body: message.body,
      });
      await ctx.db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: ctx.clock.now(), attempts: message.attempts + 1 })
        .where('id', '=', message.id)
        .execute();
      sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      await ctx.db
        .updateTable('outbox')
        .set({
          attempts,
          last_error: (error as Error).message.slice(0, 500),
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          send_after: new Date(ctx.clock.now().getTime() + backoffDelay(attempts)),
        })
        .where('id', '=', message.id)
        .execute();
    }
  }
  return { sent, attempted: due.length };
}
